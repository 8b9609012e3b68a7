// Real shapes of on-premises logs (tests/data/real-shapes/README.md): Exchange Server message
// tracking and SMTP protocol log lines without their #Fields header, and a Sendmail log with
// rejected transactions and STARTTLS lines that are no TLS session. Every figure below was counted
// by hand from the files (grep and awk commands in the README), never taken from mailflow's output;
// each file is read whole, in 1-byte chunks and in random chunks, and must give the same figures.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/exchange_protocol/exchange_protocol.h"
#include "formats/exchange_tracking/exchange_tracking.h"
#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

// Whole, 1-byte chunks, and random chunks of three seeds.
const std::vector<test::Cutting> kCuttings = {{}, {1, 0}, {97, 1}, {97, 7}, {4096, 42}};

std::string describe(const test::Cutting& c) {
  return "chunks: fixed " + std::to_string(c.fixed) + " seed " + std::to_string(c.seed);
}

// ---------------------------------------------------------------------------------------------
// Exchange Server message tracking lines without the #Software/#Fields block: 30 fields
// (Exchange 2013 and later), builds 15.01 and 15.02 in one file, a BOM before the first row,
// CRLF, and a last row cut by the tool that made the file.

TEST(RealShapesOnprem, ExchangeTrackingLinesWithoutHeader) {
  const std::string log = test::real_shape("exchange-tracking-headerless.log");
  ASSERT_EQ(log.find("#Fields"), std::string::npos);
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const auto r = test::read_text(log, cutting);
    EXPECT_EQ(r.report.format, "exchange-tracking");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 15u);
    EXPECT_EQ(r.report.messages, 6u);
    EXPECT_EQ(r.report.skipped, 9u);
    // Received over SMTP from outside (RECEIVE, Incoming): three message ids; the second RECEIVE
    // of the first one (the hub after the front end) is the same message.
    EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("EX01\\Default Frontend EX01"), TlsVersion::NoData,
                    "2026-11-20"),
              2u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("EX02\\Frontal par défaut EX02"),
                    TlsVersion::NoData, "2026-11-21"),
              1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 9000u + 5120u);
    // Sent: SENDEXTERNAL and SEND/Originating over "Outbound to Internet", and the hybrid connector's
    // SENDEXTERNAL of an Incoming message (SENDEXTERNAL is outbound whatever its directionality);
    // not the Intra-Organization hop.
    EXPECT_EQ(count(r.aggregate, Direction::Outbound), 3u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("Outbound to Internet"), TlsVersion::NoData), 2u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound,
                    test::connector("Outbound to Office 365 - 5c8e2b7a-1f3d-4e6a-9b0c-2d4f6a8c0e1b")),
              1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u + 2048u + 9000u);
    // HAREDIRECTFAIL, DELIVER, NOTIFYMAPI, AGENTINFO, the mailbox's STOREDRIVER RECEIVE, the
    // Intra-Organization SEND, the scanner's Originating RECEIVE are not boundary crossings.
    EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (HAREDIRECTFAIL)"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (NOTIFYMAPI)"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "further row of a message already counted"), 1u);
    // The cut last row: 6 fields, no layout has that many.
    ASSERT_EQ(r.report.problems.size(), 1u);
    EXPECT_EQ(r.report.problems[0].line, 15u);
    EXPECT_NE(r.report.problems[0].reason.find("fits no default layout (30, 27 or 26 fields)"), std::string::npos);
    EXPECT_TRUE(test::has_note(r.report,
                         "no #Fields header: 14 rows read with the default field layout of Exchange 2013 and later "
                         "(30 fields)"));
  }
}

// A file cut by a tool in the middle of a row of early Exchange 2013 (27 fields): the first line
// is the end of a quoted source-context. Read as a row, its one quote would swallow the file.

