// Real shapes of mail programs' logs (tests/data/real-shapes/README.md): files whose first lines are
// not messages. The figures were counted by hand from the files (see the README's grep commands).
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

TEST(RealShapes, EximHostWhoseLogStartsWithOverOneHundredKilobytesOfRejections) {
  const std::string log = test::real_shape("exim-busy-host.log");
  ASSERT_GT(log.find(" <= "), 100'000u);  // the first arrival lies beyond the first sniffing window
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  // Arrivals from remote hosts: TLS 1.3, plaintext (P=esmtp), TLS 1.0 (X=TLS1:...); not the
  // authenticated submission nor the local one (U=root P=local).
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls10), 1u);
  // The listener names the connector, also on a line with Exim 4.97's connection id (Ci=).
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.10]:25")), 3u);
  // Remote deliveries: TLS 1.2 (its -> line is the same delivery) and TLS 1.3; not the bounce.
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls12), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls13), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u + 4100u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u + 900u);
  // Rejections with X= (TLS of a refused connection) never make a message.
  EXPECT_EQ(r.report.messages, 5u);
}

TEST(RealShapes, PostfixMailLogThatStartsWithOtherProgramsLines) {
  const std::string log = test::real_shape("postfix-mail-log-after-dovecot.log");
  ASSERT_GT(log.find("postfix/"), 64u << 10);  // no Postfix line in the first window
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 2u);  // not the authenticated submission
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 2u);  // not the LMTP delivery to dovecot
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls12), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls10), 1u);
}

TEST(RealShapes, PostfixFilteringHostWithPostscreenTlsproxyAndContentFilter) {
  const auto r = test::read_text(test::real_shape("postfix-filtering-host.log"));
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  // Received from the Internet: TLS 1.3 (smtpd's own TLS line; postscreen's tlsproxy session before
  // it carries no message) and plaintext. Not the re-injections from the content filter on
  // 127.0.0.1:10025, nor the authenticated submission, nor the rejected RCPT. The stamps are
  // +01:00: 00:00-00:07 local is the evening before in UTC.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls13, "2026-11-19"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::None, "2026-11-19"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u);
  // Sent to the Internet: one message to two recipients at one relay over TLS 1.3 (IPv6, TLS logged
  // by both tlsproxy and smtp), a reused TLS 1.3 connection, TLS 1.0 from a second instance, and
  // one plaintext; not the hand-overs to the content filter, the LMTP delivery or the deferral.
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 4u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls13), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix-out/smtp"), TlsVersion::Tls10), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7999u + 612u);
}

// Messages refused as a whole at end of data (a milter at END-OF-MESSAGE and at DATA, the shape of
// fail2ban's test for gh-2927; cleanup's header_checks): five client= lines, three refused, two
// received; the RCPT refused with a queue id refuses one recipient, and its message is received.
TEST(RealShapes, PostfixMessagesRejectedAtEndOfData) {
  const auto r = test::read_text(test::real_shape("postfix-rejected-at-end-of-data.log"), {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 21u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 5120u + 2048u);
  EXPECT_EQ(r.report.skipped_by_reason.at("message removed before it was queued (rejected at end of data)"), 3u);
}

// A day below 10 unpadded ("Mar 7 02:09:33"), as in fail2ban's Postfix test log (its gh-2927
// milter line and two SASL warnings): every line is read. Counted by hand: 14 lines; the
// TLS 1.2 message received (client= line); the milter-rejected one not (its client= line and its
// reject line accounted for); eight other smtpd, cleanup and qmgr lines; the TLS line; the local
// delivery; the queue manager's size line.
TEST(RealShapes, PostfixLogWithUnpaddedDays) {
  const auto r = test::read_text(test::real_shape("postfix-unpadded-day.log"), {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 14u);
  EXPECT_EQ(r.report.messages, 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls12, "2026-03-07"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 4096u);
  EXPECT_EQ(r.report.skipped_by_reason.at("Postfix line that is not a message (connect, cleanup, queue manager, ...)"), 8u);
  EXPECT_EQ(r.report.skipped_by_reason.at("message removed before it was queued (rejected at end of data)"), 1u);
  EXPECT_EQ(r.report.skipped_by_reason.at("rejection of a whole message at end of data (the message was not received)"), 1u);
  EXPECT_FALSE(r.report.skipped_by_reason.contains("not a syslog line"));
}

// RFC 5424 lines as rsyslog's RSYSLOG_SyslogProtocol23Format writes them (the space kept before a
// local program's text, structured data on one line). Counted by hand: 15 lines; received over
// TLS 1.3 (18342 bytes, delivered inside by LMTP) and sent over TLS 1.2 (2210 bytes); seven other
// Postfix lines, two TLS lines, two queue manager lines, one LMTP delivery, one dovecot line.
TEST(RealShapes, PostfixLogInRfc5424) {
  const auto r = test::read_text(test::real_shape("postfix-rfc5424.log"));
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 15u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls13, "2026-11-21"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls12, "2026-11-21"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 2210u);
  EXPECT_EQ(r.report.skipped_by_reason.at("Postfix line that is not a message (connect, cleanup, queue manager, ...)"), 7u);
  EXPECT_EQ(r.report.skipped_by_reason.at("line of a program other than Postfix"), 1u);
}

TEST(RealShapes, SendmailLogThatStartsWithOtherProgramsLines) {
  const std::string log = test::real_shape("sendmail-after-other-programs.log");
  ASSERT_GT(log.find("sm-mta["), 64u << 10);
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "sendmail");
  test::expect_accounted(r.report);
  // TLS 1.3, old sendmail's TLSv1/SSLv3 (a version it does not tell) and plaintext; the from= with
  // nrcpts=0 is a rejected transaction (Relaying denied), not a message.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::UnknownVersion), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 4100u + 2210u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::any_connector(), TlsVersion::Tls12), 1u);
}

