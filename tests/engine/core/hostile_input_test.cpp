// Files an admin may drop by mistake, or that someone crafted: each ends with a clear message or
// clean accounting, in bounded memory, whatever the chunk cuts.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "aggregate/aggregate_json.h"
#include "ingest/session.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

const std::string kHeader = "timestamp,direction,connector,tls_version,bytes\n";

void expect_accounted(const SourceReport& r) { EXPECT_EQ(r.records, r.messages + r.skipped) << r.name; }

TEST(HostileInput, RandomBytesAreRejectedWithAReason) {
  std::mt19937 random(7);
  std::string bytes(1 << 16, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  auto session = test::ingest({{"random.bin", bytes}}, {4093, 0});
  EXPECT_FALSE(session->report(0).error.empty());
  EXPECT_EQ(session->report(0).records, 0u);
}

TEST(HostileInput, HeaderOnlyIsNotAnError) {
  auto session = test::ingest({{"header.csv", kHeader}});
  EXPECT_TRUE(session->report(0).error.empty());
  EXPECT_EQ(session->report(0).records, 0u);
  ASSERT_EQ(session->report(0).notes.size(), 1u);
  EXPECT_EQ(session->report(0).notes[0], "the file has a header but no data rows");
}

TEST(HostileInput, A200MegabyteLineWithoutNewlineIsSkippedInBoundedMemory) {
  Session session;
  const auto id = session.add_source("long.csv");
  const std::string row = "2026-11-20T08:15:02Z,inbound,A,1.2,5\n";
  session.feed(id, reinterpret_cast<const uint8_t*>(kHeader.data()), kHeader.size());
  session.feed(id, reinterpret_cast<const uint8_t*>(row.data()), row.size());
  const std::string megabyte(1 << 20, 'x');
  for (int i = 0; i < 200; ++i) session.feed(id, reinterpret_cast<const uint8_t*>(megabyte.data()), megabyte.size());
  session.finish(id);
  const SourceReport& r = session.report(id);
  EXPECT_EQ(r.messages, 1u);
  EXPECT_EQ(r.skipped, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_NE(r.problems[0].reason.find("longer than 16 MiB"), std::string::npos);
}

TEST(HostileInput, A100000ColumnHeaderGetsAClearMessage) {
  std::string header;
  for (int i = 0; i < 100000; ++i) header += "c" + std::to_string(i) + ",";
  header += "timestamp,direction,connector,tls_version,bytes\n";
  auto session = test::ingest({{"wide.csv", header + "2026-11-20T08:15:02Z,inbound,A,1.2,5\n"}}, {65536, 0});
  // Too wide for a known header in the first 64 KiB: not recognised, said in words.
  EXPECT_FALSE(session->report(0).error.empty());
  EXPECT_TRUE(session->aggregate().empty());
}

TEST(HostileInput, UnterminatedQuoteAtTheEnd) {
  auto session = test::ingest({{"cut.csv", kHeader + "2026-11-20T08:15:02Z,inbound,A,1.2,5\n2026-11-20T08:15:02Z,inbound,\"A,1.2,5\n"}}, {3, 0});
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.messages, 1u);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 3u);
  EXPECT_NE(r.problems[0].reason.find("unterminated quote"), std::string::npos);
  expect_accounted(r);
}

TEST(HostileInput, InvalidUtf8StaysValidJson) {
  const std::string text = kHeader + "2026-11-20T08:15:02Z,inbound,Conn\xFF\xFE\xC3,1.2,5\n";
  auto session = test::ingest({{"bad-utf8.csv", text}});
  EXPECT_EQ(session->report(0).messages, 1u);
  const std::string json = aggregate_to_json(session->aggregate());
  std::string error;
  EXPECT_TRUE(aggregate_from_json(json, error).has_value()) << error;
}

