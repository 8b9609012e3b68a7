// Timestamps as the sources write them: ISO 8601 (with or without fraction, `Z` or an offset) and
// the culture formats PowerShell's Export-Csv writes (`11/20/2026 8:15:02 AM`,
// `20.11.2026 08:15:02`, `20/11/2026 08:15:02`).
//
// A slash date such as 04/05/2026 is ambiguous until the file shows a value above 12 in one of the
// two places. The parser gathers that evidence per file; until the order is known it returns the
// date unresolved, and the caller keeps such messages aside (see ingest/day_resolver.h), so the
// answer never depends on where in the file the proof appears.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/day.h"
#include "util/state_bytes.h"

namespace mailflow {

enum class DateOrder : uint8_t { Unknown, MonthFirst, DayFirst };

struct Timestamp {
  // Resolved: `utc_seconds` is exact. Otherwise the date is a slash date whose order is unknown:
  // `year`, `first`, `second` as written, and `utc_seconds` holds the time of day (already
  // shifted by the zone offset, so it may be negative or exceed a day).
  bool resolved = true;
  int64_t utc_seconds = 0;
  int32_t year = 0;
  uint8_t first = 0;
  uint8_t second = 0;

  // The UTC day, given the order (only used when not resolved).
  std::optional<Day> day(DateOrder order) const;
};

// Timestamp::day for many stamps in turn: a log's rows mostly share their date, so an unresolved
// stamp's calendar date is worked out once for each run of stamps written with the same date.
class StampDays {
 public:
  std::optional<Day> operator()(const Timestamp& stamp, DateOrder order);

 private:
  bool known_ = false;
  int32_t year_ = 0;
  uint8_t first_ = 0, second_ = 0;
  DateOrder order_ = DateOrder::Unknown;
  std::optional<int64_t> days_;  // days since 1970 of the date above; nullopt: no such date
};

class TimestampParser {
 public:
  // Times written without a zone are taken to be `utc_offset_minutes` ahead of UTC.
  explicit TimestampParser(int utc_offset_minutes = 0) : offset_minutes_(utc_offset_minutes) {}

  std::optional<Timestamp> parse(std::string_view text);

  // What the values seen so far prove (or Unknown).
  DateOrder proven_order() const { return proven_; }
  // The order to use at the end of the file when nothing proved it: month first when the file
  // writes AM/PM (en-US), else day first (en-GB and the other 24-hour cultures).
  DateOrder fallback_order() const { return saw_am_pm_ ? DateOrder::MonthFirst : DateOrder::DayFirst; }
  bool saw_ambiguous() const { return saw_ambiguous_; }
  bool saw_conflict() const { return conflict_; }
  // Adds what `later` (the parser of the file's next range) saw, as if this parser had parsed it.
  void take_over(const TimestampParser& later);
  // What take_over reads of a parser, as bytes (a range parsed in another page worker).
  void write_evidence(StateWriter& out) const;
  bool read_evidence(StateReader& in);

 private:
  void prove(DateOrder order);

  int offset_minutes_;
  DateOrder proven_ = DateOrder::Unknown;
  bool saw_am_pm_ = false;
  bool saw_ambiguous_ = false;
  bool conflict_ = false;
  // The last date read ("2026-11-20", "20.11.2026", "11/20/2026"), as written, and what reading it
  // gave: a log's rows come in date order, so most stamps begin with it and skip reading it again.
  // `midnight`: the date's stamp at 00:00 without a zone, a time of day and its zone added to it;
  // a slash date's is its parts as written (what reading it proved is noted, and noting it again
  // would change nothing).
  void keep_date(std::string_view date, const Timestamp& midnight);
  char last_date_text_[10] = {};
  size_t last_date_size_ = 0;  // 0: none kept
  Timestamp last_date_;
};

// Parses "±HH:MM" (also "±HHMM", "Z"); minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view text);

}  // namespace mailflow
