// Real archives, made once by the tools people use (data/make_fixtures.sh; data/README.md says which
// command made each and how every figure here was counted by hand): gzip, pigz and 7-Zip's gzip;
// Info-ZIP's zip to a file, to a pipe and from stdin; 7-Zip's zip (deflate, stored, Deflate64);
// bsdtar, which is Windows' tar.exe; Python's zipfile streaming to a pipe; archives inside an
// archive. Each is read through a Session whole, in 1-byte chunks and in random chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

std::string archive(const std::string& name) {
  return test::read_file(std::string(MAILFLOW_TEST_DATA_DIR) + "/../engine/io/data/" + name);
}

const std::vector<test::Cutting> kCuttings = {test::Cutting{}, test::Cutting{1, 0}, test::Cutting{97, 42},
                                              test::Cutting{20000, 7}};

// What the two CSVs inside the archives hold, counted by hand (README.md).
struct Counts {
  uint64_t messages;
  std::vector<std::tuple<Direction, TlsVersion, uint64_t>> by_tls;
  uint64_t inbound_bytes, outbound_bytes;
  std::vector<std::pair<std::string, uint64_t>> by_day;
};
const Counts kGatewayA = {1200,
                          {{Direction::Inbound, TlsVersion::None, 161},
                           {Direction::Inbound, TlsVersion::Tls10, 160},
                           {Direction::Inbound, TlsVersion::Tls12, 164},
                           {Direction::Inbound, TlsVersion::Tls13, 165},
                           {Direction::Inbound, TlsVersion::NoData, 151},
                           {Direction::Outbound, TlsVersion::None, 101},
                           {Direction::Outbound, TlsVersion::Tls10, 88},
                           {Direction::Outbound, TlsVersion::Tls12, 69},
                           {Direction::Outbound, TlsVersion::Tls13, 76},
                           {Direction::Outbound, TlsVersion::NoData, 65}},
                          36116457,
                          17880025,
                          {{"2026-11-20", 415}, {"2026-11-21", 384}, {"2026-11-22", 401}}};
const Counts kGatewayB = {40,
                          {{Direction::Inbound, TlsVersion::None, 9},
                           {Direction::Inbound, TlsVersion::Tls10, 6},
                           {Direction::Inbound, TlsVersion::Tls12, 6},
                           {Direction::Inbound, TlsVersion::Tls13, 9},
                           {Direction::Inbound, TlsVersion::NoData, 5},
                           {Direction::Outbound, TlsVersion::None, 1},
                           {Direction::Outbound, TlsVersion::Tls12, 1},
                           {Direction::Outbound, TlsVersion::Tls13, 1},
                           {Direction::Outbound, TlsVersion::NoData, 2}},
                          1462393,
                          223360,
                          {{"2026-11-23", 40}}};

// The aggregate holds exactly the messages of `files`.
void expect_aggregate(const Aggregate& a, const std::vector<const Counts*>& files) {
  uint64_t messages = 0, inbound_bytes = 0, outbound_bytes = 0;
  std::map<std::tuple<Direction, TlsVersion>, uint64_t> by_tls;
  std::map<std::string, uint64_t> by_day;
  for (const Counts* f : files) {
    messages += f->messages;
    inbound_bytes += f->inbound_bytes;
    outbound_bytes += f->outbound_bytes;
    for (const auto& [direction, tls, n] : f->by_tls) by_tls[std::make_tuple(direction, tls)] += n;
    for (const auto& [day, n] : f->by_day) by_day[day] += n;
  }
  EXPECT_EQ(count(a, std::nullopt), messages);
  for (Direction direction : {Direction::Inbound, Direction::Outbound})
    for (TlsVersion tls : kAllTlsVersions) {
      const uint64_t expected = by_tls[std::make_tuple(direction, tls)];
      EXPECT_EQ(count(a, direction, {}, tls), expected) << direction_key(direction) << " " << tls_key(tls);
    }
  EXPECT_EQ(test::total_bytes(a, Direction::Inbound), inbound_bytes);
  EXPECT_EQ(test::total_bytes(a, Direction::Outbound), outbound_bytes);
  for (const auto& [day, n] : by_day) EXPECT_EQ(count(a, std::nullopt, {}, std::nullopt, day), n) << day;
}

