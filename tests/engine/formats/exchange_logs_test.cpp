// Exchange Server message tracking + SMTP protocol logs: messages from the one, TLS from the other.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

const std::string kBom = "\xEF\xBB\xBF";
const std::string kFields30 =
    "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,"
    "event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,"
    "recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,"
    "directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,"
    "schema-version\r\n";

std::string tracking_header(const std::string& fields = kFields30) {
  return kBom + "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.009\r\n#Log-type: Message Tracking Log\r\n"
                "#Date: 2026-11-20T00:00:01.004Z\r\n" + fields;
}

// Inbound with a session id; an inbound whose source-context names none (joined by endpoint); an
// outbound (joined by endpoint); a DELIVER row; a submission from a device (Originating RECEIVE).
const std::string kTracking =
    tracking_header() +
    "2026-11-20T08:15:02.123Z,198.51.100.7,mail.fabrikam.com,192.0.2.10,EX01,08DE1A2B3C4D5E6F;2026-11-20T08:15:01.998Z;0,"
    "EX01\\Inbound from Fabrikam,SMTP,RECEIVE,1099511627776,<a1b2c3d4@mail.fabrikam.com>,0a1b2c3d-1111,megan@contoso.com,,"
    "18342,1,,,\"Invoice, November\",alerts@fabrikam.com,alerts@fabrikam.com,,Incoming,,198.51.100.7,192.0.2.10,"
    "S:DeliveryPriority=Normal,Email,x,15.02.1544.009\r\n"
    "2026-11-20T08:15:03.410Z,192.0.2.10,EX01,192.0.2.11,EX02.contoso.com,\"250 2.0.0 OK;ClientSubmitTime:x\",,STOREDRIVER,"
    "DELIVER,1099511627777,<a1b2c3d4@mail.fabrikam.com>,0a1b2c3d-1111,megan@contoso.com,250 2.1.5 Recipient OK,18342,1,,,"
    "\"Invoice, November\",alerts@fabrikam.com,alerts@fabrikam.com,x,Incoming,,198.51.100.7,192.0.2.10,,Email,y,15.02\r\n"
    "2026-11-20T08:30:05.000Z,203.0.113.80,mx.wingtiptoys.com,192.0.2.10,EX01,,EX01\\Default Frontend EX01,SMTP,RECEIVE,"
    "1099511627780,<w1@wingtiptoys.com>,n2,lee@contoso.com,,5000,1,,,News,n@wingtiptoys.com,n@wingtiptoys.com,,Incoming,,"
    ",,,Email,z,15.02\r\n"
    "2026-11-20T08:40:00.000Z,192.0.2.60,scan01,192.0.2.10,EX01,08DE1A2B3C4D5E99;2026-11-20T08:39:59Z;0,"
    "EX01\\Default Frontend EX01,SMTP,RECEIVE,1099511627785,<s1@scan01.contoso.com>,n3,lee@contoso.com,,2210,1,,,Scan,"
    "scan@contoso.com,scan@contoso.com,,Originating,,,,,Email,z,15.02\r\n"
    "2026-11-20T09:01:45.870Z,192.0.2.10,EX01.contoso.com,203.0.113.25,mx1.adatum.com,250 2.6.0 Queued mail for delivery,"
    "Outbound to Internet,SMTP,SEND,1099511627790,<c3d4e5f6@EX01.contoso.com>,1b2c3d4e-2222,lee@adatum.com;ana@adatum.com,"
    "250 2.0.0 OK;250 2.0.0 OK,7311,2,,,\"Re: Q4 plan \"\"draft\"\"\",megan@contoso.com,megan@contoso.com,x,Originating,,"
    "192.0.2.44,192.0.2.10,S:DeliveryPriority=Normal,Email,w,15.02\r\n";

