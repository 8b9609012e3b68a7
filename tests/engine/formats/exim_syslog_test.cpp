// Exim logging through syslog or the journal (log_file_path = syslog): the main log's rules on the
// text of each syslog line, long lines that syslog got in pieces, and the time of each line.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

const std::string kArrival =
    "1tAbCd-0001Xy-Q2 <= alerts@fabrikam.com H=mail.fabrikam.com [198.51.100.7]:41522 P=esmtps "
    "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=18342 id=a1b2c3d4@mail.fabrikam.com";
const std::string kDelivery =
    "1tAbCd-0001Xy-Q2 => lee@adatum.com R=dnslookup T=remote_smtp H=mx1.adatum.com [203.0.113.25] "
    "X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes C=\"250 2.0.0 OK\"";

SessionOptions options(int utc_offset_minutes = 0, int year = 0) {
  SessionOptions o;
  o.utc_offset_minutes = utc_offset_minutes;
  o.syslog_year = year;
  return o;
}

TEST(EximSyslog, SyslogLinesKeepingEximsStampReadAsTheMainLog) {
  const std::string log =
      "Nov 20 08:15:02 mx1 exim[1234]: 2026-11-20 08:15:02 " + kArrival + "\n" +
      "Nov 20 08:15:03 mx1 exim[1240]: 2026-11-20 08:15:03 " + kDelivery + "\n" +
      "Nov 20 08:15:03 mx1 exim[1240]: 2026-11-20 08:15:03 1tAbCd-0001Xy-Q2 Completed\n"
      "Nov 20 08:16:00 mx1 dovecot: imap-login: Login: user=<megan>, method=PLAIN, rip=192.0.2.44\n"
      "Nov 20 08:16:01 mx1 dovecot: imap(megan): Logged out in=10 out=20\n"
      "Nov 20 08:16:02 mx1 opendkim[800]: 1tAbCd-0001Xy-Q2: DKIM-Signature field added\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("R=dnslookup T=remote_smtp"), TlsVersion::Tls12,
                  "2026-11-20"),
            1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 18342u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (dovecot)"), 2u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (opendkim)"), 1u);
  // Exim's own stamp carries the year: no guess needed.
  EXPECT_FALSE(test::has_note(r.report, "carry no year"));
}

TEST(EximSyslog, WithoutEximsStampTheSyslogStampCounts) {
  // syslog_timestamp = false: the classic stamp, with the year rule and the session's offset.
  const std::string log = "Nov 20 00:30:00 mx1 exim[1234]: " + kArrival + "\n";
  const auto r = test::read_text(log, {}, options(60, 2026));
  EXPECT_EQ(r.report.format, "exim");
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2026-11-19"), 1u);
  EXPECT_TRUE(test::has_note(r.report, "read as 2026 (the year you gave)"));
}

TEST(EximSyslog, AnExactSyslogStampWinsOverEximsLocalStamp) {
  // The journal's stamp names its zone; Exim's own (local time, no zone) would need --utc-offset.
  const std::string log = "2026-11-20T00:30:00+0100 mx1 exim[1234]: 2026-11-20 00:30:00 " + kArrival + "\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2026-11-19"), 1u);
}

// RFC 5424 lines (rsyslog's RSYSLOG_SyslogProtocol23Format): the exact stamp, the program from
// APP-NAME, the process from PROCID (the pieces of long lines are joined per process).
TEST(EximSyslog, Rfc5424Lines) {
  const std::string log =
      "<22>1 2026-11-20T00:30:00.120000+01:00 mx1 exim 1234 - -  " + kArrival + "\n" +
      "<22>1 2026-11-20T00:30:01.500000+01:00 mx1 exim 1240 - -  " + kDelivery + "\n" +
      "<22>1 2026-11-20T00:30:01.600000+01:00 mx1 exim 1240 - -  1tAbCd-0001Xy-Q2 Completed\n" +
      "<30>1 2026-11-20T00:31:00.000000+01:00 mx1 dovecot 900 - [origin software=\"dovecot\"] imap-login: Login\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::Tls13, "2026-11-19"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls12, "2026-11-19"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 18342u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (dovecot)"), 1u);
}

TEST(EximSyslog, JournalJsonEntries) {
  const std::string log =
      R"({"__REALTIME_TIMESTAMP":"1795162502000123","SYSLOG_IDENTIFIER":"exim","SYSLOG_PID":"1234","_PID":"1234",)"
      R"("_HOSTNAME":"mx1","_TRANSPORT":"syslog","MESSAGE":"2026-11-20 08:15:02 )" + kArrival + R"("})" "\n" +
      R"({"__REALTIME_TIMESTAMP":"1795162503000123","SYSLOG_IDENTIFIER":"exim","SYSLOG_PID":"1240","_PID":"1240",)"
      R"("_HOSTNAME":"mx1","_TRANSPORT":"syslog","MESSAGE":"2026-11-20 08:15:03 1tAbCd-0001Xy-Q2 => lee@adatum.com )"
      R"(R=dnslookup T=remote_smtp H=mx1.adatum.com [203.0.113.25] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes )"
      R"(C=\"250 2.0.0 OK\""})" "\n" +
      R"({"__REALTIME_TIMESTAMP":"1795162504000000","SYSLOG_IDENTIFIER":"systemd","_PID":"1","MESSAGE":"Started exim4.service."})"
      "\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls12, "2026-11-20"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (systemd)"), 1u);
}

