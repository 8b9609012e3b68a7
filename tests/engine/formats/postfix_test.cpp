// Postfix maillog: TLS lines joined to messages by process, as an admin reads the result.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

const std::string kLog =
    "Nov 20 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]\n"
    "Nov 20 08:15:02 mx1 postfix/smtpd[24811]: Anonymous TLS connection established from mail.fabrikam.com[198.51.100.7]: "
    "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519\n"
    "Nov 20 08:15:03 mx1 postfix/smtpd[24811]: 4F1C23A0B2: client=mail.fabrikam.com[198.51.100.7]\n"
    "Nov 20 08:15:03 mx1 postfix/qmgr[1200]: 4F1C23A0B2: from=<alerts@fabrikam.com>, size=18342, nrcpt=1 (queue active)\n"
    "Nov 20 08:15:03 mx1 postfix/smtpd[24811]: disconnect from mail.fabrikam.com[198.51.100.7] ehlo=2 starttls=1 mail=1 "
    "rcpt=1 data=1 quit=1 commands=7\n"
    "Nov 20 08:15:04 mx1 postfix/lmtp[2500]: 4F1C23A0B2: to=<megan@contoso.com>, relay=mbx[private/dovecot-lmtp], "
    "delay=1, dsn=2.0.0, status=sent (250 ok)\n"
    // A plaintext session of another process.
    "Nov 20 08:20:00 mx1 postfix-in/smtpd[24900]: connect from old.tailspintoys.com[203.0.113.9]\n"
    "Nov 20 08:20:01 mx1 postfix-in/smtpd[24900]: 5A5A5A5A5A: client=old.tailspintoys.com[203.0.113.9]\n"
    "Nov 20 08:20:01 mx1 postfix/qmgr[1200]: 5A5A5A5A5A: from=<x@tailspintoys.com>, size=1000, nrcpt=1 (queue active)\n"
    // Authenticated submission: inside the organisation.
    "Nov 20 09:01:40 mx1 postfix/submission/smtpd[25000]: connect from pc1[192.0.2.44]\n"
    "Nov 20 09:01:41 mx1 postfix/submission/smtpd[25000]: 7A2B9C1D3E: client=pc1[192.0.2.44], sasl_method=PLAIN, "
    "sasl_username=megan\n"
    "Nov 20 09:01:44 mx1 postfix/qmgr[1200]: 7A2B9C1D3E: from=<megan@contoso.com>, size=7311, nrcpt=3 (queue active)\n"
    // Two recipients at one relay over TLS (one message), one at another relay in plaintext.
    "Nov 20 09:01:45 mx1 postfix/smtp[25102]: Verified TLS connection established to mx1.adatum.com[203.0.113.25]:25: "
    "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)\n"
    "Nov 20 09:01:46 mx1 postfix/smtp[25102]: 7A2B9C1D3E: to=<lee@adatum.com>, relay=mx1.adatum.com[203.0.113.25]:25, "
    "delay=1.2, delays=0.1/0.01/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)\n"
    "Nov 20 09:01:46 mx1 postfix/smtp[25102]: 7A2B9C1D3E: to=<ana@adatum.com>, relay=mx1.adatum.com[203.0.113.25]:25, "
    "delay=1.2, delays=0.1/0.01/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)\n"
    "Nov 20 09:01:47 mx1 postfix/smtp[25103]: 7A2B9C1D3E: to=<x@tailspintoys.com>, relay=mx.tailspintoys.com[203.0.113.9]:25, "
    "delay=1.2, delays=0.1/0.01/0.6/0.5, dsn=2.0.0, status=sent (250 2.0.0 OK)\n"
    // A deferred delivery is not a message; a reused cached TLS connection carries its version.
    "Nov 20 09:05:00 mx1 postfix/smtp[25103]: 7A2B9C1D3F: to=<y@wingtiptoys.com>, relay=none, delay=30, "
    "status=deferred (connect timed out)\n"
    "Nov 20 09:06:00 mx1 postfix/qmgr[1200]: 7A2B9C1D40: from=<megan@contoso.com>, size=500, nrcpt=1 (queue active)\n"
    "Nov 20 09:06:01 mx1 postfix/smtp[25200]: Trusted TLS connection reused to mx1.adatum.com[203.0.113.25]:25: "
    "TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)\n"
    "Nov 20 09:06:01 mx1 postfix/smtp[25200]: 7A2B9C1D40: to=<lee@adatum.com>, relay=mx1.adatum.com[203.0.113.25]:25, "
    "delay=1, dsn=2.0.0, status=sent (250 2.0.0 OK)\n"
    "Nov 20 09:07:00 mx1 dovecot: imap-login: Login: user=<megan>\n";