const std::string kReceive =
    kBom + "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.009\r\n#Log-type: SMTP Receive Protocol Log\r\n"
           "#Date: 2026-11-20T08:00:00.512Z\r\n"
           "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
           "2026-11-20T08:15:01.201Z,EX01\\Inbound from Fabrikam,08DE1A2B3C4D5E6F,0,192.0.2.10:25,198.51.100.7:50311,+,,\r\n"
           "2026-11-20T08:30:00.000Z,EX01\\Default Frontend EX01,08DE1A2B3C4D5E70,0,192.0.2.10:25,203.0.113.80:41220,+,,\r\n"
           "2026-11-20T08:15:01.260Z,EX01\\Inbound from Fabrikam,08DE1A2B3C4D5E6F,3,192.0.2.10:25,198.51.100.7:50311,<,STARTTLS,\r\n"
           "2026-11-20T08:15:01.331Z,EX01\\Inbound from Fabrikam,08DE1A2B3C4D5E6F,5,192.0.2.10:25,198.51.100.7:50311,*,,"
           "\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with "
           "strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits\"\r\n"
           "2026-11-20T08:30:06.000Z,EX01\\Default Frontend EX01,08DE1A2B3C4D5E70,9,192.0.2.10:25,203.0.113.80:41220,-,,Local\r\n"
           "2026-11-20T08:15:03.001Z,EX01\\Inbound from Fabrikam,08DE1A2B3C4D5E6F,9,192.0.2.10:25,198.51.100.7:50311,-,,Local\r\n";

const std::string kSend =
    kBom + "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1544.009\r\n#Log-type: SMTP Send Protocol Log\r\n"
           "#Date: 2026-11-20T09:00:00.000Z\r\n"
           "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
           "2026-11-20T09:01:45.100Z,Outbound to Internet,08DE1A2B3C4D5E90,0,192.0.2.10:40112,203.0.113.25:25,+,,\r\n"
           "2026-11-20T09:01:45.402Z,Outbound to Internet,08DE1A2B3C4D5E90,9,192.0.2.10:40112,203.0.113.25:25,*,,"
           "\"TLS protocol SP_PROT-TLS1_3_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256\"\r\n"
           "2026-11-20T09:01:46.000Z,Outbound to Internet,08DE1A2B3C4D5E90,20,192.0.2.10:40112,203.0.113.25:25,-,,Local\r\n";

TEST(ExchangeTracking, CountsBoundaryMessagesOnceWithoutTls) {
  const auto r = test::read_text(kTracking);
  EXPECT_EQ(r.report.format, "exchange-tracking");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 2u);  // not the scanner's Originating submission
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("EX01\\Inbound from Fabrikam"), TlsVersion::NoData), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("Outbound to Internet"), TlsVersion::NoData), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 5000u);
}

TEST(ExchangeTracking, FieldsAreMappedByNameInEveryFile) {
  // Exchange 2010: 26 fields, no network-message-id; the same message as above, by name.
  const std::string fields26 =
      "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,"
      "event-id,internal-message-id,message-id,recipient-address,recipient-status,total-bytes,recipient-count,"
      "related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,"
      "tenant-id,original-client-ip,original-server-ip,custom-data\r\n";
  const std::string log = tracking_header(fields26) +
                          "2026-11-20T08:15:02.123Z,198.51.100.7,mail.fabrikam.com,192.0.2.10,EX01,x,EX01\\Inbound from "
                          "Fabrikam,SMTP,RECEIVE,1,<a1@f.com>,megan@contoso.com,,1234,1,,,\"a, b\",a@f.com,a@f.com,,"
                          "Incoming,,,,\r\n";
  const auto r = test::read_text(log);
  test::expect_accounted(r.report);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 1234u);
}

TEST(ExchangeProtocol, AloneItCountsSessionsNotMessages) {
  const auto r = test::read_text(kReceive);
  EXPECT_EQ(r.report.format, "exchange-protocol");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.messages, 0u);
  EXPECT_EQ(r.report.records, 6u);
  EXPECT_NE(std::find(r.report.notes.begin(), r.report.notes.end(), "2 SMTP receive sessions: 1 without TLS, 1 TLS 1.2"),
            r.report.notes.end());
}

