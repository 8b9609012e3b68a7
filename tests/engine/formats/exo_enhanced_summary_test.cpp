// The Exchange Online enhanced summary report: one row per message, direction from
// directionality, internal mail left out by recipient status.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;

const std::string kSummary =
    "\"origin_timestamp_utc\",\"sender_address\",\"recipient_status\",\"message_subject\",\"total_bytes\",\"message_id\",\"network_message_id\",\"original_client_ip\",\"directionality\",\"connector_id\",\"delivery_priority\"\r\n"
    "\"2026-11-20T08:15:02.1230000Z\",\"alerts@fabrikam.com\",\"megan@contoso.com##Receive, Deliver\",\"Invoice, November\",\"18342\",\"<a1b2c3d4@mail.fabrikam.com>\",\"0a1b\",\"198.51.100.7\",\"1\",\"Inbound from Fabrikam\",\"Normal\"\r\n"
    "\"2026-11-20T09:01:44.8700000Z\",\"megan@contoso.com\",\"lee@contoso.com##Receive, Deliver;ana@adatum.com##Receive, Send\",\"Re: Q4 plan\",\"7311\",\"<c3d4e5f6@contoso.com>\",\"1b2c\",\"192.0.2.44\",\"2\",\"Outbound to Adatum\",\"Normal\"\r\n"
    "\"2026-11-20T09:30:11.0000000Z\",\"news@adatum.com\",\"megan@contoso.com##Receive, Deliver\",\"Weekly \"\"digest\"\"\",\"51200\",\"<n1@adatum.com>\",\"2c3d\",\"203.0.113.80\",\"Incoming\",\"\",\"Normal\"\r\n"
    "\"2026-11-20T10:00:00.0000000Z\",\"megan@contoso.com\",\"lee@contoso.com##Receive, Deliver;team@contoso.com##Receive, Expand\",\"Lunch\",\"900\",\"<i1@contoso.com>\",\"3d4e\",\"\",\"2\",\"\",\"Normal\"\r\n"
    "\"2026-11-20T11:00:00.0000000Z\",\"x@contoso.com\",\"\",\"?\",\"10\",\"<u1@contoso.com>\",\"4e5f\",\"\",\"Undefined\",\"\",\"Normal\"\r\n"
    "\"2026-11-20T12:00:00.0000000Z\",\"megan@contoso.com\",\"bob@adatum.com##Receive, Send\",\"Again\",\"7311\",\"<c3d4e5f6@contoso.com>\",\"1b2c\",\"192.0.2.44\",\"2\",\"Outbound to Adatum\",\"Normal\"\r\n";

TEST(ExoEnhancedSummary, OneMessagePerRowInternalMailLeftOut) {
  const auto r = test::read_text(kSummary);
  EXPECT_EQ(r.report.format, "exo-enhanced-summary");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 6u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::NoData, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::NoData), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum")), 1u);
  EXPECT_EQ(count(r.aggregate, std::nullopt), 3u);
  EXPECT_EQ(test::skipped_for(r.report, "internal message (stays in the organisation)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "directionality names no boundary crossing (Undefined)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "further row of a message already counted"), 1u);
  // The outbound remote host is the domain of the recipient it was sent to, not the internal one.
  const RemoteHostCount out = test::top_host(r.aggregate, Direction::Outbound, "Outbound to Adatum", TlsVersion::NoData);
  EXPECT_EQ(out.host, "adatum.com");
  EXPECT_EQ(out.partner, "adatum.com");
}

TEST(ExoEnhancedSummary, Utf16AndChunkCuts) {
  const auto utf8 = test::read_text(kSummary);
  const auto utf16 = test::read_text(test::to_utf16le(kSummary, false));
  EXPECT_EQ(test::rows_text(utf16.aggregate), test::rows_text(utf8.aggregate));
  test::expect_chunk_independent(kSummary);
  test::expect_chunk_independent(test::to_utf16le(kSummary, true));
}

TEST(ExoEnhancedSummary, OriginTimestampWithoutUtcSuffixAndMissingColumn) {
  const auto r = test::read_text("origin_timestamp,recipient_status,message_id,directionality,connector_id\n"
                                 "2026-11-20T08:15:02Z,megan@contoso.com##Receive; Deliver,<a@b>,Incoming,X\n");
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("X")), 1u);
}

}  // namespace
}  // namespace mailflow