TEST(RealShapesOnprem, ExchangeTrackingFileThatStartsInTheMiddleOfARow) {
  const std::string log = test::real_shape("exchange-tracking-cut-2013.log");
  ASSERT_EQ(std::count(log.begin(), log.begin() + static_cast<long>(log.find('\n')), '"'), 1);
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const auto r = test::read_text(log, cutting);
    EXPECT_EQ(r.report.format, "exchange-tracking");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 8u);
    ASSERT_FALSE(r.report.problems.empty());
    EXPECT_EQ(r.report.problems[0].line, 1u);
    EXPECT_NE(r.report.problems[0].reason.find("first line cut"), std::string::npos);
    EXPECT_EQ(r.report.problems.size(), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("EX13A\\Default EX13A")), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 4100u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("Outbound to Partner")), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 900u);
    EXPECT_EQ(test::skipped_for(r.report, "SMTP event with directionality Undefined: direction unknown"), 1u);
    EXPECT_TRUE(test::has_note(r.report, "no #Fields header: 7 rows read with the default field layout of early Exchange 2013 "
                                   "(27 fields"));
  }
}

// Exchange 2010 lines (26 fields, no network-message-id), LF line ends, no BOM.

TEST(RealShapesOnprem, Exchange2010TrackingLinesWithoutHeader) {
  const std::string log = test::real_shape("exchange-tracking-2010-lines.log");
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const auto r = test::read_text(log, cutting);
    EXPECT_EQ(r.report.format, "exchange-tracking");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 4u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("EX10\\Internet Mail")), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 2210u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("Outbound to Internet")), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);  // not the Intra-Organization hop
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 640u);
    EXPECT_TRUE(r.report.problems.empty());
    EXPECT_TRUE(test::has_note(r.report, "no #Fields header: 4 rows read with the default field layout of Exchange 2010"));
  }
}

// SMTP protocol log lines as a shipper sends them (no # lines): two receive sessions, one with a
// TLS 1.2 line, and a send connector's failed connection (no local endpoint, no connect line).

TEST(RealShapesOnprem, ExchangeProtocolLinesWithoutHeader) {
  const std::string log = test::real_shape("exchange-protocol-headerless.log");
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const auto r = test::read_text(log, cutting);
    EXPECT_EQ(r.report.format, "exchange-protocol");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 13u);
    EXPECT_EQ(r.report.messages, 0u);
    EXPECT_TRUE(r.report.problems.empty());
    EXPECT_TRUE(test::has_note(r.report, "2 SMTP receive sessions: 1 without TLS, 1 TLS 1.2"));
    EXPECT_TRUE(test::has_note(r.report, "1 SMTP send session: 1 begun in an earlier file (TLS not known)"));
    EXPECT_TRUE(test::has_note(r.report, "no #Fields header: 13 rows read with the default field layout of the SMTP protocol log"));
  }
}

// The headerless tracking lines and protocol lines together: the RECEIVE rows name their sessions
// in source-context (08DE1A2B3C4D5E6F with TLS 1.2, 08DE1A2B3C4D5E71 without TLS); the EX02 message
// and the sent ones have no session in the protocol lines.

TEST(RealShapesOnprem, HeaderlessTrackingAndProtocolLinesJoin) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"tracking.log", test::real_shape("exchange-tracking-headerless.log")},
      {"protocol.log", test::real_shape("exchange-protocol-headerless.log")}};
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const Aggregate a = test::ingest(files, cutting)->aggregate();
    const test::ConnectorFilter frontend = test::connector("EX01\\Default Frontend EX01");
    EXPECT_EQ(count(a, Direction::Inbound, frontend, TlsVersion::Tls12), 1u);
    EXPECT_EQ(count(a, Direction::Inbound, frontend, TlsVersion::None), 1u);
    EXPECT_EQ(count(a, Direction::Inbound, test::any_connector(), TlsVersion::NoData), 1u);
    EXPECT_EQ(count(a, Direction::Outbound, test::any_connector(), TlsVersion::NoData), 3u);
    ASSERT_FALSE(a.sources().empty());
    EXPECT_TRUE(test::has_note(a.sources()[0], "TLS joined from the SMTP protocol logs for 2 of 6 messages"));
  }
}

// What must not be taken for headerless tracking lines, and a header still ranking first.

