// Message trace and trace detail as JSON (Graph, ConvertTo-Json): the same messages as their CSV
// twins, both kinds in one file, the notes a user needs (a listing that goes on, a file cut off,
// details without ids) and hostile input, read through a Session as the app reads it.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;
using test::unknown_connector;

std::string data_file(const std::string& name) { return test::read_file(std::string(MAILFLOW_TEST_DATA_DIR) + "/" + name); }

// The JSON twins of tests/data/exo_trace_with_detail/ (a Graph page and a PowerShell 7 detail array).
TEST(MessageTraceJson, GivesTheSameMessagesAsTheCsvTwins) {
  const std::string trace_csv = data_file("exo_trace_with_detail/1-trace.csv");
  const std::string detail_csv = data_file("exo_trace_with_detail/2-detail.csv");
  const std::string trace_json = data_file("exo_trace_with_detail_json/1-trace.json");
  const std::string detail_json = data_file("exo_trace_with_detail_json/2-detail.json");
  const std::string csv = test::rows_text(test::ingest({{"t.csv", trace_csv}, {"d.csv", detail_csv}})->aggregate());
  ASSERT_FALSE(csv.empty());
  for (const test::Cutting& cutting : {test::Cutting{}, test::Cutting{1, 0}, test::Cutting{97, 42}}) {
    auto json = test::ingest({{"t.json", trace_json}, {"d.json", detail_json}}, cutting);
    EXPECT_EQ(test::rows_text(json->aggregate()), csv);
    EXPECT_EQ(json->report(0).format, "message-trace-json");
    EXPECT_EQ(json->report(1).format, "message-trace-detail-json");
    // Each alone reports what its CSV twin reports.
    auto trace_alone = test::ingest({{"t.json", trace_json}}, cutting);
    auto csv_alone = test::ingest({{"t.csv", trace_csv}});
    EXPECT_EQ(test::rows_text(trace_alone->aggregate()), test::rows_text(csv_alone->aggregate()));
    EXPECT_EQ(trace_alone->report(0).skipped_by_reason, csv_alone->report(0).skipped_by_reason);
  }
  // A JSON trace joins a CSV detail and the other way round.
  EXPECT_EQ(test::rows_text(test::ingest({{"t.json", trace_json}, {"d.csv", detail_csv}})->aggregate()), csv);
  EXPECT_EQ(test::rows_text(test::ingest({{"t.csv", trace_csv}, {"d.json", detail_json}})->aggregate()), csv);
}

// A script that saved traces and their details in one array: each object is read for what it is.
TEST(MessageTraceJson, TraceAndDetailObjectsInOneFile) {
  const std::string text = R"([
 {"Received":"2026-11-20T08:15:02Z","FromIP":"198.51.100.7","ToIP":null,"Size":100,"MessageId":"<a1@fabrikam.com>"},
 {"Date":"2026-11-20T08:15:02Z","Event":"Receive","Action":null,"Detail":"","MessageId":"<a1@fabrikam.com>",
  "Data":"<root><MEP Name=\"CustomData\" Blob=\"S:InboundConnectorData=Name=From Fabrikam;S:tlsversion=TLS1_3\"/></root>"},
 {"Date":"2026-11-20T08:15:03Z","Event":"Deliver","Data":"","MessageId":"<a1@fabrikam.com>"}
])";
  for (const test::Cutting& cutting : {test::Cutting{}, test::Cutting{1, 0}}) {
    const auto r = test::read_text(text, cutting);
    EXPECT_EQ(r.report.format, "message-trace-json");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.records, 3u);
    EXPECT_EQ(count(r.aggregate, std::nullopt), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("From Fabrikam"), TlsVersion::Tls13, "2026-11-20"), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 100u);
  }
}

TEST(MessageTraceJson, DatesAsPowerShellAndTheReportingWebServiceWriteThem) {
  const std::string text = R"([
 {"Received":"\/Date(1795162502000)\/","FromIP":"198.51.100.7","ToIP":"","MessageId":"<d1@f>"},
 {"Received":"\/Date(1795219199000+0100)\/","FromIP":"198.51.100.7","ToIP":"","MessageId":"<d2@f>"},
 {"Received":{"value":"\/Date(1795219200000)\/","DisplayHint":2,"DateTime":"Saturday, November 21, 2026 12:00:00 AM"},"FromIP":"198.51.100.7","ToIP":"","MessageId":"<d3@f>"},
 {"Received":"2026-11-21T05:35:08.2652371","FromIP":"198.51.100.7","ToIP":"","MessageId":"<d4@f>"},
 {"Received":"11/21/2026 8:15:02 AM","FromIP":"198.51.100.7","ToIP":"","MessageId":"<d5@f>"},
 {"Received":"\/Date(soon)\/","FromIP":"198.51.100.7","ToIP":"","MessageId":"<d6@f>"}
])";
  const auto r = test::read_text(text);
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), std::nullopt, "2026-11-20"), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), std::nullopt, "2026-11-21"), 3u);
  ASSERT_EQ(r.report.problems.size(), 1u);
  EXPECT_EQ(r.report.problems[0].line, 7u);
  EXPECT_EQ(r.report.problems[0].reason, "unreadable date \"/Date(soon)/\"");
}

