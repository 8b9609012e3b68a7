// The date options shared by the commands: --from/--to (YYYY-MM-DD), --days N (1 to 30) and
// --all (the whole span of the data). Without any, the views' default: the last 7 days of the data.
#pragma once

#include <optional>
#include <string>

#include "arguments.h"
#include "ingest/session_options.h"
#include "report/views.h"

namespace mailflow::shell {

inline constexpr OptionSpec kFromOption{"from", true};
inline constexpr OptionSpec kToOption{"to", true};
inline constexpr OptionSpec kDaysOption{"days", true};
inline constexpr OptionSpec kAllOption{"all", false};
inline constexpr OptionSpec kThreadsOption{"threads", true};

struct RangeRequest {
  std::optional<Day> from;
  std::optional<Day> to;
  int days = kDefaultRangeDays;
  bool all = false;
};

// nullopt with `error` set when a date is not YYYY-MM-DD, --days is out of range, --to is before
// --from, or --all is combined with another range option.
std::optional<RangeRequest> parse_range_options(const ParsedArguments& arguments, std::string& error);

// The range for this data; nullopt when there is no data and the request does not name one.
std::optional<DateRange> resolve(const RangeRequest& request, const Aggregate& aggregate);

// What the input cannot tell itself: "--utc-offset ±HH:MM" (the zone of timestamps written without
// one) and "--year YYYY" (the year of syslog lines that carry none); and "--threads N", the threads
// to read with (default: every core). nullopt with `error` when malformed.
std::optional<SessionOptions> parse_session_options(const ParsedArguments& arguments, std::string& error);

}  // namespace mailflow::shell