TEST(RealShapesOnprem, HeaderlessSniffingTakesNothingElse) {
  const std::string tracking = test::real_shape("exchange-tracking-headerless.log");
  const std::string protocol = test::real_shape("exchange-protocol-headerless.log");
  // Each headerless log is recognised by its own reader only.
  EXPECT_GT(kExchangeTrackingFormat.sniff(tracking), 0);
  EXPECT_EQ(kExchangeProtocolFormat.sniff(tracking), 0);
  EXPECT_GT(kExchangeProtocolFormat.sniff(protocol), 0);
  EXPECT_EQ(kExchangeTrackingFormat.sniff(protocol), 0);
  // With its header block a file ranks above headerless lines.
  const std::string header =
      "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.009\r\n#Log-type: Message Tracking Log\r\n"
      "#Date: 2026-11-20T00:00:01.004Z\r\n#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,"
      "source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
      "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,"
      "message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,"
      "original-server-ip,custom-data,transport-traffic-type,log-id,schema-version\r\n";
  EXPECT_GT(kExchangeTrackingFormat.sniff(header + tracking.substr(3)), kExchangeTrackingFormat.sniff(tracking));

  // The Extended report with unquoted values has the tracking fields in the same order: its header
  // line names it, and it stays the Extended report.
  std::string extended =
      "date_time_utc,client_ip,client_hostname,server_ip,server_hostname,source_context,connector_id,source,event_id,"
      "internal_message_id,message_id,network_message_id,recipient_address,recipient_status,total_bytes,"
      "recipient_count,related_recipient_address,reference,message_subject,sender_address,return_path,message_info,"
      "directionality,tenant_id,original_client_ip,original_server_ip,custom_data\r\n";
  for (int i = 0; i < 3; ++i)
    extended += "2026-11-20T08:15:0" + std::to_string(i) +
                ".123Z,198.51.100.7,mail.fabrikam.com,,EXOSRV01,,Inbound from Fabrikam,SMTP,RECEIVE,1,<x" +
                std::to_string(i) + "@fabrikam.com>,n,megan@contoso.com,,1834,1,,,Hi,a@fabrikam.com,a@fabrikam.com,,"
                "Incoming,t,198.51.100.7,,S:DeliveryPriority=Normal\r\n";
  EXPECT_EQ(kExchangeTrackingFormat.sniff(extended), 0);
  EXPECT_EQ(test::read_text(extended).report.format, "exo-extended");

  // Other Exchange logs also start with a UTC time (HttpProxy), but not with these fields.
  std::string proxy;
  for (int i = 0; i < 5; ++i)
    proxy += "2026-11-20T02:20:3" + std::to_string(i) +
             ".841Z,47a25adf-57a3-4538-ba98-4bafdfee8095,15,1,2375,7,,Owa,192.0.2.10,/owa/,,FBA,false,,,,Mozilla/5.0,"
             "198.51.100.7,EX01,302,,,GET,,,,,,,,,0\r\n";
  EXPECT_EQ(kExchangeTrackingFormat.sniff(proxy), 0);
  EXPECT_EQ(kExchangeProtocolFormat.sniff(proxy), 0);
}

// A row count no layout has is skipped with a reason, and a file of such rows only is an error.