TEST(RealShapes, SyslogFileWithoutMailLinesNamesWhatItHolds) {
  const auto r = test::read_text(test::real_shape("syslog-without-mail-lines.log"));
  EXPECT_EQ(r.report.format, "");
  EXPECT_NE(r.report.error.find("looks like a syslog file, but no line in the file is from Postfix, Sendmail or Exim"),
            std::string::npos)
      << r.report.error;
  EXPECT_NE(r.report.error.find("dovecot"), std::string::npos) << r.report.error;
}

TEST(RealShapes, SyslogFileWithoutMailLinesIsReadFourMegabytesFarBeforeGivingUp) {
  std::string noise;
  while (noise.size() < (5u << 20))
    noise += "Nov 20 08:15:02 mx1 dovecot: imap-login: Login: user=<megan@contoso.com>, rip=198.51.100.20\n";
  const std::string postfix =
      "Nov 20 08:15:03 mx1 postfix/smtpd[24811]: 4F1C23A0B2: client=mail.fabrikam.com[198.51.100.7]\n";
  // Within 4 MB: found. Beyond: not recognised, and the error says how far mailflow looked.
  const auto near = test::read_text(noise.substr(0, noise.rfind('\n', 3u << 20) + 1) + postfix, {}, test::syslog_year_2026());
  EXPECT_EQ(near.report.format, "postfix");
  const auto far = test::read_text(noise + postfix, {}, test::syslog_year_2026());
  EXPECT_EQ(far.report.format, "");
  EXPECT_NE(far.report.error.find("no line in the first 4 MB"), std::string::npos) << far.report.error;
}

TEST(RealShapes, DateStampedLogWithoutEximLinesSaysWhatItLooksLike) {
  std::string log;
  for (int i = 0; i < 50; ++i) log += "2026-11-20 08:15:02 worker started, queue empty\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "");
  EXPECT_NE(r.report.error.find("looks like an Exim main log"), std::string::npos) << r.report.error;
}

TEST(RealShapes, CsvWithUnknownColumnsNamesThemAndWhatMailflowNeeds) {
  const auto r = test::read_text("Datum;Absender;Empfaenger;Betreff\r\n20.11.2026 08:15:02;a@fabrikam.com;b@contoso.com;Hallo\r\n");
  EXPECT_EQ(r.report.format, "");
  EXPECT_NE(r.report.error.find("looks like a CSV file (columns Datum, Absender, Empfaenger, Betreff)"), std::string::npos)
      << r.report.error;
  EXPECT_NE(r.report.error.find("timestamp, direction, connector, tls_version and bytes"), std::string::npos);
}

TEST(RealShapes, EximThroughSyslogIsRecognisedAsExim) {
  const auto r = test::read_text(
      "Nov 20 08:15:02 mx1 exim[1234]: 2026-11-20 08:15:02 no host name found for IP address 203.0.113.45\n"
      "Nov 20 08:15:03 mx1 exim[1234]: 2026-11-20 08:15:03 H=(User) [203.0.113.45]:51234 F=<a@adatum.com> "
      "rejected RCPT <b@contoso.com>: relay not permitted\n",
      {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "exim");
}

TEST(RealShapes, ChunkCutsDoNotChangeTheAnswer) {
  for (const char* name : {"exim-busy-host.log", "postfix-mail-log-after-dovecot.log", "postfix-filtering-host.log",
                           "postfix-rejected-at-end-of-data.log", "postfix-unpadded-day.log", "postfix-rfc5424.log", "sendmail-after-other-programs.log",
                           "syslog-without-mail-lines.log"}) {
    SCOPED_TRACE(name);
    test::expect_chunk_independent(test::real_shape(name));
  }
}

}  // namespace
}  // namespace mailflow