TEST(ExchangeJoin, MessagesTakeTheTlsOfTheirSessionInAnyFileOrder) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"MSGTRK.LOG", kTracking}, {"RECV.LOG", kReceive}, {"SEND.LOG", kSend}};
  const auto session = test::ingest(files);
  const Aggregate a = session->aggregate();
  EXPECT_EQ(count(a, Direction::Inbound, test::connector("EX01\\Inbound from Fabrikam"), TlsVersion::Tls12), 1u);
  // No session id in its source-context: joined by connector, remote IP and time; that session had no TLS line.
  EXPECT_EQ(count(a, Direction::Inbound, test::connector("EX01\\Default Frontend EX01"), TlsVersion::None), 1u);
  EXPECT_EQ(count(a, Direction::Outbound, test::connector("Outbound to Internet"), TlsVersion::Tls13), 1u);
  const auto& notes = a.sources()[0].notes;
  ASSERT_FALSE(notes.empty());
  EXPECT_EQ(notes.back(),
            "TLS joined from the SMTP protocol logs for 3 of 3 messages (100%): 1 by session id, 2 by connector, remote IP "
            "and time; 0 stay 'no TLS data'");

  const auto reversed = test::ingest({files[2], files[1], files[0]}, test::Cutting{7, 3});
  EXPECT_EQ(test::rows_text(reversed->aggregate()), test::rows_text(a));
}

TEST(ExchangeJoin, MessagesOutsideEverySessionStayWithoutTlsData) {
  std::string late = kSend;
  // The send session ends a minute before the tracked SEND: no session covers the message.
  for (size_t at; (at = late.find("T09:01:4")) != std::string::npos;) late.replace(at, 8, "T09:00:4");
  const auto session = test::ingest({{"MSGTRK.LOG", kTracking}, {"SEND.LOG", late}});
  const Aggregate a = session->aggregate();
  EXPECT_EQ(count(a, Direction::Outbound, test::any_connector(), TlsVersion::NoData), 1u);
}

// The bundled EX01 logs joined as the generator says: its `joined_with_protocol_logs` totals.
TEST(ExchangeJoin, ExampleLogsGiveTheGeneratorsJoinedTotals) {
  const std::string dir = MAILFLOW_EXAMPLES_DIR;
  const auto totals = nlohmann::json::parse(test::read_file(dir + "/expected-totals.json"), nullptr, false);
  ASSERT_TRUE(totals.is_object());
  const auto& want = totals["MSGTRK20261102-1.LOG"]["joined_with_protocol_logs"];
  ASSERT_TRUE(want.is_object());
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : want["files"]) files.emplace_back(name, test::read_file(dir + "/" + name.get<std::string>()));
  files.emplace_back("MSGTRK20261102-1.LOG", test::read_file(dir + "/MSGTRK20261102-1.LOG"));
  const Aggregate a = test::ingest(files, test::Cutting{4096, 5})->aggregate();
  for (const auto& [direction_name, by_tls] : want["tls"].items())
    for (const auto& [tls_name, n] : by_tls.items())
      EXPECT_EQ(count(a, direction_name == "inbound" ? Direction::Inbound : Direction::Outbound, test::any_connector(),
                      tls_from_key(tls_name)),
                n.get<uint64_t>())
          << direction_name << " " << tls_name;
  const std::string matched = std::to_string(want["matched"].get<int>()) + " of " + std::to_string(want["of"].get<int>());
  const auto& notes = a.sources().back().notes;
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("TLS joined from the SMTP protocol logs for " + matched), std::string::npos) << notes.back();
}

TEST(ExchangeLogs, ChunkCutsDoNotChangeTheAnswer) {
  test::expect_chunk_independent(kTracking);
  test::expect_chunk_independent(kReceive);
}

}  // namespace
}  // namespace mailflow