TEST(Postfix, TlsLinesGoToTheMessagesOfTheirProcess) {
  const auto r = test::read_text(kLog, {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix-in/smtpd"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 1000u);
  // Outbound: adatum once for two recipients, tailspintoys in plaintext, the reused connection.
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls12), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u * 2 + 500u);
  EXPECT_EQ(count(r.aggregate, std::nullopt, test::any_connector(), {}, "2026-11-20"), 5u);
}

// A message refused as a whole at end of data (a milter, smtpd's end-of-data or data restrictions,
// cleanup's header or body checks) was never received: Postfix writes no qmgr line for it. A
// recipient refused with a queue id (RCPT) leaves the message to the others.
TEST(Postfix, MessageRejectedAtEndOfDataIsNotReceived) {
  const std::string log =
      "Nov 20 10:00:00 mx1 postfix/smtpd[300]: connect from mail-75.mx.example.com[203.0.113.39]\n"
      "Nov 20 10:00:01 mx1 postfix/smtpd[300]: 46F6E2A101: client=mail-75.mx.example.com[203.0.113.39]\n"
      "Nov 20 10:00:02 mx1 postfix/cleanup[301]: 46F6E2A101: message-id=<a@example.com>\n"
      "Nov 20 10:00:03 mx1 postfix/cleanup[301]: 46F6E2A101: milter-reject: END-OF-MESSAGE from "
      "mail-75.mx.example.com[203.0.113.39]: 5.7.1 Spam message rejected; from=<a@example.com> to=<b@contoso.com> "
      "proto=ESMTP helo=<mail-75.mx.example.com>\n"
      "Nov 20 10:00:04 mx1 postfix/smtpd[300]: 46F6E2A102: client=mail-75.mx.example.com[203.0.113.39]\n"
      "Nov 20 10:00:05 mx1 postfix/cleanup[301]: 46F6E2A102: reject: header Subject: WIN A PRIZE from "
      "mail-75.mx.example.com[203.0.113.39]; from=<a@example.com> to=<b@contoso.com> proto=ESMTP "
      "helo=<mail-75.mx.example.com>: 5.7.1 message content rejected\n"
      "Nov 20 10:00:06 mx1 postfix/smtpd[300]: 46F6E2A103: client=mail-75.mx.example.com[203.0.113.39]\n"
      "Nov 20 10:00:07 mx1 postfix/smtpd[300]: 46F6E2A103: reject: END-OF-MESSAGE from "
      "mail-75.mx.example.com[203.0.113.39]: 550 5.7.1 Message rejected; from=<a@example.com> to=<b@contoso.com> "
      "proto=ESMTP helo=<mail-75.mx.example.com>\n"
      // One recipient refused, the message goes on to the other.
      "Nov 20 10:00:08 mx1 postfix/smtpd[300]: 46F6E2A104: client=mail-75.mx.example.com[203.0.113.39]\n"
      "Nov 20 10:00:08 mx1 postfix/smtpd[300]: 46F6E2A104: reject: RCPT from mail-75.mx.example.com[203.0.113.39]: "
      "550 5.1.1 <nobody@contoso.com>: Recipient address rejected: User unknown; from=<a@example.com> "
      "to=<nobody@contoso.com> proto=ESMTP helo=<mail-75.mx.example.com>\n"
      "Nov 20 10:00:09 mx1 postfix/qmgr[1200]: 46F6E2A104: from=<a@example.com>, size=4000, nrcpt=1 (queue active)\n"
      "Nov 20 10:00:10 mx1 postfix/smtpd[300]: disconnect from mail-75.mx.example.com[203.0.113.39]\n";
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 4000u);
  EXPECT_EQ(r.report.skipped_by_reason.at("message removed before it was queued (rejected at end of data)"), 3u);
  for (const auto& note : r.report.notes) EXPECT_EQ(note.find("no queue manager line"), std::string::npos) << note;
  EXPECT_NE(std::find_if(r.report.notes.begin(), r.report.notes.end(),
                         [](const std::string& note) { return note.find(" of 1 with TLS") != std::string::npos; }),
            r.report.notes.end());
}

