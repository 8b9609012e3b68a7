#include "formats/syslog_common/syslog_line.h"

#include <utility>

#include "formats/syslog_common/journal_json.h"
#include "model/day.h"
#include "util/byte_scan.h"
#include "util/text.h"

namespace mailflow {

namespace {

// A month's three letters in lower case as one number: every syslog line names its month, so it is
// found with one comparison each instead of a comparison of strings.
constexpr uint32_t month_key(char a, char b, char c) {
  return uint32_t{static_cast<uint8_t>(ascii_lower(a))} << 16 | uint32_t{static_cast<uint8_t>(ascii_lower(b))} << 8 |
         uint32_t{static_cast<uint8_t>(ascii_lower(c))};
}
constexpr uint32_t kMonths[] = {month_key('j', 'a', 'n'), month_key('f', 'e', 'b'), month_key('m', 'a', 'r'),
                                month_key('a', 'p', 'r'), month_key('m', 'a', 'y'), month_key('j', 'u', 'n'),
                                month_key('j', 'u', 'l'), month_key('a', 'u', 'g'), month_key('s', 'e', 'p'),
                                month_key('o', 'c', 't'), month_key('n', 'o', 'v'), month_key('d', 'e', 'c')};
// journalctl -o short writes the month in the exporting user's locale; German (glibc's de_DE, de_AT,
// de_CH) differs from English in Mai, Okt, Dez and the two with an umlaut, Mär and Jän (UTF-8).
struct LocalMonth {
  uint32_t key;
  int month;
};
constexpr LocalMonth kGermanMonths[] = {{month_key('m', 'a', 'i'), 5}, {month_key('o', 'k', 't'), 10},
                                        {month_key('d', 'e', 'z'), 12}};

// The month a stamp starts with and the bytes its name takes (0, 0: none).
std::pair<int, size_t> month_at_start(std::string_view s) {
  if (s.size() < 4) return {0, 0};
  const uint32_t key = month_key(s[0], s[1], s[2]);
  for (int i = 0; i < 12; ++i)
    if (key == kMonths[i]) return {i + 1, 3};
  for (const LocalMonth& m : kGermanMonths)
    if (key == m.key) return {m.month, 3};
  if (s.substr(1, 3) == "\xC3\xA4r" && ascii_lower(s[0]) == 'm') return {3, 4};
  if (s.substr(1, 3) == "\xC3\xA4n" && ascii_lower(s[0]) == 'j') return {1, 4};
  return {0, 0};
}

int two_digits(std::string_view s, size_t at) {
  if (at + 2 > s.size() || !is_digit(s[at]) || !is_digit(s[at + 1])) return -1;
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// "Nov 20 08:15:02 " or "Nov  2 08:15:02 "; also "Nov 2 08:15:02 ", the day unpadded (some relays
// and tools write it so, and logs pasted through a tool that squeezes spaces lose the padding), and
// German month names ("Dez 02 08:15:02", "Mär  7 ..."). Returns the length used (0 = not a
// classic stamp).
size_t classic_stamp(std::string_view s, SyslogStamp& out) {
  const auto [month, at] = month_at_start(s);  // `at`: the space after the month
  if (!month || s.size() < at + 12 || s[at] != ' ') return 0;
  const bool unpadded = is_digit(s[at + 1]) && s[at + 2] == ' ';
  const size_t time_at = at + (unpadded ? 3 : 4);  // the hour
  if (s.size() < time_at + 9 || s[time_at - 1] != ' ' || s[time_at + 2] != ':' || s[time_at + 5] != ':') return 0;
  const int day = unpadded          ? s[at + 1] - '0'
                  : s[at + 1] == ' ' ? (is_digit(s[at + 2]) ? s[at + 2] - '0' : -1)
                                     : two_digits(s, at + 1);
  const int h = two_digits(s, time_at), m = two_digits(s, time_at + 3), sec = two_digits(s, time_at + 6);
  if (day < 1 || day > 31 || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) return 0;
  out.month = month, out.day = day, out.seconds_of_day = h * 3600 + m * 60 + sec;
  size_t used = time_at + 8;
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

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// "2026-11-20 08:15:02" at `at`.
bool date_time_at(std::string_view s, size_t at) {
  if (s.size() < at + 19) return false;
  for (size_t i = 0; i < 19; ++i) {
    const char c = s[at + i];
    const bool ok = i == 4 || i == 7 ? c == '-' : i == 10 ? c == ' ' : i == 13 || i == 16 ? c == ':' : is_digit(c);
    if (!ok) return false;
  }
  return true;
}

// journalctl -o short-full: "Fri 2026-11-20 08:15:02 UTC " (the weekday in the exporting user's
// language, "Fr" in German; the zone as the host names it: UTC, CET, EST, or a numeric "+04" where
// the zone has no abbreviation). Returns the length used.
size_t short_full_stamp(std::string_view s, TimestampParser& parser, SyslogStamp& out) {
  const size_t day_end = s.find(' ');
  if (day_end == 0 || day_end > 12 || is_digit(s[0]) || s[0] == '-' || s[0] == '[' || s[0] == '{') return 0;
  const size_t at = day_end + 1;  // the date
  if (!date_time_at(s, at) || s.size() < at + 22 || s[at + 19] != ' ') return 0;
  const size_t zone_end = s.find(' ', at + 20);
  const std::string_view zone =
      s.substr(at + 20, zone_end == std::string_view::npos ? std::string_view::npos : zone_end - at - 20);
  const std::string_view date_time = s.substr(at, 19);
  std::optional<int> offset;
  if (zone == "UTC" || zone == "GMT") {
    offset = 0;
  } else if (zone.starts_with('+') || zone.starts_with('-')) {
    offset = parse_utc_offset(zone);
    if (!offset) return 0;
  } else {
    if (zone.size() < 2 || zone.size() > 6) return 0;
    for (char c : zone)
      if (!is_upper(c)) return 0;
  }
  std::optional<Timestamp> t;
  if (offset) {
    TimestampParser utc;
    t = utc.parse(date_time);
    if (t) t->utc_seconds -= int64_t{*offset} * 60;
  } else {
    t = parser.parse(date_time);  // a zone name: local time in the session's --utc-offset
    out.zone_assumed = true;
  }
  if (!t || !t->resolved) return 0;
  out.has_year = true, out.full = *t;
  return at + 20 + zone.size();
}

// journalctl -o short-unix: "1795162502.123456" (seconds since the epoch, UTC). Returns the length
// used.
size_t short_unix_stamp(std::string_view s, SyslogStamp& out) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;  // right-aligned in 10 columns
  const size_t digits = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  if (i == digits || i - digits > 12 || i + 7 > s.size() || s[i] != '.') return 0;
  const auto seconds = parse_u64(s.substr(digits, i - digits));
  for (size_t k = 1; k <= 6; ++k)
    if (!is_digit(s[i + k])) return 0;
  i += 7;
  if (!seconds || (i < s.size() && s[i] != ' ')) return 0;
  out.has_year = true, out.full = Timestamp{};
  out.full.utc_seconds = static_cast<int64_t>(*seconds);
  return i;
}

bool json_start(std::string_view line) {
  return line.starts_with('{') || line.starts_with('\x1e') || line.starts_with("data: {");
}

std::string_view next_token(std::string_view& rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const size_t end = rest.find(' ');
  const std::string_view token = rest.substr(0, end);
  rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
  return token;
}

// RFC 5424 after its "<PRI>": VERSION, TIMESTAMP, HOSTNAME, APP-NAME, PROCID, MSGID,
// STRUCTURED-DATA, MSG, "-" for a field not given:
//   1 2026-11-20T08:15:02.003+01:00 mx1 postfix/smtpd 24811 - - connect from ...
// (rsyslog's RSYSLOG_SyslogProtocol23Format, syslog-ng's syslog-protocol files, SIEM exports).
bool rfc5424_start(std::string_view s) { return s.size() > 2 && s[0] == '1' && s[1] == ' ' && rfc3339_start(s.substr(2)); }

bool rfc5424_line(std::string_view rest, TimestampParser& parser, SyslogLine& out) {
  rest.remove_prefix(2);
  const auto time = parser.parse(next_token(rest));
  if (!time || !time->resolved) return false;
  out.stamp.has_year = true, out.stamp.full = *time;
  auto field = [&] {
    const std::string_view value = next_token(rest);
    return value == "-" ? std::string_view() : value;
  };
  out.host = field();
  out.program = field();
  if (const auto pid = parse_u64(field()); pid && *pid <= UINT32_MAX) out.pid = static_cast<uint32_t>(*pid);
  field();  // MSGID
  if (out.program.empty()) return false;
  // STRUCTURED-DATA: "-" or elements [id name="value" ...], whose values escape '"', '\' and ']'.
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.starts_with('-')) rest.remove_prefix(1);
  while (rest.starts_with('[')) {
    size_t end = 1;
    for (bool quoted = false; end < rest.size() && (quoted || rest[end] != ']'); ++end) {
      if (rest[end] == '\\') ++end;
      else if (rest[end] == '"') quoted = !quoted;
    }
    if (end >= rest.size()) return false;
    rest.remove_prefix(end + 1);
  }
  // MSG; rsyslog keeps the space that followed a local program's "tag:", and MSG may start with a BOM.
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.starts_with("\xEF\xBB\xBF")) rest.remove_prefix(3);
  out.message = rest;
  return true;
}

// Drops the "<22>" priority a raw syslog stream and RFC 5424 lines start with; false when it is
// malformed.
bool without_priority(std::string_view& line) {
  if (!line.starts_with('<')) return true;
  const size_t close = line.find('>');
  if (close == std::string_view::npos || close > 4) return false;
  line.remove_prefix(close + 1);
  return true;
}

// "mx1 postfix/smtpd[24811]: <message>" (or without the host) after the stamp. Its bytes are found
// inline, 16 at a time (byte_scan): in wasm each string_view::find was a call to a byte loop.
bool envelope(std::string_view rest, SyslogLine& out) {
  using byte_scan::find_byte;
  constexpr size_t npos = std::string_view::npos;
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  // FreeBSD's syslogd -v writes the facility and level after the stamp: "<mail.info> mx1 sm-mta[..]".
  if (rest.starts_with('<')) {
    if (const size_t close = find_byte(rest.substr(0, 25), '>');
        close != npos && find_byte(rest.substr(0, close), ' ') == npos) {
      rest.remove_prefix(close + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    }
  }
  const size_t colon = byte_scan::find_text(rest, ": ");
  if (colon == npos || colon == 0) return false;
  std::string_view tag = rest.substr(0, colon);
  if (const size_t space = find_byte(tag, ' '); space != npos) {
    out.host = tag.substr(0, space);
    tag.remove_prefix(space);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
  }
  if (tag.empty() || find_byte(tag, ' ') != npos) return false;
  out.message = rest.substr(colon + 2);
  if (tag.back() == ']') {
    const size_t open = tag.rfind('[');
    if (open == std::string_view::npos) return false;
    const auto pid = parse_u64(tag.substr(open + 1, tag.size() - open - 2));
    if (!pid || *pid > UINT32_MAX) return false;
    out.pid = static_cast<uint32_t>(*pid);
    tag = tag.substr(0, open);
  }
  if (tag.empty()) return false;
  out.program = tag;
  return true;
}

bool journal_line(std::string_view line, std::string& scratch, SyslogLine& out) {
  const JournalEntry entry = parse_journal_json(line, scratch);
  if (entry.shape != JournalEntry::Shape::Entry) return false;
  out.stamp.has_year = true;
  out.stamp.full = Timestamp{};
  out.stamp.full.utc_seconds = entry.realtime_us / 1000000;
  out.host = entry.host;
  out.program = entry.program;
  out.pid = entry.pid;
  out.message = entry.message;
  return true;
}

std::string& thread_scratch() {
#if defined(__EMSCRIPTEN__)
  static std::string scratch;  // one thread; wasm-ld refuses thread-local storage with bulk memory
#else
  thread_local std::string scratch;
#endif
  return scratch;
}

// "[  123.456789] ": journalctl -o short-monotonic (time since boot).
bool monotonic_start(std::string_view s) {
  if (!s.starts_with('[')) return false;
  size_t i = 1;
  while (i < s.size() && s[i] == ' ') ++i;
  const size_t digits = i;
  while (i < s.size() && is_digit(s[i])) ++i;
  return i > digits && i < s.size() && s[i] == '.';
}

}  // namespace

int build_year() {
  constexpr const char* date = __DATE__;  // "Nov 27 2026"
  return (date[7] - '0') * 1000 + (date[8] - '0') * 100 + (date[9] - '0') * 10 + (date[10] - '0');
}

bool starts_with_syslog_stamp(std::string_view line) {
  SyslogStamp ignored;
  TimestampParser parser;
  if (!without_priority(line)) return false;
  return classic_stamp(line, ignored) || rfc3339_start(line) || rfc5424_start(line) || short_full_stamp(line, parser, ignored) ||
         short_unix_stamp(line, ignored) || looks_like_journal_json(line);
}

bool read_syslog_line(std::string_view line, TimestampParser& parser, std::string& scratch, SyslogLine& out) {
  // The fields not every shape sets; the rest are set by each shape below.
  out.stamp.has_year = false, out.stamp.zone_assumed = false;
  out.host = {}, out.pid = 0;
  if (json_start(line)) return journal_line(line, scratch, out);
  if (!without_priority(line)) return false;
  if (rfc5424_start(line)) return rfc5424_line(line, parser, out);
  std::string_view rest;
  if (const size_t used = classic_stamp(line, out.stamp)) {
    rest = line.substr(used);
  } else if (rfc3339_start(line)) {
    std::string_view copy = line;
    const std::string_view stamp = next_token(copy);
    const auto t = parser.parse(stamp);
    if (!t || !t->resolved) return false;
    out.stamp.has_year = true, out.stamp.full = *t;
    rest = copy;
  } else if (const size_t full = short_full_stamp(line, parser, out.stamp)) {
    rest = line.substr(full);
  } else if (const size_t unix_used = short_unix_stamp(line, out.stamp)) {
    rest = line.substr(unix_used);
  } else {
    return false;
  }
  return envelope(rest, out);
}

std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser, std::string& scratch) {
  SyslogLine out;
  if (!read_syslog_line(line, parser, scratch, out)) return std::nullopt;
  return out;
}