TEST(MessageTraceJson, NotesAListingThatGoesOnAndAPageCutOff) {
  const std::string page = R"({"@odata.context":"x","value":[{"receivedDateTime":"2026-11-20T08:15:02Z","fromIP":"198.51.100.7","toIP":"","messageId":"<n1@f>"}],"@odata.nextLink":"https://graph.microsoft.com/v1.0/next"})";
  const auto goes_on = test::read_text(page + "\n");
  EXPECT_TRUE(test::has_note(goes_on.report, "names a next page")) << goes_on.report.notes.size();
  const auto complete = test::read_text(page + "\n" + R"({"@odata.context":"x","value":[]})");
  EXPECT_FALSE(test::has_note(complete.report, "names a next page"));
  const auto cut = test::read_text(page.substr(0, page.find("\"toIP\"") + 8));  // inside its first object
  EXPECT_EQ(cut.report.records, 1u);
  EXPECT_EQ(test::skipped_for(cut.report, "the last object is cut off (the file ends inside it)"), 1u);
  EXPECT_TRUE(test::has_note(cut.report, "the file ends inside the page that begins on line 1"));
}

TEST(MessageTraceJson, AnEmptyPageIsRecognisedByItsContext) {
  const auto r = test::read_text(
      R"({"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#admin/exchange/tracing/messageTraces","value":[]})");
  EXPECT_EQ(r.report.format, "message-trace-json");
  EXPECT_TRUE(r.report.error.empty()) << r.report.error;
  EXPECT_EQ(r.report.records, 0u);
  const auto d = test::read_text(
      R"j({"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.exchangeMessageTraceDetail)","value":[]})j");
  EXPECT_EQ(d.report.format, "message-trace-detail-json");
}

TEST(MessageTraceJson, DetailsWithoutMessageIdAreNoted) {
  const std::string text = R"([{"dateTime":"2026-11-20T09:00:00Z","event":"Send","action":"","description":"","data":"<root/>"},
 {"dateTime":"2026-11-20T09:00:01Z","event":"Send","action":"","description":"","data":"<root/>"}])";
  const auto r = test::read_text(text);
  EXPECT_EQ(r.report.format, "message-trace-detail-json");
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 2u);
  EXPECT_TRUE(test::has_note(r.report, "2 detail objects have no MessageId"));
}

TEST(MessageTraceJson, BrokenObjectsAreSkippedWithTheirLine) {
  const std::string text =
      "[\n"
      "{\"Received\":\"2026-11-20T08:15:02Z\",\"FromIP\":\"198.51.100.7\",\"ToIP\":\"\",\"MessageId\":\"<ok@f>\"},\n"
      "{\"Received\":\"2026-11-20T08:15:02Z\",\"FromIP\":\"198.51.100.7\",,},\n"
      "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}},\n"
      "{\"Subject\":\"no trace fields\"},\n"
      "42, \"text\",\n"
      "{\"Received\":\"2026-11-20T08:15:02Z\",\"FromIP\":\"" + std::string(2u << 20, '1') + "\"},\n"
      "{\"Received\":\"2026-11-20T08:1";
  for (const test::Cutting& cutting : {test::Cutting{}, test::Cutting{4096, 3}}) {
    const auto r = test::read_text(text, cutting);
    EXPECT_EQ(r.report.format, "message-trace-json");
    test::expect_accounted(r.report);
    EXPECT_EQ(r.report.messages, 1u);
    EXPECT_EQ(r.report.records, 7u);
    EXPECT_EQ(test::skipped_for(r.report, "not valid JSON"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "a Microsoft Graph error response, not message data"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "text outside a JSON object"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "an object larger than 1 MiB: not a message trace or detail record"), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "the last object is cut off (the file ends inside it)"), 1u);
    ASSERT_GE(r.report.problems.size(), 6u);
    EXPECT_EQ(r.report.problems[0].line, 3u);
    EXPECT_EQ(r.report.problems[1].reason,
              "a Microsoft Graph error response, not message data (TooManyRequests: Too many requests)");
    EXPECT_EQ(r.report.problems[2].line, 5u);
    EXPECT_EQ(r.report.problems[3].reason, "text outside a JSON object \"42\"text\"\"");
  }
}

TEST(MessageTraceJson, JsonOfAnotherKindIsNamed) {
  const auto other = test::read_text(R"([{"name":"x","count":3}])");
  EXPECT_NE(other.report.error.find("looks like JSON"), std::string::npos) << other.report.error;
  const auto error = test::read_text(R"({"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}})");
  EXPECT_NE(error.report.error.find("Microsoft Graph error response"), std::string::npos) << error.report.error;
}

TEST(MessageTraceJson, ChunkCutsDoNotChangeTheAnswer) {
  test::expect_chunk_independent(data_file("exo_trace_with_detail_json/1-trace.json"));
  test::expect_chunk_independent(data_file("exo_trace_with_detail_json/2-detail.json"));
  test::expect_chunk_independent(data_file("real-shapes/v2-trace-ps51.json"));
}

}  // namespace
}  // namespace mailflow