TEST(HostileInput, InvalidUtf16OddByteCountAndLoneSurrogates) {
  std::string bytes = test::to_utf16le(kHeader + "2026-11-20T08:15:02Z,inbound,A", true);
  bytes += std::string("\x00\xDC", 2);  // a lone low surrogate inside the connector name
  bytes += test::to_utf16le(",1.2,5\n", false);
  bytes += "\x41";  // odd byte count
  for (size_t chunk : {1, 3, 4096}) {
    auto session = test::ingest({{"bad-utf16.csv", bytes}}, {chunk, 0});
    const SourceReport& r = session->report(0);
    EXPECT_EQ(r.messages, 1u);
    EXPECT_NE(r.notes.back().find("invalid UTF-16"), std::string::npos);
    expect_accounted(r);
  }
}

TEST(HostileInput, ExtremeDatesAndOverflowingNumbers) {
  const std::string text = kHeader +
                           "9999-12-31T23:59:59Z,inbound,A,1.2,5\n"
                           "1900-01-01T00:00:00Z,inbound,A,1.2,5\n"
                           "10000-01-01T00:00:00Z,inbound,A,1.2,5\n"
                           "2026-11-20T08:15:02Z,inbound,A,1.2,18446744073709551615\n"
                           "2026-11-20T08:15:02Z,inbound,A,1.2,18446744073709551615\n"
                           "2026-11-20T08:15:02Z,inbound,A,1.2,18446744073709551616\n";
  auto session = test::ingest({{"extreme.csv", text}});
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.messages, 4u);
  EXPECT_EQ(r.skipped, 2u);
  const auto rows = session->aggregate().rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(format_day(rows[0].day), "1900-01-01");
  EXPECT_EQ(rows[1].volume.bytes, UINT64_MAX);  // saturates instead of wrapping
  EXPECT_EQ(format_day(rows[2].day), "9999-12-31");
}

TEST(HostileInput, FormatChangingHalfwayIsAccountedRowByRow) {
  const std::string text = kHeader + "2026-11-20T08:15:02Z,inbound,A,1.2,5\n" +
                           "\"date_time_utc\",\"client_ip\",\"event_id\"\n\"2026-11-20T08:15:02Z\",\"1.2.3.4\",\"RECEIVE\"\n";
  auto session = test::ingest({{"mixed.csv", text}}, {7, 0});
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.messages, 1u);
  EXPECT_EQ(r.skipped, 2u);
  expect_accounted(r);
}

TEST(HostileInput, DeeplyNestedAndHugeJsonAggregatesAreRejected) {
  std::string error;
  EXPECT_FALSE(aggregate_from_json(std::string(100000, '[') + std::string(100000, ']'), error).has_value());
  std::string huge = "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[";
  for (int i = 0; i < 100000; ++i) huge += std::string(i ? "," : "") + "{\"day\":\"2026-11-20\"}";
  huge += "]}";
  EXPECT_FALSE(aggregate_from_json(huge, error).has_value());
  EXPECT_FALSE(error.empty());
}

// A different bad value on every line: the reasons list one entry for the kind, its values left
// out, with every record counted; a kind with few values keeps them; the chunk cuts change nothing.
TEST(HostileInput, ADifferentBadValueOnEveryLineListsOneReason) {
  std::string text = kHeader;
  for (int i = 0; i < 10000; ++i) text += "2026-11-20T08:15:02Z,inbound,A,1.2,size-" + std::to_string(i) + "\n";
  for (const char* tls : {"SSLv2", "TLS2.0", "TLS9", "1.9", "x"}) text += std::string("2026-11-20T08:15:02Z,inbound,A,") + tls + ",5\n";
  text += "2026-11-20T08:15:02Z,inbound,A,1.2,5\n";
  const std::string one = test::ingest_json(text, {65536, 0});
  for (test::Cutting cutting : {test::Cutting{4093, 0}, test::Cutting{64, 9}}) EXPECT_EQ(test::ingest_json(text, cutting), one);
  auto session = test::ingest({{"sizes.csv", text}}, {65536, 0});
  const SourceReport& r = session->report(0);
  expect_accounted(r);
  EXPECT_EQ(r.messages, 1u);
  EXPECT_EQ(r.skipped_by_reason.size(), 6u);
  EXPECT_EQ(r.skipped_by_reason.at("size \"...\" is not a whole number of bytes"), 10000u);
  EXPECT_EQ(r.skipped_by_reason.at("unrecognised TLS version \"SSLv2\""), 1u);
  EXPECT_EQ(r.problems.size(), SourceReport::kMaxProblems);
  EXPECT_EQ(r.problems[0].reason, "size \"size-0\" is not a whole number of bytes");  // the lines keep their values
}