TEST(RealShapesOnprem, HeaderlessRowsOfNoKnownLayout) {
  const std::string rows = "2026-11-20T08:15:02.123Z,198.51.100.7,mail.fabrikam.com,192.0.2.10,EX01,,EX01\\In,SMTP,"
                           "RECEIVE,1,<a@f.com>,n,m@contoso.com,,10,1,,,s,a@f.com,a@f.com,,Incoming,,,,,Email,x\r\n";
  const SourceReport r = test::read_with_format(kExchangeTrackingFormat, rows);  // 29 fields
  EXPECT_EQ(r.records, 1u);
  EXPECT_EQ(r.skipped, 1u);
  EXPECT_NE(r.error.find("no #Fields line"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("30, 27 or 26 fields"), std::string::npos) << r.error;
}

// ---------------------------------------------------------------------------------------------
// Sendmail: rejected transactions (from= with nrcpts=0), STARTTLS configuration warnings and
// failed handshakes, the queue id before STARTTLS=server, IPv6 relays, relay names ending with a
// dot, TLSv1/SSLv3, local submission through sendmail and sm-msp-queue, authenticated submission.

TEST(RealShapesOnprem, SendmailRejectionsAndTlsNotices) {
  const std::string log = test::real_shape("sendmail-rejections-and-tls-notices.log");
  for (const auto& cutting : kCuttings) {
    SCOPED_TRACE(describe(cutting));
    const auto r = test::read_text(log, cutting, test::syslog_year_2026());
    EXPECT_EQ(r.report.format, "sendmail");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 46u);
    EXPECT_EQ(r.report.messages, 8u);
    // Received from remote hosts: TLS 1.2 (after the dh.param warning of its process), TLS 1.3 with
    // the queue id before STARTTLS=server, TLSv1/SSLv3, TLS 1.3 over IPv6, plaintext.
    EXPECT_EQ(count(r.aggregate, Direction::Inbound), 5u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA-v4"), TlsVersion::Tls12), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=IPv4"), TlsVersion::Tls13), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA"), TlsVersion::UnknownVersion), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA-v6"), TlsVersion::Tls13), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA-v4"), TlsVersion::None), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 51200u + 4100u + 2210u + 3300u);
    // Sent to remote hosts: TLS 1.3 (relay name with a trailing dot), TLSv1/SSLv3 to two recipients
    // on one line, and plaintext after a failed TLS handshake and a deferral.
    EXPECT_EQ(count(r.aggregate, Direction::Outbound), 3u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("mailer=esmtp"), TlsVersion::Tls13), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("mailer=esmtp"), TlsVersion::UnknownVersion), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("mailer=esmtp"), TlsVersion::None), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 1450u + 7311u + 900u);
    // Not messages, each under its own reason.
    EXPECT_EQ(test::skipped_for(r.report, "rejected transaction (from= with nrcpts=0: no recipient was accepted): not a "
                                          "message"),
              2u);
    EXPECT_EQ(test::skipped_for(r.report, "STARTTLS error or configuration warning (`STARTTLS=server: file ... unsafe`, "
                                          "`error:`): not a TLS session"),
              5u);
    EXPECT_EQ(test::skipped_for(r.report, "STARTTLS line (its version goes to the messages of the same process)"), 8u);
    EXPECT_EQ(test::skipped_for(r.report, "SMTP command rejected by a ruleset (reject=): no message"), 3u);
    EXPECT_EQ(test::skipped_for(r.report, "hand-over by the local submission queue (sm-msp-queue) to the mail server: not "
                                          "a boundary crossing"),
              2u);
    EXPECT_EQ(test::skipped_for(r.report, "local or authenticated submission: not a boundary crossing"), 5u);
    EXPECT_TRUE(r.report.problems.empty());
  }
}

// No line of a rejected transaction's queue id counts, also a delivery line that follows it.

TEST(RealShapesOnprem, SendmailRejectedTransactionNeverBecomesAMessage) {
  const std::string log =
      "Nov 20 08:01:10 mx2 sm-mta[3160]: 4AK81Abb003160: from=<promo@adatum.com>, size=0, class=0, nrcpts=0, "
      "proto=ESMTP, daemon=MTA, relay=mail.adatum.com [203.0.113.70]\n"
      "Nov 20 08:01:11 mx2 sm-mta[3161]: 4AK81Abb003160: to=<lee@fabrikam.com>, delay=00:00:01, mailer=esmtp, "
      "pri=30000, relay=mx.fabrikam.com. [198.51.100.8], dsn=2.0.0, stat=Sent (OK)\n"
      "Nov 20 08:02:00 mx2 sm-mta[3170]: 4AK8200c003170: from=<news@adatum.com>, size=700, class=0, nrcpts=1, "
      "proto=ESMTP, daemon=MTA, relay=mail.adatum.com [203.0.113.70]\n";
  const auto r = test::read_text(log, {}, test::syslog_year_2026());
  EXPECT_EQ(r.report.format, "sendmail");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 700u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 0u);
  EXPECT_EQ(test::skipped_for(r.report, "delivery line of a rejected transaction (its from= had nrcpts=0)"), 1u);
}

TEST(RealShapesOnprem, ChunkCutsDoNotChangeTheAnswer) {
  for (const char* name : {"exchange-tracking-headerless.log", "exchange-tracking-cut-2013.log",
                           "exchange-tracking-2010-lines.log", "exchange-protocol-headerless.log",
                           "sendmail-rejections-and-tls-notices.log"}) {
    SCOPED_TRACE(name);
    test::expect_chunk_independent(test::real_shape(name));
  }
}

}  // namespace
}  // namespace mailflow
