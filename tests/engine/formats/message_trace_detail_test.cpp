// Get-MessageTraceDetail exports: Receive/Send evidence, the Data XML (plain and URI-escaped),
// connector and TLS from CustomData, and the join with a message trace dropped alongside.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"
#include "formats/message_trace_detail/mep_data.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;

const std::string kHeader =
    "\"Organization\",\"MessageId\",\"MessageTraceId\",\"Date\",\"Event\",\"Action\",\"Detail\",\"Data\",\"SenderAddress\",\"RecipientAddress\"\r\n";

std::string row(std::string id, std::string date, std::string event, std::string action, std::string data,
                std::string sender, std::string recipient) {
  std::string escaped;
  for (char c : data) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
  return "\"contoso.onmicrosoft.com\",\"" + id + "\",\"guid\",\"" + date + "\",\"" + event + "\",\"" + action +
         "\",\"detail\",\"" + escaped + "\",\"" + sender + "\",\"" + recipient + "\"\r\n";
}

const std::string kDetail =
    kHeader +
    // inbound through a partner connector with TLS 1.2
    row("<a1@fabrikam.com>", "11/20/2026 8:15:02 AM", "Receive", "",
        "<root><MEP Name=\"ClientIP\" String=\"198.51.100.7\" /><MEP Name=\"CustomData\" Blob=\"S:InboundConnectorData=Name=Inbound from Fabrikam;ConnectorType=Partner;S:tlsversion=TLS1_2;S:tlscipher=TLS_ECDHE\" /></root>",
        "alerts@fabrikam.com", "megan@contoso.com") +
    row("<a1@fabrikam.com>", "11/20/2026 8:15:03 AM", "Deliver", "", "<root><MEP Name=\"DeliveryPriority\" String=\"Normal\" /></root>",
        "alerts@fabrikam.com", "megan@contoso.com") +
    // outbound: its submission (Receive) is not inbound; the Send names the connector, URI-escaped Data
    row("<c3@contoso.com>", "11/20/2026 9:01:44 AM", "Receive", "", "<root></root>", "megan@contoso.com", "lee@adatum.com") +
    row("<c3@contoso.com>", "11/20/2026 9:01:45 AM", "Send", "RouteMessageUsingConnector",
        "%3Croot%3E%3CMEP%20Name%3D%22CustomData%22%20Blob%3D%22S%3AMicrosoft.Exchange.Hygiene.TenantOutboundConnectorCustomData%3DName%3DOutbound%20to%20Adatum%20%26amp%3B%20Co%3BS%3Atlsversion%3DTLS1_3%22%20%2F%3E%3C%2Froot%3E",
        "megan@contoso.com", "lee@adatum.com") +
    // inbound without a connector, plaintext: the transport recorded the connection and no connector
    row("<n1@tailspintoys.com>", "11/21/2026 7:00:00 PM", "Receive", "",
        "<root><MEP Name=\"ClientIP\" String=\"203.0.113.80\" /><MEP Name=\"CustomData\" Blob=\"S:tlsversion=None\" /></root>",
        "news@tailspintoys.com", "megan@contoso.com") +
    // inbound with nothing about connector or TLS in Data, but the Detail wording: connector unknown
    row("<q1@litware.com>", "11/21/2026 8:00:00 PM", "Receive", "", "<root><MEP Name=\"ClientIP\" String=\"203.0.113.9\" /></root>",
        "q@litware.com", "megan@contoso.com") +
    // internal mail, mailbox to mailbox
    row("<i1@contoso.com>", "11/21/2026 9:00:00 PM", "Receive", "", "<root></root>", "megan@contoso.com", "lee@contoso.com") +
    row("<i1@contoso.com>", "11/21/2026 9:00:01 PM", "Deliver", "", "", "megan@contoso.com", "lee@contoso.com");

TEST(MessageTraceDetail, ReceiveAndSendBecomeInboundAndOutbound) {
  const auto r = test::read_text(kDetail);
  EXPECT_EQ(r.report.format, "message-trace-detail");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 8u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum & Co"), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::None, "2026-11-21"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
  EXPECT_EQ(count(r.aggregate, std::nullopt), 4u);
  EXPECT_EQ(test::skipped_for(r.report, "submission of a message that was sent out (Receive of an outbound message)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "internal message (stays in the organisation)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (Deliver)"), 2u);
}

TEST(MessageTraceDetail, ChunkCutsDoNotChangeTheAnswer) { test::expect_chunk_independent(kDetail); }

TEST(MessageTraceDetail, JoinsTheTraceOfTheSameMessages) {
  const std::string trace =
      "\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\",\"Size\",\"MessageId\",\"MessageTraceId\"\r\n"
      "\"11/20/2026 8:15:02 AM\",\"alerts@fabrikam.com\",\"megan@contoso.com\",\"Invoice\",\"Delivered\",\"\",\"198.51.100.7\",\"18342\",\"<a1@fabrikam.com>\",\"guid\"\r\n"
      "\"11/20/2026 9:01:44 AM\",\"megan@contoso.com\",\"lee@adatum.com\",\"Re\",\"Delivered\",\"203.0.113.25\",\"\",\"7311\",\"<c3@contoso.com>\",\"guid2\"\r\n";
  for (bool detail_first : {false, true}) {
    auto session = detail_first ? test::ingest({{"detail.csv", kDetail}, {"trace.csv", trace}})
                                : test::ingest({{"trace.csv", trace}, {"detail.csv", kDetail}});
    const Aggregate a = session->aggregate();
    SCOPED_TRACE(detail_first);
    // Each message once, with the trace's size and the detail's connector and TLS.
    EXPECT_EQ(count(a, std::nullopt), 4u);
    EXPECT_EQ(count(a, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12), 1u);
    EXPECT_EQ(count(a, Direction::Outbound, connector("Outbound to Adatum & Co"), TlsVersion::Tls13), 1u);
    EXPECT_EQ(test::total_bytes(a, Direction::Inbound), 18342u);
    EXPECT_EQ(test::total_bytes(a, Direction::Outbound), 7311u);
    for (size_t i = 0; i < 2; ++i) test::expect_accounted(session->report(i));
  }
}

TEST(MepData, ReadsPlainEscapedAndEntityEncodedValues) {
  MepData data;
  data.read("<root><MEP Name='ClientIP' String='198.51.100.7'/><MEP Name=\"CustomData\" Blob=\"a&amp;b&#59;c&#x3C;\" /></root>");
  EXPECT_EQ(data.value("clientip"), "198.51.100.7");
  EXPECT_EQ(data.value("CustomData"), "a&b;c<");
  EXPECT_EQ(data.value("Missing"), std::nullopt);
  data.read("%3Croot%3E%3CMEP%20Name%3D%22ReturnPath%22%20String%3D%22a%40b.c%22%2F%3E%3C%2Froot%3E");
  EXPECT_EQ(data.value("ReturnPath"), "a@b.c");
  data.read("<root><MEP Name=\"ClientIP\" String=\"198.51");  // cut off: nothing read, nothing crashes
  EXPECT_EQ(data.value("ClientIP"), std::nullopt);
}

}  // namespace
}  // namespace mailflow
