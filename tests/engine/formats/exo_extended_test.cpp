// The Exchange Online extended report: which events count, how rows join into messages, TLS from
// custom_data, encodings, and the accounting of every row.
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/exo_extended/exo_extended.h"
#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;
using test::quoted_header;
using test::quoted_row;

const std::vector<std::string> kColumns = {
    "date_time_utc",  "client_ip",          "client_hostname",  "server_ip",        "server_hostname",
    "source_context", "connector_id",       "source",           "event_id",         "internal_message_id",
    "message_id",     "network_message_id", "recipient_address", "recipient_status", "total_bytes",
    "recipient_count", "related_recipient_address", "reference", "message_subject",  "sender_address",
    "return_path",    "message_info",       "directionality",   "tenant_id",        "original_client_ip",
    "original_server_ip", "custom_data"};

using Row = std::map<std::string, std::string>;

// The rows of a small tenant: 4 boundary messages among 9 event rows.
std::vector<Row> sample_rows() {
  return {
      // 2: inbound through a partner connector, TLS 1.2; its subject spans two lines.
      {{"date_time_utc", "2026-11-20T08:15:02.123Z"}, {"client_ip", "198.51.100.7"},
       {"client_hostname", "mail.fabrikam.com"}, {"server_hostname", "EXOSRV01.svc.contoso.com"},
       {"source_context", "08DE1A2B3C4D5E6F;2026-11-20T08:15:01.998Z;0"}, {"connector_id", "Inbound from Fabrikam"},
       {"source", "SMTP"}, {"event_id", "RECEIVE"}, {"message_id", "<a1b2c3d4@mail.fabrikam.com>"},
       {"network_message_id", "0a1b2c3d-1111"}, {"total_bytes", "18342"}, {"message_subject", "Invoice,\nNovember"},
       {"directionality", "Incoming"}, {"original_client_ip", "198.51.100.7"},
       {"custom_data", "S:DeliveryPriority=Normal;S:tlsversion=TLS1_2;S:tlscipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}},
      // 4: the same message delivered to the mailbox.
      {{"date_time_utc", "2026-11-20T08:15:03.410Z"}, {"source", "STOREDRIVER"}, {"event_id", "DELIVER"},
       {"message_id", "<a1b2c3d4@mail.fabrikam.com>"}, {"total_bytes", "18342"}, {"directionality", "Incoming"}},
      // 5: outbound through a connector; the custom data also holds a transport rule with a US date.
      {{"date_time_utc", "2026-11-20T09:01:45.870Z"}, {"server_ip", "203.0.113.25"}, {"server_hostname", "mx1.adatum.com"},
       {"source_context", "250 2.0.0 OK"}, {"connector_id", "Outbound to Adatum"}, {"source", "SMTP"},
       {"event_id", "SENDEXTERNAL"}, {"message_id", "<c3d4e5f6@contoso.com>"}, {"recipient_address", "lee@adatum.com"},
       {"total_bytes", "7311"}, {"message_subject", "Re: \"Q4\" plan"}, {"directionality", "Originating"},
       {"custom_data", "S:TRA=ETR|ruleId=1f|st=7/17/2026 12:31:25 AM|action=SetHeader;S:tlsversion=tls1_3"}},
      // 6: its second recipient: a further row of the same message.
      {{"date_time_utc", "2026-11-20T09:01:46.000Z"}, {"server_ip", "203.0.113.26"}, {"server_hostname", "mx2.adatum.com"},
       {"connector_id", "Outbound to Adatum"}, {"source", "SMTP"}, {"event_id", "SENDEXTERNAL"},
       {"message_id", "<c3d4e5f6@contoso.com>"}, {"recipient_address", "ana@adatum.com"}, {"total_bytes", "7311"},
       {"custom_data", "S:tlsversion=TLS1_3"}},
      // 7: its submission from the mailbox: not a crossing.
      {{"date_time_utc", "2026-11-20T09:01:44.870Z"}, {"source", "STOREDRIVER"}, {"event_id", "RECEIVE"},
       {"message_id", "<c3d4e5f6@contoso.com>"}, {"directionality", "Originating"}},
      // 8: inbound without a connector and without TLS; no host name, only the IP.
      {{"date_time_utc", "2026-11-21T23:59:59Z"}, {"client_ip", "203.0.113.80"}, {"source", "SMTP"},
       {"event_id", "RECEIVE"}, {"message_id", "<n1@tailspintoys.com>"}, {"total_bytes", "2210"},
       {"custom_data", "S:tlsversion=None"}},
      // 9: an agent row.
      {{"date_time_utc", "2026-11-21T23:59:59Z"}, {"source", "AGENT"}, {"event_id", "AGENTINFO"},
       {"message_id", "<n1@tailspintoys.com>"}, {"custom_data", "S:SFA=SUM|SFV=SPM"}},
      // 10: inbound with a TLS spelling mailflow does not know; no message id, only the network id.
      {{"date_time_utc", "2026-11-21T10:00:00Z"}, {"client_hostname", "odd.example.net"}, {"connector_id", ""},
       {"source", "SMTP"}, {"event_id", "RECEIVE"}, {"network_message_id", "9f9f-0000"}, {"total_bytes", "100"},
       {"custom_data", "S:tlsversion=QUANTUM9"}},
      // 11: a boundary row whose date cannot be read: a problem with its line number.
      {{"date_time_utc", "2026-13-45T10:00:00Z"}, {"source", "SMTP"}, {"event_id", "RECEIVE"},
       {"message_id", "<bad@example.net>"}},
  };
}

std::string sample(const std::vector<std::string>& columns = kColumns, char delimiter = ',') {
  std::string text = quoted_header(columns, delimiter);
  for (const Row& row : sample_rows()) text += quoted_row(columns, row, delimiter);
  return text;
}

TEST(ExoExtended, CountsBoundaryEventsOncePerMessage) {
  const auto r = test::read_text(sample());
  EXPECT_EQ(r.report.format, "exo-extended");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 9u);
  EXPECT_EQ(r.report.messages, 4u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);

  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum"), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::None, "2026-11-21"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::UnknownVersion), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u + 100u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u);  // once, not per recipient
}

TEST(ExoExtended, NamesEverySkippedRowsReason) {
  const auto r = test::read_text(sample());
  EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (DELIVER)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (STOREDRIVER RECEIVE)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "event is not a boundary crossing (AGENTINFO)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "further row of a message already counted"), 1u);
  ASSERT_EQ(r.report.problems.size(), 1u);
  EXPECT_EQ(r.report.problems[0].line, 11u);  // the two-line subject moves it down one line
  EXPECT_NE(r.report.problems[0].reason.find("2026-13-45"), std::string::npos) << r.report.problems[0].reason;
  bool noted = false;
  for (const auto& note : r.report.notes) noted = noted || note.find("QUANTUM9") != std::string::npos;
  EXPECT_TRUE(noted) << "the unknown TLS spelling is named in a note";
}

TEST(ExoExtended, RemoteHostsAreTheOtherSide) {
  const auto r = test::read_text(sample());
  const RemoteHostCount in = test::top_host(r.aggregate, Direction::Inbound, "Inbound from Fabrikam", TlsVersion::Tls12);
  EXPECT_EQ(in.host, "mail.fabrikam.com");
  EXPECT_EQ(in.partner, "fabrikam.com");
  const RemoteHostCount plain = test::top_host(r.aggregate, Direction::Inbound, "", TlsVersion::None);
  EXPECT_EQ(plain.host, "203.0.113.80");
  const RemoteHostCount out = test::top_host(r.aggregate, Direction::Outbound, "Outbound to Adatum", TlsVersion::Tls13);
  EXPECT_EQ(out.host, "mx1.adatum.com");
  EXPECT_EQ(out.partner, "adatum.com");
}

TEST(ExoExtended, Utf16WithAndWithoutBomReadsLikeUtf8) {
  const std::string utf8 = sample();
  const auto expected = test::read_text(utf8);
  for (bool bom : {true, false}) {
    const auto r = test::read_text(test::to_utf16le(utf8, bom));
    EXPECT_EQ(test::rows_text(r.aggregate), test::rows_text(expected.aggregate)) << "BOM " << bom;
    EXPECT_EQ(r.report.skipped_by_reason, expected.report.skipped_by_reason);
  }
}

TEST(ExoExtended, ChunkCutsDoNotChangeTheAnswer) {
  test::expect_chunk_independent(sample());
  test::expect_chunk_independent(test::to_utf16le(sample(), false));
}

TEST(ExoExtended, ReorderedAndExtraColumnsAreMappedByName) {
  std::vector<std::string> columns = kColumns;
  std::reverse(columns.begin(), columns.end());
  columns.insert(columns.begin() + 3, "schema_version");
  const auto r = test::read_text(sample(columns, ';'));
  EXPECT_EQ(r.report.format, "exo-extended");
  EXPECT_EQ(r.json, test::read_text(sample()).json);
}

TEST(ExoExtended, MissingColumnIsNamed) {
  std::vector<std::string> columns = kColumns;
  columns.erase(std::find(columns.begin(), columns.end(), "event_id"));
  auto session = test::ingest({{"x.csv", sample(columns)}});
  // Without event_id the file may be sniffed as something else or as extended; when it is read as
  // extended the error names the column.
  const auto& report = session->report(0);
  if (report.format == "exo-extended") {
    EXPECT_NE(report.error.find("event_id"), std::string::npos) << report.error;
  } else {
    EXPECT_FALSE(report.error.empty());
  }
  EXPECT_EQ(count(session->aggregate(), std::nullopt), 0u);
}

TEST(ExoExtended, MissingColumnErrorFromTheReader) {
  // Force the reader on a file lacking `source`, as a user would by choosing the format.
  const SourceReport report =
      test::read_with_format(kExoExtendedFormat, "date_time_utc,event_id,message_id\n2026-11-20T08:15:02Z,RECEIVE,<a@b>\n");
  EXPECT_EQ(report.error, "missing column \"source\": this Exchange Online extended message trace report cannot be read without it");
}

TEST(ExoExtended, SniffsItsHeaderAndNotOthers) {
  EXPECT_GE(sniff_exo_extended(sample()), 90);
  EXPECT_EQ(sniff_exo_extended("\"Received\",\"SenderAddress\",\"RecipientAddress\",\"ToIP\",\"FromIP\"\r\n"), 0);
  EXPECT_EQ(sniff_exo_extended("timestamp,direction,connector,tls_version,bytes\n"), 0);
}

}  // namespace
}  // namespace mailflow