// A source read from an archive: its name, and every row of the CSV inside counted.
void expect_csv_source(const Session& session, size_t index, const std::string& name, const Counts& counts) {
  ASSERT_LT(index, session.source_count());
  const SourceReport& r = session.report(index);
  EXPECT_EQ(r.name, name);
  EXPECT_EQ(r.format, "mailflow-csv") << r.name;
  test::expect_accounted(r);
  EXPECT_EQ(r.records, counts.messages) << r.name;
  EXPECT_EQ(r.messages, counts.messages) << r.name;
}

// The archive's own source: read without error, with this summary note.
void expect_archive_source(const Session& session, const std::string& name, const std::string& note) {
  const SourceReport& r = session.report(0);
  EXPECT_EQ(r.name, name);
  EXPECT_EQ(r.format, "zip");
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.records, 0u);
  EXPECT_NE(std::find(r.notes.begin(), r.notes.end(), note), r.notes.end()) << (r.notes.empty() ? "" : r.notes.back());
}

std::unique_ptr<Session> read(const std::string& name, test::Cutting cutting) {
  return test::ingest({{name, archive(name)}}, cutting);
}

void expect_gzip_of_gateway_a(const std::string& name, uint64_t compressed_size) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(std::to_string(cutting.fixed));
    const auto session = read(name, cutting);
    ASSERT_EQ(session->source_count(), 1u);
    expect_csv_source(*session, 0, name, kGatewayA);
    EXPECT_EQ(session->report(0).notes.at(0),
              "unpacked from gzip: " + std::to_string(compressed_size) + " bytes to 112565");
    expect_aggregate(session->aggregate(), {&kGatewayA});
  }
}

TEST(RealArchives, GzipWithNameAndTime) { expect_gzip_of_gateway_a("gzip-9-name.csv.gz", 22150); }
TEST(RealArchives, PigzBlocksWithSyncMarks) { expect_gzip_of_gateway_a("pigz-blocks.csv.gz", 23411); }
TEST(RealArchives, SevenZipGzip) { expect_gzip_of_gateway_a("7z-gzip.csv.gz", 20163); }

TEST(RealArchives, TwoGzipMembersOfTwoCsvs) {
  // `cat a.gz b.gz`: the second file's header row is a row of the first file's CSV, skipped.
  for (const test::Cutting& cutting : kCuttings) {
    const auto session = read("two-members.csv.gz", cutting);
    const SourceReport& r = session->report(0);
    test::expect_accounted(r);
    EXPECT_EQ(r.records, 1241u);
    EXPECT_EQ(r.messages, 1240u);
    EXPECT_EQ(test::skipped_for(r, "unreadable timestamp \"timestamp\""), 1u);
    EXPECT_EQ(r.notes.at(0), "unpacked from gzip: 24386 bytes to 116423 (2 gzip members)");
    expect_aggregate(session->aggregate(), {&kGatewayA, &kGatewayB});
  }
}

// Archives of the folder exports/ (a folder entry, then both files in the order the tool met them).
void expect_both_files(const std::string& name, bool folder_entry, bool a_first) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(std::to_string(cutting.fixed));
    const auto session = read(name, cutting);
    ASSERT_EQ(session->source_count(), 3u);
    expect_archive_source(*session, name,
                          folder_entry ? "zip archive: 2 files read as sources of their own; 1 folder entries skipped"
                                       : "zip archive: 2 files read as sources of their own");
    expect_csv_source(*session, a_first ? 1 : 2, name + "/exports/gateway-a.csv", kGatewayA);
    expect_csv_source(*session, a_first ? 2 : 1, name + "/exports/gateway-b.csv", kGatewayB);
    expect_aggregate(session->aggregate(), {&kGatewayA, &kGatewayB});
  }
}

