#include "formats/syslog_common/syslog_line.h"

#include "model/day.h"
#include "util/text.h"

namespace mailflow {

namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int month_of(std::string_view name) {
  for (int i = 0; i < 12; ++i)
    if (iequals(name, kMonths[i])) return i + 1;
  return 0;
}

int two_digits(std::string_view s, size_t at) {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// "Nov 20 08:15:02 " or "Nov  2 08:15:02 "; returns the length used (0 = not a classic stamp).
size_t classic_stamp(std::string_view s, SyslogStamp& out) {
  if (s.size() < 16 || s[3] != ' ' || s[6] != ' ' || s[9] != ':' || s[12] != ':') return 0;
  const int month = month_of(s.substr(0, 3));
  const int day = s[4] == ' ' ? (is_digit(s[5]) ? s[5] - '0' : -1) : two_digits(s, 4);
  const int h = two_digits(s, 7), m = two_digits(s, 10), sec = two_digits(s, 13);
  if (!month || day < 1 || day > 31 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return 0;
  out.month = month, out.day = day, out.seconds_of_day = h * 3600 + m * 60 + sec;
  size_t used = 15;
  if (used < s.size() && s[used] == '.') {  // high-precision classic stamps: ".123456"
    ++used;
    while (used < s.size() && is_digit(s[used])) ++used;
  }
  return used;
}

bool rfc3339_start(std::string_view s) {
  return s.size() >= 19 && is_digit(s[0]) && is_digit(s[3]) && s[4] == '-' && s[7] == '-' &&
         (s[10] == 'T' || s[10] == 't') && s[13] == ':';
}

std::string_view next_token(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const size_t end = rest.find(' ');
  const std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return token;
}

}  // namespace

int build_year() {
  constexpr const char* date = __DATE__;  // "Nov 27 2026"
  return (date[7] - '0') * 1000 + (date[8] - '0') * 100 + (date[9] - '0') * 10 + (date[10] - '0');
}

bool starts_with_syslog_stamp(std::string_view line) {
  SyslogStamp ignored;
  return classic_stamp(line, ignored) || rfc3339_start(line);
}

std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser) {
  SyslogLine out;
  if (!line.empty() && line.front() == '<') {  // "<22>" priority of a raw syslog stream
    const size_t close = line.find('>');
    if (close == std::string_view::npos || close > 4) return std::nullopt;
    line.remove_prefix(close + 1);
  }
  std::string_view rest;
  if (const size_t used = classic_stamp(line, out.stamp)) {
    rest = line.substr(used);
  } else if (rfc3339_start(line)) {
    std::string_view copy = line;
    const std::string_view stamp = next_token(copy);
    const auto t = parser.parse(stamp);
    if (!t || !t->resolved) return std::nullopt;
    out.stamp.has_year = true, out.stamp.full = *t;
    rest = copy;
  } else {
    return std::nullopt;
  }
  out.host = next_token(rest);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const size_t colon = rest.find(": ");
  if (out.host.empty() || colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view tag = rest.substr(0, colon);
  if (tag.find(' ') != std::string_view::npos) return std::nullopt;
  out.message = rest.substr(colon + 2);
  if (tag.back() == ']') {
    const size_t open = tag.rfind('[');
    if (open == std::string_view::npos) return std::nullopt;
    const auto pid = parse_u64(tag.substr(open + 1, tag.size() - open - 2));
    if (!pid || *pid > UINT32_MAX) return std::nullopt;
    out.pid = static_cast<uint32_t>(*pid);
    tag = tag.substr(0, open);
  }
  out.program = tag;
  return out;
}

std::optional<Timestamp> SyslogClock::resolve(const SyslogStamp& stamp) {
  if (stamp.has_year) {
    data_year_ = civil_from_day(day_of(stamp.full.utc_seconds + options_.utc_offset_minutes * 60)).year;
    return stamp.full;
  }
  if (year_ == 0) {
    if (data_year_) year_ = *data_year_, from_ = YearFrom::Data;
    else if (options_.syslog_year > 0) year_ = options_.syslog_year, from_ = YearFrom::Option;
    else year_ = build_year(), from_ = YearFrom::Build;
    first_year_ = year_;
  } else if (last_month_ >= 11 && stamp.month <= 2) {
    ++year_;
  }
  last_month_ = stamp.month;
  last_year_ = year_;
  const CivilDate date{year_, stamp.month, stamp.day};
  if (!is_valid_civil(date)) return std::nullopt;  // Feb 29 in a year without one
  Timestamp t;
  t.utc_seconds = int64_t{day_from_civil(date)} * kSecondsPerDay + stamp.seconds_of_day -
                  int64_t{options_.utc_offset_minutes} * 60;
  return t;
}

void SyslogClock::add_note(SourceReport& report) const {
  if (from_ == YearFrom::None) return;
  std::string years = std::to_string(first_year_);
  if (last_year_ != first_year_) years += ".." + std::to_string(last_year_);
  std::string note = "syslog time stamps carry no year: read as " + years;
  switch (from_) {
    case YearFrom::Data: note += " (the year of the file's dated lines)"; break;
    case YearFrom::Option: note += " (the year you gave)"; break;
    case YearFrom::Build: note += " (the year this mailflow was built in; give the year of the log if it is older)"; break;
    case YearFrom::None: break;
  }
  if (options_.utc_offset_minutes == 0) note += ", in UTC (give the server's UTC offset if its clock is local time)";
  report.notes.push_back(note + ".");
}

}  // namespace mailflow
