// The syslog envelope shared by the Postfix, Sendmail and Exim readers (FORMATS.md §6, §9), in every
// shape a syslog file or a systemd journal export gives it:
//
//   Nov 20 08:15:02 mx1 postfix/smtpd[24811]: <message>                    classic (RFC 3164); also
//                                                                           `journalctl` (-o short)
//   Nov 20 08:15:02.123456 mx1 postfix/smtpd[24811]: <message>             journalctl -o short-precise
//   Dez 20 08:15:02 mx1 postfix/smtpd[24811]: <message>                    the same in a German locale
//   2026-11-20T08:15:02.123456+01:00 mx1 postfix/smtpd[24811]: <message>   rsyslog RFC 3339
//   <22>1 2026-11-20T08:15:02.123+01:00 mx1 postfix/smtpd 24811 - - <message>
//                                                                           RFC 5424 (rsyslog's
//                                                                           SyslogProtocol23Format)
//   2026-11-20T08:15:02+0000 mx1 postfix/smtpd[24811]: <message>           journalctl -o short-iso
//                                                                           (newer systemd: +00:00)
//   Fri 2026-11-20 08:15:02 UTC mx1 postfix/smtpd[24811]: <message>        journalctl -o short-full
//   1795162502.123456 mx1 postfix/smtpd[24811]: <message>                  journalctl -o short-unix
//   {"__REALTIME_TIMESTAMP":"1795162502123456","SYSLOG_IDENTIFIER":"postfix/smtpd",...}
//                                                                           journalctl -o json (journal_json.h)
//
// FreeBSD's syslogd -v adds the facility and level after the stamp ("<mail.info> mx1 ...").
// journalctl --no-hostname leaves the host out ("Nov 20 08:15:02 postfix/smtpd[24811]: ..."); such
// lines have an empty host. Lines that journalctl writes between entries ("-- Reboot --",
// "-- Journal begins at ... --", "-- No entries --") and the continuation lines of a multi-line
// message are no syslog lines; why_not_syslog() tells them apart for the skip reason.
//
// Also the one rule for the year that classic lines do not carry (SyslogClock).
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
  bool has_year = false;      // every shape but classic: `full` is exact
  bool zone_assumed = false;  // short-full stamp naming a zone other than UTC (CET, EST): `full` was
                              // read as local time in the session's --utc-offset
  Timestamp full;
  int month = 0, day = 0;     // classic: local date and time without a year
  int seconds_of_day = 0;
};

struct SyslogLine {
  SyslogStamp stamp;
  std::string_view host;     // "" when the line has none (journalctl --no-hostname)
  std::string_view program;  // "postfix/smtpd", "postfix-in/smtpd", "sm-mta", "exim"
  uint32_t pid = 0;          // 0 when the line has no [pid]
  std::string_view message;  // the text after "program[pid]: "
};

// nullopt when the line does not have the syslog shape (no time stamp or program). `parser` reads
// RFC 3339 stamps (it applies the session's offset to stamps without a zone). The views point into
// `line`, or into `scratch` for a journal JSON value that had to be unescaped; both must outlive
// the result. Reuse one scratch string per reader: no allocation once it has grown.
std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser, std::string& scratch);
// The same into `out`, false when the line does not have the syslog shape. For a reader's every
// line: a fresh SyslogLine was zeroed whole (`rep stos`) and the optional copied out (`rep movs`),
// a third of this function's samples on a Postfix log; `out` is set field by field instead.
bool read_syslog_line(std::string_view line, TimestampParser& parser, std::string& scratch, SyslogLine& out);
// The same with a scratch string of this thread: the result is valid until the next call.
std::optional<SyslogLine> parse_syslog_line(std::string_view line, TimestampParser& parser);

// True when the text starts with a syslog time stamp of any shape above, or is a journal JSON entry
// (for sniffing).
bool starts_with_syslog_stamp(std::string_view line);

// Why parse_syslog_line() refused a line, for the reader's skip: journalctl's own lines and
// continuation lines are benign (problem = false); a journal entry without its text, or a line of a
// journalctl output without a date, is a problem with its own reason (known = true); anything else
// is "not a syslog line" (known = false: a reader may name its own format instead).
struct SyslogSkip {
  const std::string& reason;
  bool problem;
  bool known;
};
SyslogSkip why_not_syslog(std::string_view line);

// Gives classic stamps their year and zone. Classic syslog writes local time without a year:
//  - the zone is the session's --utc-offset (UTC when not given);
//  - the year of the first classic line is, in this order: the year of a dated line (any other
//    shape) seen earlier in the file, SessionOptions::syslog_year, or the year this mailflow was
//    built in (the engine has no clock, so that is the latest year it can know of); a note says which;
//  - a step from November/December back to January/February starts the next year (a log that
//    runs over New Year); smaller steps back are reordered lines and keep the year.
// Stamps with a zone name (journalctl -o short-full on a host not in UTC) are read in the
// --utc-offset zone too; a note says so.
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
  std::optional<int> data_year_;  // year of the last dated line
  uint64_t zone_assumed_ = 0;     // stamps whose zone name was read as --utc-offset
};

// The year this mailflow was built in (from __DATE__).
int build_year();

}  // namespace mailflow