// A month of sent mail goes through far more smtp processes than the tables keep: their TLS lines
// still go to their own deliveries, and no note says that something was lost.
TEST(Postfix, ManyClientProcessesOverAMonth) {
  std::string log;
  for (int i = 0; i < 100000; ++i) {
    const std::string pid = std::to_string(100000 + i), id = "A" + std::to_string(1000000 + i);
    log += "Nov 20 11:00:00 mx1 postfix/smtp[" + pid + "]: Trusted TLS connection established to "
           "mx.adatum.com[203.0.113.25]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n";
    log += "Nov 20 11:00:01 mx1 postfix/smtp[" + pid + "]: " + id + ": to=<lee@adatum.com>, "
           "relay=mx.adatum.com[203.0.113.25]:25, delay=1, dsn=2.0.0, status=sent (250 2.0.0 OK)\n";
  }
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls13), 100000u);
  for (const auto& note : r.report.notes) EXPECT_EQ(note.find("not kept"), std::string::npos) << note;
}

// The TLS summary is found wherever " TLS connection " first stands in the message, past other
// capital T's (a host name, a trust word of another spelling), and nowhere else.
TEST(Postfix, TlsSummaryFoundPastOtherCapitals) {
  const std::string log =
      "Nov 20 08:15:01 mx1 postfix/smtpd[24811]: connect from mail.Tailspin.example[198.51.100.7]\n"
      "Nov 20 08:15:02 mx1 postfix/smtpd[24811]: TTT Trusted TLS connection established from "
      "mail.Tailspin.example[198.51.100.7]: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)\n"
      "Nov 20 08:15:03 mx1 postfix/smtpd[24811]: 4F1C23A0B2: client=mail.Tailspin.example[198.51.100.7]\n"
      "Nov 20 08:15:03 mx1 postfix/qmgr[1200]: 4F1C23A0B2: from=<a@tailspin.example>, size=100, nrcpt=1\n"
      "Nov 20 08:16:01 mx1 postfix/smtpd[24812]: connect from mx.Test.example[198.51.100.8]\n"
      "Nov 20 08:16:02 mx1 postfix/smtpd[24812]: xTLS connection established from mx.Test.example[198.51.100.8]: "
      "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
      "Nov 20 08:16:03 mx1 postfix/smtpd[24812]: 5A2B34B1C3: client=mx.Test.example[198.51.100.8]\n"
      "Nov 20 08:16:03 mx1 postfix/qmgr[1200]: 5A2B34B1C3: from=<b@test.example>, size=200, nrcpt=1\n";
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls12), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None), 1u);  // no " TLS"
}

TEST(Postfix, SessionBegunBeforeTheLogHasNoTlsData) {
  const std::string log =
      "Nov 20 08:15:03 mx1 postfix/smtpd[24811]: 4F1C23A0B2: client=mail.fabrikam.com[198.51.100.7]\n"
      "Nov 20 08:15:03 mx1 postfix/qmgr[1200]: 4F1C23A0B2: from=<alerts@fabrikam.com>, size=18342, nrcpt=1\n";
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::NoData), 1u);
}

