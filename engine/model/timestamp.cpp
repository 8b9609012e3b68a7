#include "model/timestamp.h"

#include "util/text.h"

namespace mailflow {

namespace {

// A cursor over the text with the few reads a timestamp needs.
struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // 1..max_digits digits; -1 when there is none.
  int number(size_t max_digits, size_t* count = nullptr) {
    int v = 0;
    size_t n = 0;
    while (n < max_digits && is_digit(peek())) {
      v = v * 10 + (s[i++] - '0');
      ++n;
    }
    if (count) *count = n;
    return n ? v : -1;
  }
  void skip_spaces() {
    while (peek() == ' ' || peek() == '\t') ++i;
  }
};

struct TimeOfDay {
  int seconds = 0;     // since midnight, as written
  int zone = 0;        // minutes east of UTC, when `zoned`
  bool zoned = false;  // the text gives a zone
  bool am_pm = false;
  // Since midnight UTC (may be negative or exceed a day): in the text's zone, else `default_offset`.
  int64_t utc_seconds(int default_offset) const { return seconds - int64_t{zoned ? zone : default_offset} * 60; }
};
// The readings below fill a TimeOfDay in place and say whether the text was one: a returned
// std::optional was written to the stack field by field and read back whole, a stalled store
// forward on every row (perf annotate).

// "HH:MM:SS" or "HH:MM:SSZ" and nothing after it: what most exports write, read at fixed places.
bool plain_time(std::string_view text, TimeOfDay& t) {
  if (text.size() != 8 && !(text.size() == 9 && (text[8] == 'Z' || text[8] == 'z'))) return false;
  if (text[2] != ':' || text[5] != ':') return false;
  for (size_t i : {0, 1, 3, 4, 6, 7})
    if (!is_digit(text[i])) return false;
  const auto two_digits = [&](size_t at) { return (text[at] - '0') * 10 + (text[at + 1] - '0'); };
  const int hour = two_digits(0), minute = two_digits(3), second = two_digits(6);
  if (hour > 23 || minute > 59 || second > 60) return false;  // the general reading says why
  t.seconds = hour * 3600 + minute * 60 + second;
  t.zoned = text.size() == 9;
  return true;
}

// "H:MM:SS AM" or "HH:MM:SS PM" and nothing after it, as en-US exports write the time (a message
// trace's "11/20/2026 8:15:02 PM"), read at fixed places like plain_time.
bool plain_time_12h(std::string_view text, TimeOfDay& t) {
  if (text.size() != 10 && text.size() != 11) return false;
  const size_t o = text.size() - 10;  // 1 for a two-digit hour
  const char half = ascii_lower(text[8 + o]);
  if (text[1 + o] != ':' || text[4 + o] != ':' || text[7 + o] != ' ' || (half != 'a' && half != 'p') ||
      ascii_lower(text[9 + o]) != 'm')
    return false;
  for (size_t i : {size_t{0}, o, 2 + o, 3 + o, 5 + o, 6 + o})
    if (!is_digit(text[i])) return false;
  const auto digit = [&](size_t at) { return text[at] - '0'; };
  const int hour = o ? digit(0) * 10 + digit(1) : digit(0);
  const int minute = digit(2 + o) * 10 + digit(3 + o), second = digit(5 + o) * 10 + digit(6 + o);
  if (hour < 1 || hour > 12 || minute > 59 || second > 60) return false;  // the general reading says why
  t.seconds = (hour % 12 + (half == 'p' ? 12 : 0)) * 3600 + minute * 60 + second;
  t.am_pm = true;
  return true;
}

// "HH:MM[:SS[.fff...]][ ][AM|PM][Z|±HH:MM]", all of `text`; an empty text means midnight.
bool read_time(std::string_view text, TimeOfDay& t) {
  Cursor c{text};
  c.skip_spaces();
  if (c.done()) return true;
  const std::string_view written = text.substr(c.i);
  if (plain_time(written, t) || plain_time_12h(written, t)) return true;
  int hour = c.number(2);
  if (hour < 0 || !c.take(':')) return false;
  int minute = c.number(2);
  if (minute < 0 || minute > 59) return false;
  int second = 0;
  if (c.take(':')) {
    second = c.number(2);
    if (second < 0 || second > 60) return false;
    if (c.take('.') || c.take(',')) {
      size_t n = 0;
      c.number(9, &n);
      while (is_digit(c.peek())) ++c.i;  // 7-digit .NET fractions and longer
      if (n == 0) return false;
    }
  }
  c.skip_spaces();
  const std::string_view rest = c.s.substr(c.i);
  if (istarts_with(rest, "AM") || istarts_with(rest, "PM")) {
    if (hour < 1 || hour > 12) return false;
    const bool pm = ascii_lower(rest[0]) == 'p';
    hour = hour % 12 + (pm ? 12 : 0);
    t.am_pm = true;
    c.i += 2;
    c.skip_spaces();
  }
  if (hour > 23) return false;
  t.seconds = hour * 3600 + minute * 60 + second;
  if (c.take('Z') || c.take('z')) {
    t.zoned = true;
  } else if (c.peek() == '+' || c.peek() == '-') {
    const auto zone = parse_utc_offset(c.s.substr(c.i));
    if (!zone) return false;
    t.zone = *zone;
    t.zoned = true;
    c.i = c.s.size();
  }
  c.skip_spaces();
  return c.done();
}

// The time after a date that ends at `date_end`: "T" or spaces between them.
bool read_time_after(std::string_view text, size_t date_end, TimeOfDay& t) {
  if (date_end < text.size() && (text[date_end] == 'T' || text[date_end] == 't')) ++date_end;
  return read_time(text.substr(date_end), t);
}

Timestamp resolved(int64_t days, const TimeOfDay& t, int default_offset) {
  Timestamp ts;
  ts.utc_seconds = days * kSecondsPerDay + t.utc_seconds(default_offset);
  return ts;
}

}  // namespace