std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser) {
  return parse_syslog_line(line, parser, thread_scratch());
}

SyslogSkip why_not_syslog(std::string_view line) {
  static const std::string kMarker =
      "journalctl's own line between entries (-- Reboot --, -- Journal begins at ... --, -- No entries --)";
  static const std::string kContinuation = "continuation line of a multi-line journal message";
  static const std::string kNoMessage = "journal entry without a MESSAGE field";
  static const std::string kLeftOut =
      "journal entry whose MESSAGE journalctl left out (4096 bytes or longer): export with journalctl --all";
  static const std::string kBrokenJson = "journal JSON line that is cut off or not a journal entry";
  static const std::string kMonotonic =
      "journalctl line with the time since boot (-o short-monotonic), no date: export with -o short-iso";
  static const std::string kNotSyslog = "not a syslog line";

  const std::string_view trimmed = trim(line);
  if (trimmed.starts_with("-- ") && (trimmed.ends_with(" --") || trimmed.starts_with("-- cursor: ")))
    return {kMarker, false, true};
  if (line.starts_with(' ') || line.starts_with('\t')) return {kContinuation, false, true};
  if (json_start(line)) {
    switch (parse_journal_json(line, thread_scratch()).shape) {
      case JournalEntry::Shape::NoMessage: return {kNoMessage, false, true};
      case JournalEntry::Shape::MessageLeftOut: return {kLeftOut, true, true};
      case JournalEntry::Shape::Entry:
      case JournalEntry::Shape::NotJournal: return {kBrokenJson, true, true};
    }
  }
  if (monotonic_start(line)) return {kMonotonic, true, true};
  return {kNotSyslog, true, false};
}

std::optional<Timestamp> SyslogClock::resolve(const SyslogStamp& stamp) {
  if (stamp.has_year) {
    if (stamp.zone_assumed) ++zone_assumed_;
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
  if (zone_assumed_)
    report.notes.push_back(std::to_string(zone_assumed_) +
                           " time stamps name their time zone (journalctl -o short-full): read as local time in the "
                           "zone you gave (UTC unless --utc-offset); export with -o short-iso for exact times.");
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