// An arrival of more than 870 characters, as Exim hands it to syslog: the first piece holds the
// first 870, the last the rest, each after "[i/n] ".
std::string long_arrival() {
  std::string line = "2026-11-20 08:20:00 1tAbEf-0001Zz-R7 <= news@fabrikam.com H=mail.fabrikam.com [198.51.100.7]:50001 "
                     "I=[192.0.2.25]:25 P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no "
                     "DN=\"CN=mail.fabrikam.com\" S=52000 M8S=0 id=long@fabrikam.com T=\"";
  while (line.size() < 1000) line += "A very long subject that goes on and on ";
  return line + "\" from <news@fabrikam.com> for reader@contoso.com";
}

TEST(EximSyslog, LongLinesInPiecesAreJoinedPerProcess) {
  const std::string arrival = long_arrival();
  ASSERT_GT(arrival.size(), 870u);
  const std::string log =
      "Nov 20 08:20:00 mx1 exim[2000]: [1/2] " + arrival.substr(0, 870) + "\n" +
      // another process's line in between
      "Nov 20 08:20:00 mx1 exim[2001]: 2026-11-20 08:20:00 " + kArrival + "\n" +
      "Nov 20 08:20:00 mx1 exim[2000]: [2/2] " + arrival.substr(870) + "\n";
  for (test::Cutting cutting : {test::Cutting{}, test::Cutting{1, 0}, test::Cutting{97, 42}}) {
    const auto r = test::read_text(log, cutting);
    EXPECT_EQ(r.report.format, "exim");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 3u);
    EXPECT_EQ(r.report.messages, 2u);
    EXPECT_EQ(test::skipped_for(r.report, "piece of a long Exim line that syslog got in pieces ([1/2] ...): read with "
                                          "its last piece"),
              1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.25]:25"), TlsVersion::Tls13), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 52000u + 18342u);
  }
}

TEST(EximSyslog, PiecesThatEndAtANewlineAndMissingPieces) {
  const std::string log =
      // A line with a newline: "[1\2]" (the first piece ended at it).
      "Nov 20 08:30:00 mx1 exim[3000]: [1\\2] 2026-11-20 08:30:00 " + kArrival + "\n" +
      "Nov 20 08:30:00 mx1 exim[3000]: [2/2]   second line of the entry\n"
      // The first pieces of this one are lost.
      "Nov 20 08:31:00 mx1 exim[3001]: [2/3] S=100 id=x@y\n"
      // And this one never ends.
      "Nov 20 08:32:00 mx1 exim[3002]: [1/2] 2026-11-20 08:32:00 1tAbGh-0002Ab-S1 <= a@fabrikam.com H=mail.fabrikam.com\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13), 1u);
  EXPECT_EQ(r.report.messages, 1u);
  EXPECT_EQ(test::skipped_for(r.report, "piece of a long Exim line whose earlier pieces are missing"), 1u);
  EXPECT_TRUE(test::has_note(r.report, "1 long lines that syslog got in pieces lack their last piece"));
  bool lost_problem = false;
  for (const Problem& p : r.report.problems)
    lost_problem |= p.line == 4 && p.reason.find("whose last piece is missing") != std::string::npos;
  EXPECT_TRUE(lost_problem);
}

TEST(EximSyslog, ARenamedProcessIsReadByItsLines) {
  // syslog_processname = mailer: the lines still read as Exim's.
  const std::string log = "Nov 20 08:15:02 mx1 exim[1]: 2026-11-20 08:15:02 Start queue run: pid=1\n"
                          "Nov 20 08:15:03 mx1 mailer[1234]: 2026-11-20 08:15:03 " + kArrival + "\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 1u);
}

TEST(EximSyslog, JournalctlsOwnLinesAreSkippedByName) {
  const std::string log = "-- Journal begins at Mon 2026-11-16 09:12:05 UTC, ends at Fri 2026-11-20 23:59:01 UTC. --\n"
                          "Nov 20 08:15:02 mx1 exim[1234]: 2026-11-20 08:15:02 " + kArrival + "\n" +
                          "-- Reboot --\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.problems.size(), 0u);
  EXPECT_EQ(test::skipped_for(r.report, "journalctl's own line between entries (-- Reboot --, -- Journal begins at ... "
                                        "--, -- No entries --)"),
            2u);
}

}  // namespace
}  // namespace mailflow