std::optional<Day> Timestamp::day(DateOrder order) const { return StampDays()(*this, order); }

std::optional<Day> StampDays::operator()(const Timestamp& stamp, DateOrder order) {
  if (stamp.resolved) return day_of(stamp.utc_seconds);
  if (!known_ || stamp.year != year_ || stamp.first != first_ || stamp.second != second_ || order != order_) {
    known_ = true;
    year_ = stamp.year, first_ = stamp.first, second_ = stamp.second, order_ = order;
    const CivilDate date = order == DateOrder::MonthFirst ? CivilDate{year_, first_, second_}
                                                          : CivilDate{year_, second_, first_};
    days_ = is_valid_civil(date) ? std::optional<int64_t>(day_from_civil(date)) : std::nullopt;
  }
  if (!days_) return std::nullopt;
  return day_of(*days_ * kSecondsPerDay + stamp.utc_seconds);
}

std::optional<int> parse_utc_offset(std::string_view text) {
  text = trim(text);
  if (text == "Z" || text == "z") return 0;
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  Cursor c{text, 1};
  size_t n = 0;
  int hours = c.number(2, &n);
  if (n != 2) return std::nullopt;
  c.take(':');
  int minutes = 0;
  if (!c.done()) {
    minutes = c.number(2, &n);
    if (n != 2) return std::nullopt;
  }
  if (!c.done() || hours > 14 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return text[0] == '-' ? -total : total;
}

std::optional<Timestamp> TimestampParser::parse(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;

  // Unix time, as SIEM exports often write it: 10 digits = seconds, 13 digits = milliseconds.
  if ((text.size() == 10 || text.size() == 13) && parse_u64(text)) {
    Timestamp ts;
    const int64_t v = static_cast<int64_t>(*parse_u64(text));
    ts.utc_seconds = text.size() == 13 ? v / 1000 : v;
    return ts;
  }

  if (last_date_size_ && text.size() > last_date_size_ && !is_digit(text[last_date_size_]) &&
      same_name(text.substr(0, last_date_size_), std::string_view(last_date_text_, last_date_size_))) {
    TimeOfDay time;
    if (!read_time_after(text, last_date_size_, time)) return std::nullopt;
    // A slash date: what reading it proved (its order, an ambiguous value) is noted already.
    if (!last_date_.resolved && time.am_pm) saw_am_pm_ = true;
    Timestamp ts = last_date_;
    ts.utc_seconds += time.utc_seconds(offset_minutes_);
    return ts;
  }

  Cursor c{text};
  size_t n1 = 0, n2 = 0, n3 = 0;
  const int a = c.number(4, &n1);
  const char separator = c.peek();
  if (a < 0 || (separator != '-' && separator != '/' && separator != '.')) return std::nullopt;
  ++c.i;
  const int b = c.number(2, &n2);
  if (b < 0 || !c.take(separator)) return std::nullopt;
  const int y = c.number(4, &n3);
  if (y < 0) return std::nullopt;
  const size_t date_size = c.i;
  TimeOfDay time;
  if (!read_time_after(text, date_size, time)) return std::nullopt;

  if (n1 == 4) {  // year first: ISO 8601 "2026-11-20T08:15:02Z" or "2026/11/20 08:15:02"
    const CivilDate date{a, b, y};
    if (n3 > 2 || !is_valid_civil(date)) return std::nullopt;
    const int64_t days = day_from_civil(date);
    keep_date(text.substr(0, date_size), {.utc_seconds = days * kSecondsPerDay});
    return resolved(days, time, offset_minutes_);
  }
  if (n3 != 4) return std::nullopt;
  if (separator == '.' || separator == '-') {  // "20.11.2026" (de-DE and most others): day first
    const CivilDate date{y, b, a};
    if (!is_valid_civil(date)) return std::nullopt;
    const int64_t days = day_from_civil(date);
    keep_date(text.substr(0, date_size), {.utc_seconds = days * kSecondsPerDay});
    return resolved(days, time, offset_minutes_);
  }

  // "11/20/2026" (en-US) or "20/11/2026" (en-GB): the file's values decide.
  if (time.am_pm) saw_am_pm_ = true;
  const bool first_is_day = a > 12, second_is_day = b > 12;
  if (first_is_day && second_is_day) return std::nullopt;
  if (first_is_day || second_is_day) {
    prove(first_is_day ? DateOrder::DayFirst : DateOrder::MonthFirst);
  }
  Timestamp ts;
  ts.resolved = false;
  ts.year = y;
  ts.first = static_cast<uint8_t>(a);
  ts.second = static_cast<uint8_t>(b);
  ts.utc_seconds = time.utc_seconds(offset_minutes_);
  if (!first_is_day && !second_is_day) saw_ambiguous_ = true;
  // Validate against both readings the file may turn out to use.
  const bool month_first_ok = is_valid_civil({y, a, b}), day_first_ok = is_valid_civil({y, b, a});
  if (!month_first_ok && !day_first_ok) return std::nullopt;
  keep_date(text.substr(0, date_size), {.resolved = false, .year = ts.year, .first = ts.first, .second = ts.second});
  return ts;
}

void TimestampParser::keep_date(std::string_view date, const Timestamp& midnight) {
  if (date.size() < 8 || date.size() > sizeof last_date_text_) return;
  date.copy(last_date_text_, date.size());
  last_date_size_ = date.size();
  last_date_ = midnight;
}

void TimestampParser::take_over(const TimestampParser& later) {
  saw_am_pm_ = saw_am_pm_ || later.saw_am_pm_;
  saw_ambiguous_ = saw_ambiguous_ || later.saw_ambiguous_;
  conflict_ = conflict_ || later.conflict_;
  if (later.proven_ != DateOrder::Unknown) prove(later.proven_);
}

void TimestampParser::write_evidence(StateWriter& out) const {
  out.number(static_cast<uint64_t>(proven_));
  out.number(saw_am_pm_);
  out.number(saw_ambiguous_);
  out.number(conflict_);
}

bool TimestampParser::read_evidence(StateReader& in) {
  return in.number_as(proven_) && proven_ <= DateOrder::DayFirst && in.number_as(saw_am_pm_) &&
         in.number_as(saw_ambiguous_) && in.number_as(conflict_);
}

// The first value that proves an order decides it; one that proves the other is a conflict.
void TimestampParser::prove(DateOrder order) {
  if (proven_ == DateOrder::Unknown) proven_ = order;
  else if (proven_ != order) conflict_ = true;
}

}  // namespace mailflow