// Which values a kind has decides whether it is listed as one, not the order they come in; a
// reason already without its values lists its kind as one.
TEST(HostileInput, ReasonsAreListedAsOneWhateverTheirOrder) {
  std::vector<std::string> reasons;
  for (size_t i = 0; i <= SourceReport::kMaxValuesPerReason; ++i)
    reasons.push_back("direction \"d" + std::to_string(i) + "\" is neither inbound nor outbound");
  reasons.push_back("unreadable date");
  SourceReport forward, backward;
  for (const auto& reason : reasons) forward.skip_benign(reason, 2);
  for (auto it = reasons.rbegin(); it != reasons.rend(); ++it) backward.skip_benign(*it, 2);
  EXPECT_EQ(forward.skipped_by_reason, backward.skipped_by_reason);
  EXPECT_EQ(forward.skipped_by_reason.size(), 2u);
  EXPECT_EQ(forward.skipped_by_reason.at("direction \"...\" is neither inbound nor outbound"), 2 * reasons.size() - 2);

  SourceReport few;
  few.skip_benign("direction \"d1\" is neither inbound nor outbound", 1);
  few.skip_benign("direction \"d2\" is neither inbound nor outbound", 1);
  EXPECT_EQ(few.skipped_by_reason.size(), 2u);
  few.skip_benign("direction \"...\" is neither inbound nor outbound", 3);
  EXPECT_EQ(few.skipped_by_reason, (std::map<std::string, uint64_t>{{"direction \"...\" is neither inbound nor outbound", 5}}));
}

// An aggregate that lists 200,000 reasons (written by hand, or before reasons were bounded) loads,
// its reasons listed as above and its skipped records kept (nlohmann's own parse of an ordered
// object took a minute on it).
TEST(HostileInput, AnAggregateWithAHugeObjectLoads) {
  std::string json = "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[],\"sources\":[{\"name\":\"a.csv\","
                     "\"format\":\"mailflow-csv\",\"records\":200000,\"messages\":0,\"skipped\":200000,"
                     "\"skipped_by_reason\":{";
  for (int i = 0; i < 200000; ++i)
    json += std::string(i ? "," : "") + "\"size \\\"x" + std::to_string(i) + "\\\" is not a whole number of bytes\":1";
  json += "}}]}";
  std::string error;
  const auto aggregate = aggregate_from_json(json, error);
  ASSERT_TRUE(aggregate) << error;
  const SourceReport& r = aggregate->sources().at(0);
  EXPECT_EQ(r.skipped, 200000u);
  EXPECT_EQ(r.skipped_by_reason, (std::map<std::string, uint64_t>{{"size \"...\" is not a whole number of bytes", 200000}}));
}

TEST(HostileInput, ManyConnectorNamesStayBounded) {
  std::string text = kHeader;
  for (int i = 0; i < 10000; ++i) text += "2026-11-20T08:15:02Z,inbound,connector-" + std::to_string(i) + ",1.2,5\n";
  auto session = test::ingest({{"connectors.csv", text}}, {65536, 0});
  const Aggregate aggregate = session->aggregate();
  EXPECT_EQ(aggregate.total().messages, 10000u);
  EXPECT_LE(aggregate.connector_count(), Aggregate::kMaxConnectors + 1);
  EXPECT_TRUE(aggregate.find_connector(Aggregate::kOtherConnectors).has_value());
}

}  // namespace
}  // namespace mailflow
