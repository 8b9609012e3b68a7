// The ingest path end to end on mailflow CSV: accounting, chunk independence, encodings, errors.
#include "ingest/session.h"

#include <gtest/gtest.h>

#include "aggregate/aggregate_json.h"
#include "support/ingest.h"
#include "text/messages.h"
#include "util/hash.h"

namespace mailflow {
namespace {

const std::string kCsv =
    "timestamp,direction,connector,tls_version,bytes,remote_host\n"
    "2026-11-20T08:15:02Z,inbound,Inbound from Fabrikam,TLSv1.3,18342,mail.fabrikam.com\n"
    "2026-11-20T09:01:44Z,outbound,Outbound to Adatum,1.2,7311,mx1.adatum.com\n"
    "2026-11-20T23:59:59Z,inbound,,none,2210,old.adatum.com\n"
    "2026-11-21T00:00:00Z,Incoming,Inbound from Fabrikam,TLS1_0,100,mail.fabrikam.com\n"
    "2026-11-21T01:00:00Z,inbound,Inbound from Fabrikam,,5,mail.fabrikam.com\n"
    "not a date,inbound,X,1.2,1,a\n"
    "2026-11-21T01:00:00Z,sideways,X,1.2,1,a\n"
    "2026-11-21T01:00:00Z,internal,X,1.2,1,a\n"
    "2026-11-21T01:00:00Z,inbound,X,TLSv9,1,a\n"
    "2026-11-21T01:00:00Z,inbound,X,1.2,99999999999999999999,a\n";

TEST(Session, EveryRowIsAccountedFor) {
  auto session = test::ingest({{"gateway.csv", kCsv}});
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.format, "mailflow-csv");
  EXPECT_EQ(r.records, 10u);
  EXPECT_EQ(r.messages, 5u);
  EXPECT_EQ(r.skipped, 5u);
  EXPECT_EQ(r.records, r.messages + r.skipped);
  ASSERT_EQ(r.problems.size(), 4u);  // "internal" is a benign skip, not a problem
  EXPECT_EQ(r.problems[0].line, 7u);
  EXPECT_EQ(r.problems[0].reason, "unreadable timestamp \"not a date\"");
  EXPECT_EQ(r.problems[3].line, 11u);
}

TEST(Session, RowsOfTheAggregate) {
  auto session = test::ingest({{"gateway.csv", kCsv}});
  const auto rows = session->aggregate().rows();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(format_day(rows[0].day), "2026-11-20");
  EXPECT_EQ(rows[0].connector, std::optional<std::string>(""));  // no connector sorts before names
  EXPECT_EQ(rows[0].tls, TlsVersion::None);
  EXPECT_EQ(rows[1].connector, std::optional<std::string>("Inbound from Fabrikam"));
  EXPECT_EQ(rows[1].volume.bytes, 18342u);
  EXPECT_EQ(rows[2].direction, Direction::Outbound);
  EXPECT_EQ(format_day(rows[3].day), "2026-11-21");
  EXPECT_EQ(rows[3].tls, TlsVersion::Tls10);
  EXPECT_EQ(rows[4].tls, TlsVersion::NoData);
}

TEST(Session, AnswerDoesNotDependOnChunkCuts) {
  const std::string whole = test::ingest_json(kCsv);
  EXPECT_EQ(test::ingest_json(kCsv, {1, 0}), whole);
  for (uint32_t seed = 1; seed <= 20; ++seed) EXPECT_EQ(test::ingest_json(kCsv, {97, seed}), whole) << seed;
}

TEST(Session, Utf16WithoutBomCrlfAndSemicolons) {
  std::string text = kCsv;
  for (size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; pos += 2) text.replace(pos, 1, "\r\n");
  std::string semicolons = "#TYPE Selected.System.Management.Automation.PSCustomObject\r\n" + text;
  for (char& c : semicolons) c = c == ',' ? ';' : c;
  const std::string whole = test::ingest_json(kCsv);
  // The source's notes differ (encoding); compare rows only.
  auto rows_of = [](const std::string& json) { return json.substr(json.find("\"rows\"")); };
  EXPECT_EQ(rows_of(test::ingest_json(test::to_utf16le(text, false), {1, 0})), rows_of(whole));
  EXPECT_EQ(rows_of(test::ingest_json(test::to_utf16le(semicolons, true), {0, 5})), rows_of(whole));
}

TEST(Session, FilesThatAreNotExportsGetAClearMessage) {
  auto session = test::ingest({{"empty.csv", ""},
                               {"blank.csv", "\n\n  \n"},
                               {"random.bin", std::string("\x00\x01\x02\xff\xfe\x03\x04", 7) + std::string(300, '\x01')},
                               {"notes.txt", "Dear admin,\nplease find the logs attached.\n"},
                               {"report.csv.gz", "\x1f\x8b\x08\x00rest"},
                               {"missing.csv", "timestamp,direction,bytes\n2026-11-20T08:15:02Z,inbound,5\n"}});
  EXPECT_EQ(session->report(0).error, "the file is empty");
  EXPECT_EQ(session->report(1).error, "the file is empty");
  EXPECT_NE(session->report(2).error.find("binary data"), std::string::npos);
  EXPECT_NE(session->report(3).error.find("not a format mailflow reads"), std::string::npos);
  EXPECT_NE(session->report(3).error.find("mailflow CSV"), std::string::npos);
  EXPECT_NE(session->report(4).error.find("gzip"), std::string::npos);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(session->report(i).records, 0u);
  EXPECT_TRUE(session->aggregate().empty());
}

TEST(Session, AmbiguousSlashDatesWaitForTheFilesEvidence) {
  const std::string gb =
      "timestamp,direction,connector,tls_version,bytes\n"
      "04/05/2026 08:00:00,inbound,A,1.2,1\n"   // ambiguous: 4 May (en-GB) or 5 April (en-US)
      "20/05/2026 08:00:00,inbound,A,1.2,1\n";  // proves day first
  auto session = test::ingest({{"gb.csv", gb}}, {1, 0});
  const auto rows = session->aggregate().rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(format_day(rows[0].day), "2026-05-04");
  EXPECT_TRUE(session->report(0).notes.empty());

  const std::string unproven = "timestamp,direction,connector,tls_version,bytes\n04/05/2026 8:00:00 AM,inbound,A,1.2,1\n";
  auto us = test::ingest({{"us.csv", unproven}});
  EXPECT_EQ(format_day(us->aggregate().rows().at(0).day), "2026-04-05");
  ASSERT_EQ(us->report(0).notes.size(), 1u);
  EXPECT_NE(us->report(0).notes[0].find("ambiguous"), std::string::npos);
}

TEST(Session, CancelDropsTheSourcesMessages) {
  Session session;
  const auto id = session.add_source("a.csv");
  session.feed(id, reinterpret_cast<const uint8_t*>(kCsv.data()), kCsv.size());
  session.cancel(id);
  EXPECT_TRUE(session.aggregate().empty());
  EXPECT_EQ(session.report(id).error, "cancelled");
}

// A file the browser could not read to its end (changed on disk meanwhile): the rows read before
// are counted, and its error says why it stops there, also when nothing could be read at all
// (not "the file is empty"); in German too.
TEST(Session, FileUnreadableToItsEnd) {
  const size_t cut = kCsv.find("2026-11-21T00:00:00Z");  // the first three rows
  Session session;
  const auto id = session.add_source("a.csv");
  session.feed(id, reinterpret_cast<const uint8_t*>(kCsv.data()), cut);
  session.finish_unreadable(id, "NotReadableError: the file changed");
  EXPECT_EQ(session.aggregate().total().messages, 3u);
  EXPECT_EQ(session.report(id).messages, 3u);
  EXPECT_EQ(session.report(id).error,
            "the file could not be read to its end (NotReadableError: the file changed); what was read before is counted");
  EXPECT_EQ(render_message(session.report(id).error, Language::De),
            "die Datei konnte nicht bis zum Ende gelesen werden (NotReadableError: the file changed); gezählt ist, was "
            "davor gelesen wurde");
  const auto nothing = session.add_source("b.csv");
  session.finish_unreadable(nothing, "NotFoundError");
  EXPECT_EQ(session.report(nothing).error.find("the file could not be read to its end (NotFoundError)"), 0u);
  EXPECT_TRUE(session.report(nothing).finished);
}

TEST(AggregateJson, RoundTripsAndMerges) {
  auto session = test::ingest({{"gateway.csv", kCsv}});
  const Aggregate original = session->aggregate();
  const std::string json = aggregate_to_json(original);
  std::string error;
  auto loaded = aggregate_from_json(json, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(aggregate_to_json(*loaded), json);

  Aggregate twice = *loaded;
  twice.merge(original);
  EXPECT_EQ(twice.total().messages, 2 * original.total().messages);
  EXPECT_EQ(twice.sources().size(), 2u);
}

// The Sources panel says which days each file covers: the days of the messages it counted, also
// of messages joined by message id (held by the message table, not the file's own cells).
TEST(Session, EachSourceKnowsTheDaysOfItsMessages) {
  const std::string joined =
      "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n"
      "2026-11-03T08:00:00Z,inbound,Gateway,1.2,10,<a@fabrikam.com>,mx.fabrikam.com\n"
      "2026-11-30T23:00:00Z,inbound,Gateway,1.2,10,<b@fabrikam.com>,mx.fabrikam.com\n";
  const std::string nothing = "timestamp,direction,connector,tls_version,bytes,remote_host\nnot a date,inbound,X,1.2,1,a\n";
  auto session = test::ingest({{"gateway.csv", kCsv}, {"joined.csv", joined}, {"nothing.csv", nothing}});
  const Aggregate aggregate = session->aggregate();
  ASSERT_EQ(aggregate.sources().size(), 3u);
  const SourceReport& plain = aggregate.sources()[0];
  ASSERT_TRUE(plain.first_day && plain.last_day);
  EXPECT_EQ(format_day(*plain.first_day), "2026-11-20");
  EXPECT_EQ(format_day(*plain.last_day), "2026-11-21");
  const SourceReport& by_id = aggregate.sources()[1];
  ASSERT_TRUE(by_id.first_day && by_id.last_day);
  EXPECT_EQ(format_day(*by_id.first_day), "2026-11-03");
  EXPECT_EQ(format_day(*by_id.last_day), "2026-11-30");
  EXPECT_FALSE(aggregate.sources()[2].first_day);  // no messages, no days
  EXPECT_EQ(by_id.counted_by, "");

  // Kept in the aggregate JSON; files written before (without them) still load.
  const std::string json = aggregate_to_json(aggregate);
  EXPECT_NE(json.find("\"first_day\":\"2026-11-03\""), std::string::npos);
  std::string error;
  auto loaded = aggregate_from_json(json, error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->sources()[1].last_day, by_id.last_day);
  std::string older = json;
  for (const char* key : {"\"first_day\":", "\"last_day\":"})
    for (size_t at; (at = older.find(key)) != std::string::npos;) older.replace(at, std::string(key).size(), "\"x_old\":");
  auto old_loaded = aggregate_from_json(older, error);
  ASSERT_TRUE(old_loaded) << error;
  EXPECT_FALSE(old_loaded->sources()[0].first_day);
  EXPECT_EQ(old_loaded->total().messages, aggregate.total().messages);
}

// A file whose messages another file counted first names that file (the Sources page says
// "counted by exo-extended.csv" instead of a bare 0).
TEST(Session, MessagesCountedElsewhereNameTheFileThatCountedThem) {
  const std::string first =
      "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n"
      "2026-11-03T08:00:00Z,inbound,Gateway,1.2,10,<a@fabrikam.com>,mx.fabrikam.com\n"
      "2026-11-04T08:00:00Z,inbound,Gateway,1.2,10,<b@fabrikam.com>,mx.fabrikam.com\n";
  auto session = test::ingest({{"first.csv", first}, {"again.csv", first}});
  const Aggregate aggregate = session->aggregate();
  ASSERT_EQ(aggregate.sources().size(), 2u);
  EXPECT_EQ(aggregate.total().messages, 2u);
  EXPECT_EQ(aggregate.sources()[0].counted_by, "");
  EXPECT_EQ(aggregate.sources()[1].messages, 0u);
  EXPECT_EQ(aggregate.sources()[1].counted_by, "first.csv");
  std::string error;
  auto loaded = aggregate_from_json(aggregate_to_json(aggregate), error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->sources()[1].counted_by, "first.csv");
}

TEST(AggregateJson, RejectsWhatItDidNotWrite) {
  std::string error;
  for (const char* bad : {"", "{", "[]", "{\"schema\":\"other\"}", "{\"schema\":\"mailflow.aggregate.v1\"}",
                          "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[{\"day\":\"2026-11-20\"}]}",
                          "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[{\"day\":\"2026-11-20\",\"direction\":\"in\","
                          "\"connector\":5,\"tls\":\"1.2\",\"messages\":1,\"bytes\":1}]}",
                          "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[{\"day\":\"2026-11-20\",\"direction\":\"in\","
                          "\"connector\":null,\"tls\":\"1.2\",\"messages\":-1,\"bytes\":1}]}"}) {
    error.clear();
    EXPECT_FALSE(aggregate_from_json(bad, error).has_value()) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
namespace {

// Message ids must not collide on wasm32 either (size_t is 32 bits there): 300,000 distinct ids
// are 300,000 messages.
TEST(Session, ManyDistinctMessageIdsNeverMerge) {
  std::string csv = "timestamp,direction,connector,tls_version,bytes,message_id\n";
  constexpr int kMessages = 300000;
  for (int i = 0; i < kMessages; ++i)
    csv += "2026-11-20T08:15:02Z,inbound,A,1.2,1,<m" + std::to_string(i) + "@contoso.com>\n";
  auto session = test::ingest({{"many.csv", csv}}, {1 << 20, 0});
  EXPECT_EQ(session->report(0).messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(session->report(0).skipped, 0u);
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
namespace {

// Found by the fuzzers (UBSan): hashing an empty key whose view has no data pointer passed null
// to memcpy.
TEST(Hash64, EmptyViewsWithoutData) {
  EXPECT_EQ(hash64(std::string_view{}), hash64(std::string_view("", 0)));
  EXPECT_NE(hash64("a"), hash64("b"));
  EXPECT_NE(hash64("", 1), hash64("", 2));
}

}  // namespace
}  // namespace mailflow
