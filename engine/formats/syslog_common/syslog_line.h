// The syslog envelope shared by the Postfix and Sendmail readers (FORMATS.md §6, §9):
//
//   Nov 20 08:15:02 mx1 postfix/smtpd[24811]: <message>                    classic (RFC 3164)
//   2026-11-20T08:15:02.123456+01:00 mx1 postfix/smtpd[24811]: <message>   rsyslog RFC 3339
//
// and the one rule for the year that classic lines do not carry (SyslogClock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aggregate/source_report.h"
#include "ingest/session_options.h"
#include "model/timestamp.h"

namespace mailflow {

struct SyslogStamp {
  bool has_year = false;     // RFC 3339: `full` is exact
  Timestamp full;
  int month = 0, day = 0;    // classic: local date and time without a year
  int seconds_of_day = 0;
};

struct SyslogLine {
  SyslogStamp stamp;
  std::string_view host;
  std::string_view program;  // "postfix/smtpd", "postfix-in/smtpd", "sm-mta"
  uint32_t pid = 0;          // 0 when the line has no [pid]
  std::string_view message;  // the text after "program[pid]: "
};

// nullopt when the line does not have the syslog shape (no time stamp, host or program).
// `parser` reads RFC 3339 stamps (it applies the session's offset to stamps without a zone).
std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser);

// True when the text starts with a syslog time stamp (for sniffing).
bool starts_with_syslog_stamp(std::string_view line);

// Gives classic stamps their year and zone. Classic syslog writes local time without a year:
//  - the zone is the session's --utc-offset (UTC when not given);
//  - the year of the first classic line is, in this order: the year of an RFC 3339 line seen
//    earlier in the file, SessionOptions::syslog_year, or the year this mailflow was built in
//    (the engine has no clock, so that is the latest year it can know of); a note says which;
//  - a step from November/December back to January/February starts the next year (a log that
//    runs over New Year); smaller steps back are reordered lines and keep the year.
class SyslogClock {
 public:
  explicit SyslogClock(const SessionOptions& options) : options_(options) {}
  std::optional<Timestamp> resolve(const SyslogStamp& stamp);
  void add_note(SourceReport& report) const;

 private:
  const SessionOptions& options_;
  int year_ = 0;  // year of the current classic line; 0 until the first one
  int last_month_ = 0;
  int first_year_ = 0, last_year_ = 0;
  enum class YearFrom { None, Data, Option, Build } from_ = YearFrom::None;
  std::optional<int> data_year_;  // year of the last RFC 3339 line
};

// The year this mailflow was built in (from __DATE__).
int build_year();

}  // namespace mailflow
