// Compressed inputs through a Session, as the shell and the browser feed them: a .gz reads like the
// file inside it, a zip archive's entries become sources of their own, and the aggregate is the
// same however the compressed bytes are cut.
#include <gtest/gtest.h>

#include "compress_util.h"
#include "ingest/session.h"
#include "io/zip_stream.h"
#include "support/ingest.h"

namespace mailflow::test {
namespace {

const std::string kCsv =
    "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n"
    "2026-11-20T08:15:02Z,inbound,Inbound from Fabrikam,1.3,18342,<a1@fabrikam.com>,mail.fabrikam.com\n"
    "2026-11-20T09:01:44Z,outbound,,none,7311,<c3@contoso.com>,mx.adatum.com\n"
    "2026-11-21T10:00:00Z,outbound,To Partners,1.2,5000,<c4@contoso.com>,mx.adatum.com\n";

// The aggregate's rows only (the sources differ by name and notes).
std::string rows_of(const std::string& json) { return json.substr(json.find("\"rows\"")); }

// Whole, in 1-byte chunks and in random chunks: the same aggregate JSON.
void expect_chunk_independent_compressed(const std::string& bytes) {
  const std::string whole = aggregate_to_json(ingest({{"in", bytes}})->aggregate());
  EXPECT_EQ(aggregate_to_json(ingest({{"in", bytes}}, Cutting{1, 0})->aggregate()), whole);
  for (uint32_t seed : {1u, 42u}) EXPECT_EQ(aggregate_to_json(ingest({{"in", bytes}}, Cutting{300, seed})->aggregate()), whole);
}

std::unique_ptr<Session> read(const std::string& name, const std::string& bytes, Cutting cutting = {}) {
  return ingest({{name, bytes}}, cutting);
}

TEST(CompressedSources, GzipReadsLikeThePlainFile) {
  const std::string plain = ingest_json(kCsv);
  const std::string gz = gzip(kCsv);
  EXPECT_EQ(rows_of(ingest_json(gz)), rows_of(plain));
  expect_chunk_independent_compressed(gz);
  auto session = read("export.csv.gz", gz);
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.format, "mailflow-csv");
  EXPECT_EQ(r.messages, 3u);
  ASSERT_FALSE(r.notes.empty());
  EXPECT_EQ(r.notes[0], "unpacked from gzip: " + std::to_string(gz.size()) + " bytes to " + std::to_string(kCsv.size()));
}

TEST(CompressedSources, DetectionIsByMagicNotByName) {
  // A gzip file named .csv is unpacked; a plain file named .gz is read as plain text.
  EXPECT_EQ(read("export.csv", gzip(kCsv))->report(0).messages, 3u);
  EXPECT_EQ(read("export.csv.gz", kCsv)->report(0).messages, 3u);
}

TEST(CompressedSources, CorruptGzipIsAnError) {
  std::string gz = gzip(kCsv);
  gz[gz.size() - 6] ^= 0x40;  // inside the CRC-32
  EXPECT_EQ(read("x.gz", gz)->report(0).error, "corrupt gzip: CRC mismatch");
  EXPECT_EQ(read("x.gz", gz.substr(0, gz.size() - 9))->report(0).error,
            "corrupt gzip: the data ends early (truncated file?)");
}

TEST(CompressedSources, TruncatedGzipKeepsTheRowsBeforeTheCut) {
  // A small file (its compressed data under one inflate block) cut near its end: the rows that
  // came out whole count, the cut row is accounted for, and the error says why the rest is missing.
  std::string csv = kCsv;
  for (int i = 0; i < 200; ++i) csv += "2026-11-22T10:00:00Z,outbound,To Partners,1.2,5000,<d" + std::to_string(i) + "@contoso.com>,mx.adatum.com\n";
  const std::string gz = gzip(csv, {});
  const std::string cut = gz.substr(0, gz.size() - 40);
  for (const Cutting cutting : {Cutting{}, Cutting{1, 0}, Cutting{300, 42}}) {
    auto session = read("cut.csv.gz", cut, cutting);
    const SourceReport& r = session->report(0);
    EXPECT_EQ(r.error, "corrupt gzip: the data ends early (truncated file?)");
    EXPECT_EQ(r.format, "mailflow-csv");
    EXPECT_GT(r.messages, 150u);
    EXPECT_LT(r.messages, 203u);
    EXPECT_EQ(r.records, r.messages + r.skipped);
  }
  expect_chunk_independent_compressed(cut);
}

TEST(CompressedSources, ZipEntriesBecomeSourcesOfTheirOwn) {
  const std::string other = "timestamp,direction,connector,tls_version,bytes\n2026-11-22T10:00:00Z,inbound,In,1.0,10\n";
  const std::string zip = zip_archive({{"logs/", "", 0},
                                       {"logs/a.csv", kCsv, 8},
                                       {"logs/b.csv.gz", gzip(other), 0},
                                       {"c.csv", other, 8, /*descriptor=*/true},
                                       {"d.bz2", "BZh9...", 12},
                                       {"e.csv", other, 0, false, true, /*zip64=*/true}});
  auto session = read("exports.zip", zip);
  ASSERT_EQ(session->source_count(), 5u);
  const SourceReport& archive = session->report(0);
  EXPECT_EQ(archive.error, "");
  EXPECT_EQ(archive.format, "zip");
  EXPECT_EQ(archive.notes[1], "zip archive: 4 files read as sources of their own; 1 folder entries skipped; 1 entries not read (see the problems)");
  ASSERT_EQ(archive.problems.size(), 1u);
  EXPECT_EQ(archive.problems[0].reason,
            "entry \"d.bz2\" not read: compressed with bzip2, which mailflow does not read (re-zip it with deflate)");
  const std::vector<std::string> names = {"exports.zip/logs/a.csv", "exports.zip/logs/b.csv.gz", "exports.zip/c.csv",
                                          "exports.zip/e.csv"};
  for (size_t i = 0; i < names.size(); ++i) {
    const SourceReport& r = session->report(i + 1);
    EXPECT_EQ(r.name, names[i]);
    EXPECT_EQ(r.error, "") << r.name;
    EXPECT_EQ(r.messages, i == 0 ? 3u : 1u) << r.name;
    EXPECT_EQ(session->parent(i + 1), Session::SourceId{0});
  }
  EXPECT_EQ(session->aggregate().total().messages, 6u);
  expect_chunk_independent_compressed(zip);
}

TEST(CompressedSources, CorruptZipEntryIsTheEntrysError) {
  std::string zip = zip_archive({{"a.csv", kCsv, 0}, {"b.csv", kCsv, 0}});
  zip[30 + 5 + 150] ^= 1;  // a byte in a.csv's first data row: its CRC no longer matches
  auto session = read("x.zip", zip);
  ASSERT_EQ(session->source_count(), 3u);
  EXPECT_EQ(session->report(0).error, "");
  EXPECT_EQ(session->report(1).error, "corrupt zip entry: CRC mismatch");
  EXPECT_EQ(session->report(2).error, "");
}

TEST(CompressedSources, NestedArchivesAreReadToALimit) {
  std::string inner = zip_archive({{"a.csv", kCsv, 8}});
  for (int level = 0; level < 2; ++level) inner = zip_archive({{"level" + std::to_string(level) + ".zip", inner, 8}});
  auto session = read("outer.zip", inner);  // outer.zip/level1.zip/level0.zip/a.csv
  ASSERT_EQ(session->source_count(), 4u);
  EXPECT_EQ(session->report(3).name, "outer.zip/level1.zip/level0.zip/a.csv");
  EXPECT_EQ(session->report(3).messages, 3u);
  auto deeper = read("outer.zip", zip_archive({{"x.zip", inner, 8}}));
  EXPECT_EQ(deeper->report(3).error, "a zip archive inside 3 archives; unzip the outer ones first");
}

TEST(CompressedSources, EntryCapStopsAHostileArchive) {
  std::vector<ZipEntry> entries(ZipStream::kMaxEntries + 5, ZipEntry{"", "", 0});
  for (size_t i = 0; i < entries.size(); ++i) entries[i].name = "d" + std::to_string(i) + "/";
  auto session = read("many.zip", zip_archive(entries));
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.notes.back(),
            "stopped after 10000 entries (a limit against hostile archives); the rest of the archive was not read");
}

TEST(CompressedSources, StoredEntryWithOnlyADescriptorStopsTheArchive) {
  auto session = read("x.zip", zip_archive({{"a.csv", kCsv, 0, /*descriptor=*/true}}));
  EXPECT_EQ(session->report(0).error,
            "entry \"a.csv\" is stored with its size only after the data, which cannot be read as a stream");
}

}  // namespace
}  // namespace mailflow::test