TEST(RealArchives, InfoZipSizesInTheHeaders) { expect_both_files("info-zip.zip", true, false); }
TEST(RealArchives, InfoZipStreamedToAPipe) { expect_both_files("info-zip-streamed.zip", false, true); }
TEST(RealArchives, SevenZipDeflate) { expect_both_files("7z.zip", true, true); }
TEST(RealArchives, BsdtarDescriptorAfterEveryEntry) { expect_both_files("bsdtar.zip", true, false); }
TEST(RealArchives, PythonZipfileStreamedToAPipe) { expect_both_files("python-streamed.zip", false, true); }

TEST(RealArchives, InfoZipFromStdinWithZip64Sizes) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto session = read("info-zip-stdin.zip", cutting);
    ASSERT_EQ(session->source_count(), 2u);
    expect_archive_source(*session, "info-zip-stdin.zip", "zip archive: 1 file read as a source of its own");
    expect_csv_source(*session, 1, "info-zip-stdin.zip/-", kGatewayB);
    expect_aggregate(session->aggregate(), {&kGatewayB});
  }
}

TEST(RealArchives, StoredEntries) {
  for (const std::string name : {"7z-stored.zip", "bsdtar-stored.zip"})
    for (const test::Cutting& cutting : kCuttings) {
      SCOPED_TRACE(name);
      const auto session = read(name, cutting);
      ASSERT_EQ(session->source_count(), 2u);
      expect_archive_source(*session, name, "zip archive: 1 file read as a source of its own");
      expect_csv_source(*session, 1, name + "/exports/gateway-b.csv", kGatewayB);
      expect_aggregate(session->aggregate(), {&kGatewayB});
    }
}

TEST(RealArchives, Deflate64EntryIsNamedAndTheRestRead) {
  const std::string reason =
      "entry \"exports/gateway-b.csv\" not read: compressed with Deflate64, which mailflow does not read (re-zip it with deflate)";
  for (const test::Cutting& cutting : kCuttings) {
    const auto session = read("7z-deflate64.zip", cutting);
    ASSERT_EQ(session->source_count(), 2u);
    expect_archive_source(*session, "7z-deflate64.zip",
                          "zip archive: 1 file read as a source of its own; 1 entries not read (see the problems)");
    ASSERT_EQ(session->report(0).problems.size(), 1u);
    EXPECT_EQ(session->report(0).problems[0].reason, reason);
    expect_csv_source(*session, 1, "7z-deflate64.zip/exports/gateway-a.csv", kGatewayA);
    expect_aggregate(session->aggregate(), {&kGatewayA});
  }
}

TEST(RealArchives, ArchivesInsideAnArchive) {
  // A gzip and a zip of the same CSV: its messages are counted once, from the first file read.
  for (const test::Cutting& cutting : kCuttings) {
    const auto session = read("nested.zip", cutting);
    ASSERT_EQ(session->source_count(), 4u);
    expect_archive_source(*session, "nested.zip", "zip archive: 2 files read as sources of their own");
    expect_csv_source(*session, 1, "nested.zip/gateway-b.csv.gz", kGatewayB);
    EXPECT_EQ(session->report(2).name, "nested.zip/inner.zip");
    EXPECT_EQ(session->report(2).format, "zip");
    const SourceReport& again = session->report(3);
    EXPECT_EQ(again.name, "nested.zip/inner.zip/exports/gateway-b.csv");
    test::expect_accounted(again);
    EXPECT_EQ(again.records, 40u);
    EXPECT_EQ(again.messages, 0u);
    expect_aggregate(session->aggregate(), {&kGatewayB});
  }
}