TEST(Postfix, YearComesFromTheOptionAndRollsOverAtNewYear) {
  const std::string log =
      "Dec 31 23:59:59 mx1 postfix/smtpd[1]: connect from a.example[198.51.100.1]\n"
      "Dec 31 23:59:59 mx1 postfix/smtpd[1]: 1111111111: client=a.example[198.51.100.1]\n"
      "Jan  1 00:00:01 mx1 postfix/smtpd[2]: connect from b.example[198.51.100.2]\n"
      "Jan  1 00:00:01 mx1 postfix/smtpd[2]: 2222222222: client=b.example[198.51.100.2]\n";
  SessionOptions o;
  o.syslog_year = 2025;
  const auto r = test::read_text(log, {}, o);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2025-12-31"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2026-01-01"), 1u);
}

TEST(Postfix, Rfc3339StampsCarryTheirZone) {
  const std::string log =
      "2026-11-20T00:30:00.123456+01:00 mx1 postfix/smtpd[7]: connect from a.example[198.51.100.1]\n"
      "2026-11-20T00:30:01.000000+01:00 mx1 postfix/smtpd[7]: 3333333333: client=a.example[198.51.100.1]\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "postfix");
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2026-11-19"), 1u);
}

// A log without any TLS line of a side says nothing about TLS (smtpd_tls_loglevel = 0): its
// messages are "no TLS data", never "No TLS". Once a TLS line of that side appears, messages without
// one are plaintext, including those before it.
TEST(Postfix, NoTlsLineAtAllMeansNoTlsData) {
  const std::string plain =
      "2026-11-20T08:00:00Z mx1 postfix/smtpd[7]: connect from a.example[198.51.100.1]\n"
      "2026-11-20T08:00:01Z mx1 postfix/smtpd[7]: 3333333333: client=a.example[198.51.100.1]\n"
      "2026-11-20T08:00:02Z mx1 postfix/qmgr[9]: 3333333333: from=<a@a.example>, size=100, nrcpt=1 (queue active)\n";
  const auto without = test::read_text(plain);
  EXPECT_EQ(count(without.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
  EXPECT_EQ(count(without.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None, "2026-11-20"), 0u);
  test::expect_accounted(without.report);

  const std::string later_tls = plain +
      "2026-11-20T09:00:00Z mx1 postfix/smtpd[8]: connect from b.example[198.51.100.2]\n"
      "2026-11-20T09:00:00Z mx1 postfix/smtpd[8]: Anonymous TLS connection established from b.example[198.51.100.2]: "
      "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
      "2026-11-20T09:00:01Z mx1 postfix/smtpd[8]: 4444444444: client=b.example[198.51.100.2]\n";
  for (size_t chunk : {size_t{1}, size_t{1} << 20}) {
    const auto with = test::read_text(later_tls, test::Cutting{chunk, 0});
    EXPECT_EQ(count(with.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None, "2026-11-20"), 1u);
    EXPECT_EQ(count(with.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13, "2026-11-20"), 1u);
    test::expect_accounted(with.report);
  }
}

TEST(Postfix, OverlongLineIsSkippedWithAReason) {
  const std::string log = kLog + std::string(70000, 'x') + "\n" + kLog.substr(0, kLog.find('\n') + 1);
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  test::expect_accounted(r.report);
  ASSERT_FALSE(r.report.problems.empty());
  EXPECT_NE(r.report.problems[0].reason.find("64 KiB"), std::string::npos);
}

TEST(Postfix, ChunkCutsDoNotChangeTheAnswer) {
  test::expect_chunk_independent(kLog + "Nov 20 09:08:00 mx1 postfix/smtpd[1]: connect from a[198.51.100.1]\r\n");
}

}  // namespace
}  // namespace mailflow
