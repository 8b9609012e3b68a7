#include "range_options.h"

#include "util/text.h"

#include <algorithm>
#include <charconv>
#include <thread>

#include "model/timestamp.h"

namespace mailflow::shell {

namespace {

bool parse_date_option(const ParsedArguments& arguments, std::string_view name,
                       std::optional<Day>& out, std::string& error) {
  const std::optional<std::string> text = arguments.value(name);
  if (!text) return true;
  out = parse_day(*text);
  if (!out) error = "--" + std::string(name) + " takes a date as YYYY-MM-DD, not \"" + *text + "\"";
  return out.has_value();
}

}  // namespace

std::optional<RangeRequest> parse_range_options(const ParsedArguments& arguments, std::string& error) {
  RangeRequest request;
  if (!parse_date_option(arguments, "from", request.from, error) ||
      !parse_date_option(arguments, "to", request.to, error)) {
    return std::nullopt;
  }
  if (const std::optional<std::string> days = arguments.value("days")) {
    int value = 0;
    const auto [end, ec] = std::from_chars(days->data(), days->data() + days->size(), value);
    if (ec != std::errc() || end != days->data() + days->size() || value < 1 ||
        value > kMaxStandardRangeDays) {
      error = "--days takes 1 to " + std::to_string(kMaxStandardRangeDays) +
              "; for a longer range give --from and --to";
      return std::nullopt;
    }
    if (request.from && request.to) {
      error = "--days cannot be combined with both --from and --to";
      return std::nullopt;
    }
    request.days = value;
  }
  request.all = arguments.has("all");
  if (request.all && (request.from || request.to || arguments.has("days"))) {
    error = "--all cannot be combined with --from, --to or --days";
    return std::nullopt;
  }
  if (request.from && request.to && *request.to < *request.from) {
    error = "--to is before --from";
    return std::nullopt;
  }
  return request;
}

std::optional<DateRange> resolve(const RangeRequest& request, const Aggregate& aggregate) {
  if (request.all) return full_range(aggregate);
  return resolve_range(aggregate, request.from, request.to, request.days);
}

std::optional<SessionOptions> parse_session_options(const ParsedArguments& arguments, std::string& error) {
  SessionOptions options;
  if (const std::optional<std::string> text = arguments.value("utc-offset")) {
    const std::optional<int> minutes = parse_utc_offset(*text);
    if (!minutes) return error = "--utc-offset takes an offset as +HH:MM or -HH:MM, not \"" + *text + "\"", std::nullopt;
    options.utc_offset_minutes = *minutes;
  }
  if (const std::optional<std::string> text = arguments.value("year")) {
    const std::optional<uint64_t> year = parse_u64(*text);
    if (!year || *year < 1970 || *year > 9999) return error = "--year takes a year such as 2026, not \"" + *text + "\"", std::nullopt;
    options.syslog_year = static_cast<int>(*year);
  }
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  if (const std::optional<std::string> text = arguments.value("threads")) {
    const std::optional<uint64_t> threads = parse_u64(*text);
    if (!threads || *threads < 1 || *threads > 1024)
      return error = "--threads takes a number of threads from 1 to 1024, not \"" + *text + "\"", std::nullopt;
    options.threads = static_cast<unsigned>(*threads);
  }
  return options;
}

}  // namespace mailflow::shell