// Damaged copies of the real files: what the tools wrote, then cut short or with a byte changed.
// Whatever was read before the damage stays counted, the error names what happened, and both are
// the same however the input is cut.
struct Damaged {
  std::unique_ptr<Session> session;
  std::string json;
};
Damaged read_damaged(const std::string& name, const std::string& bytes, test::Cutting cutting) {
  Damaged d{test::ingest({{name, bytes}}, cutting), ""};
  d.json = aggregate_to_json(d.session->aggregate());
  return d;
}

TEST(RealArchives, DamagedCopiesGiveClearErrors) {
  const std::string gz = archive("gzip-9-name.csv.gz");
  // Cut after its first inflater block (16 KiB): the text of that block is read before the error.
  const std::string cut_gz = gz.substr(0, 20000);
  const std::string bsdtar = archive("bsdtar.zip");
  const std::string cut_bsdtar = bsdtar.substr(0, 1257 + 10000);  // gateway-a's data starts at byte 1257
  std::string stored = archive("7z-stored.zip");
  stored[51 + 2000] ^= 0x01;  // a byte of the stored CSV (its data starts at byte 51)
  std::string sized = archive("info-zip.zip");
  sized[1127 + 11000] ^= 0xFF;  // inside gateway-a's deflate data (from byte 1127, sizes in the header)
  std::string streamed = archive("info-zip-streamed.zip");
  streamed[51 + 5000] ^= 0xFF;  // inside gateway-a's deflate data, its size only in the descriptor

  const Damaged whole_gz = read_damaged("x.csv.gz", cut_gz, {});
  const Damaged whole_bsdtar = read_damaged("x.zip", cut_bsdtar, {});
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(std::to_string(cutting.fixed));
    {
      const Damaged d = read_damaged("x.csv.gz", cut_gz, cutting);
      const SourceReport& r = d.session->report(0);
      EXPECT_EQ(r.error, "corrupt gzip: the data ends early (truncated file?)");
      EXPECT_GT(r.messages, 0u);
      EXPECT_LT(r.messages, 1200u);
      EXPECT_EQ(d.json, whole_gz.json);
    }
    {
      const Damaged d = read_damaged("x.zip", cut_bsdtar, cutting);
      ASSERT_EQ(d.session->source_count(), 3u);
      EXPECT_EQ(d.session->report(0).error, "corrupt zip entry: the data ends early (truncated file?)");
      expect_csv_source(*d.session, 1, "x.zip/exports/gateway-b.csv", kGatewayB);
      const SourceReport& a = d.session->report(2);
      EXPECT_EQ(a.error, "corrupt zip entry: the data ends early (truncated file?)");
      EXPECT_GT(a.messages, 0u);
      EXPECT_LT(a.messages, 1200u);
      EXPECT_EQ(d.json, whole_bsdtar.json);
    }
    {
      const Damaged d = read_damaged("x.zip", stored, cutting);
      EXPECT_EQ(d.session->report(0).error, "");
      EXPECT_EQ(d.session->report(1).error, "corrupt zip entry: CRC mismatch");
      EXPECT_EQ(d.session->report(1).records, 40u);
    }
    // A damaged sized entry is that entry's error; the archive reads on.
    for (const auto& [bytes, a_index, b_index] : {std::tuple{sized, 2, 1}, std::tuple{streamed, 1, 2}}) {
      const Damaged d = read_damaged("x.zip", bytes, cutting);
      ASSERT_EQ(d.session->source_count(), 3u);
      EXPECT_EQ(d.session->report(0).error, "");
      const SourceReport& a = d.session->report(static_cast<size_t>(a_index));
      EXPECT_EQ(a.name, "x.zip/exports/gateway-a.csv");
      EXPECT_EQ(a.error, "corrupt zip entry: length mismatch");
      EXPECT_EQ(a.records, a.messages + a.skipped);  // the garbage rows are skipped, each with a reason
      expect_csv_source(*d.session, static_cast<size_t>(b_index), "x.zip/exports/gateway-b.csv", kGatewayB);
    }
  }
}

}  // namespace
}  // namespace mailflow
