// The inflater (zlib behind fixed input blocks) and the gzip framing: output identical to the input
// that was compressed, whatever the compressor's settings and however the compressed bytes are
// cut; the same error, at the same output position, however they are cut; what follows a deflate
// stream handed back whole; clear errors for corrupt data.
#include <gtest/gtest.h>

#include <cstring>

#include "compress_util.h"
#include "io/gzip_stream.h"
#include "io/inflate.h"

namespace mailflow::test {
namespace {

struct Result {
  std::string out;
  std::string error;
  std::string after;  // what followed the deflate stream (Inflater::leftover)
};

// Pieces of `size` bytes: whole (chunk 0), fixed, or random 1..chunk (seed != 0).
std::vector<size_t> cuts(size_t size, size_t chunk, uint32_t seed) {
  std::vector<size_t> pieces;
  std::mt19937 random(seed);
  for (size_t pos = 0; pos < size;) {
    size_t n = size - pos;
    if (chunk) n = std::min(n, seed ? 1 + random() % chunk : chunk);
    pieces.push_back(n);
    pos += n;
  }
  return pieces;
}

Result gunzip(const std::string& compressed, size_t chunk = 0, uint32_t seed = 0, ExpansionLimit limit = {}) {
  GzipStream gz(limit);
  StringSink sink;
  const auto* p = reinterpret_cast<const uint8_t*>(compressed.data());
  bool ok = true;
  for (size_t n : cuts(compressed.size(), chunk, seed)) {
    if (!(ok = gz.feed(p, n, sink))) break;
    p += n;
  }
  if (ok) gz.finish(sink);
  return {sink.data, gz.error(), ""};
}

Result inflate(const std::string& deflated, size_t chunk = 0, uint32_t seed = 0) {
  Inflater inflater;
  StringSink sink;
  const auto* p = reinterpret_cast<const uint8_t*>(deflated.data());
  Inflater::Status status = Inflater::Status::NeedInput;
  const uint8_t* last = p;
  size_t last_size = 0;
  for (size_t n : cuts(deflated.size(), chunk, seed)) {
    status = inflater.feed(p, n, sink);
    last = p, last_size = n;
    p += n;
    if (status != Inflater::Status::NeedInput) break;
  }
  if (status == Inflater::Status::NeedInput) status = inflater.finish(sink), last_size = 0;
  Result r{sink.data, inflater.error(), ""};
  if (status == Inflater::Status::Done) {
    const Inflater::Leftover left = inflater.leftover();
    r.after.assign(left.held.begin(), left.held.end());
    r.after.append(reinterpret_cast<const char*>(last + last_size - left.rest), left.rest);
    r.after.append(reinterpret_cast<const char*>(p), deflated.size() - static_cast<size_t>(p - reinterpret_cast<const uint8_t*>(deflated.data())));
  }
  return r;
}

// The cuttings every stream is read with: whole, 1 byte, around the inflater's block size, random.
const std::vector<std::pair<size_t, uint32_t>> kCuttings = {
    {0, 0}, {1, 0}, {7, 0}, {Inflater::kBlock - 1, 0}, {Inflater::kBlock, 0}, {Inflater::kBlock + 1, 0},
    {777, 3}, {100000, 5}};

TEST(Inflate, FixedHuffmanBlockWrittenByHand) {
  // "abc" with the fixed code, as RFC 1951 3.2.6 defines it (made with zlib once, checked by hand).
  EXPECT_EQ(inflate(std::string("\x4b\x4c\x4a\x06\x00", 5)).out, "abc");
}

TEST(Inflate, StoredBlocksInAnyChunks) {
  const std::string text = log_text(200000, 3);
  const std::string stored = stored_deflate(text, 1000);
  for (auto [chunk, seed] : kCuttings) EXPECT_TRUE(inflate(stored, chunk, seed).out == text) << chunk;
}

TEST(Inflate, RejectsCorruptStreamsWithAReason) {
  EXPECT_EQ(inflate(std::string("\x07\x00", 2)).error, "invalid block type");
  EXPECT_EQ(inflate(std::string("\x01\x05\x00\x00\x00", 5)).error, "invalid stored block lengths");
  // Fixed block: literal 'a' then a match at distance 2 when only one byte exists.
  // 'a' = code 0x91 (8 bits), length 3 = code 257 (7 bits 0000001), distance 2 = code 1 (5 bits 00001).
  EXPECT_EQ(inflate(std::string("\x4b\x04\x42\x00", 4)).error, "invalid distance too far back");
  EXPECT_EQ(inflate(stored_deflate("hello").substr(0, 7)).error, "the data ends early (truncated file?)");
  EXPECT_EQ(inflate("").error, "the data ends early (truncated file?)");
}

TEST(Inflate, EqualsTheInputForEveryLevelAndStrategy) {
  std::string data = log_text(300000, 5);
  std::mt19937 random(9);
  for (int i = 0; i < 20000; ++i) data += static_cast<char>(random());  // incompressible stretch
  data += std::string(70000, 'z');                                      // long distance-1 runs
  for (int level : {0, 1, 6, 9})
    for (int strategy : {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED}) {
      SCOPED_TRACE("level " + std::to_string(level) + " strategy " + std::to_string(strategy));
      const std::string deflated = zlib_deflate(data, level, strategy);
      const Result whole = inflate(deflated);
      EXPECT_EQ(whole.error, "");
      EXPECT_TRUE(whole.out == data);
      EXPECT_TRUE(inflate(deflated, 777, 0).out == data);
    }
  EXPECT_TRUE(inflate(zlib_deflate(log_text(100000, 8), 9), 1).out == log_text(100000, 8));
}

TEST(Inflate, WhatFollowsTheStreamIsHandedBackWhole) {
  // A deflate stream, then bytes that are not part of it (a trailer, the next header...). Ends in
  // every position relative to the block size, each cut every way.
  for (size_t text_size : {size_t{10}, size_t{5000}, size_t{150000}})
    for (size_t after_size : {size_t{0}, size_t{3}, Inflater::kBlock - 2, Inflater::kBlock + 5}) {
      const std::string text = log_text(text_size, 11);
      const std::string after = log_text(after_size, 12);
      const std::string input = zlib_deflate(text) + after;
      for (auto [chunk, seed] : kCuttings) {
        SCOPED_TRACE(std::to_string(text_size) + " + " + std::to_string(after_size) + " in " + std::to_string(chunk));
        const Result r = inflate(input, chunk, seed);
        EXPECT_EQ(r.error, "");
        EXPECT_TRUE(r.out == text);
        EXPECT_TRUE(r.after == after) << r.after.size() << " bytes handed back";
      }
    }
}

// `first` and `second` deflated as one stream with a sync flush between them: the second part's
// first block header starts at a byte of its own (returned in `at`).
std::string deflate_with_sync_point(const std::string& first, const std::string& second, size_t& at) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, first.size() + second.size()) + 64, '\0');
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(first.data()));
  z.avail_in = static_cast<uInt>(first.size());
  deflate(&z, Z_SYNC_FLUSH);
  at = z.total_out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(second.data()));
  z.avail_in = static_cast<uInt>(second.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(Inflate, CorruptDataFailsAtTheSamePlaceHoweverCut) {
  const std::string first = log_text(300000, 13), second = log_text(100000, 14);
  size_t at = 0;
  std::string deflated = deflate_with_sync_point(first, second, at);
  deflated[at] = '\x07';  // a final block of the reserved type 3
  for (auto [chunk, seed] : kCuttings) {
    const Result cut = inflate(deflated, chunk, seed);
    EXPECT_EQ(cut.error, "invalid block type") << chunk;
    EXPECT_TRUE(cut.out == first) << chunk << ": " << cut.out.size() << " bytes";
  }
}

TEST(Gzip, HeaderFieldsAndMembers) {
  const std::string a = log_text(50000, 1), b = log_text(30000, 2);
  GzipOptions all;
  all.name = "export.csv";
  all.comment = "made by a test";
  all.extra = std::string("AB\x04\x00wxyz", 8);
  all.header_crc = true;
  const std::string two = gzip(a, all) + gzip(b);
  for (auto [chunk, seed] : kCuttings) {
    SCOPED_TRACE(chunk);
    const Result r = gunzip(two, chunk, seed);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.out == a + b);
  }
  GzipStream gz;
  StringSink sink;
  ASSERT_TRUE(gz.feed(reinterpret_cast<const uint8_t*>(two.data()), two.size(), sink));
  ASSERT_TRUE(gz.finish(sink));
  EXPECT_EQ(gz.members(), 2u);
  EXPECT_EQ(gz.original_name(), "export.csv");
}

TEST(Gzip, ManyTinyMembersInAnyChunks) {
  // What `for f in ...; do gzip -c $f; done > all.gz` makes of small files: each member's end is
  // found in bytes the inflater held from earlier feeds.
  std::string all, expected;
  for (int i = 0; i < 3000; ++i) {
    const std::string line = "2026-11-20T08:15:02Z,inbound,In,1.3," + std::to_string(i) + "\n";
    all += gzip(line);
    expected += line;
  }
  for (auto [chunk, seed] : kCuttings) {
    const Result r = gunzip(all, chunk, seed);
    EXPECT_EQ(r.error, "") << chunk;
    EXPECT_TRUE(r.out == expected) << chunk;
  }
  GzipStream gz;
  StringSink sink;
  gz.feed(reinterpret_cast<const uint8_t*>(all.data()), all.size(), sink);
  ASSERT_TRUE(gz.finish(sink));
  EXPECT_EQ(gz.members(), 3000u);
}

TEST(Gzip, CorruptDataIsNamed) {
  const std::string text = log_text(20000, 4);
  std::string bad_crc = gzip(text);
  bad_crc[bad_crc.size() - 8] ^= 1;
  EXPECT_EQ(gunzip(bad_crc).error, "corrupt gzip: CRC mismatch");
  std::string bad_size = gzip(text);
  bad_size[bad_size.size() - 4] ^= 1;
  EXPECT_EQ(gunzip(bad_size).error, "corrupt gzip: length mismatch");
  GzipOptions hcrc;
  hcrc.header_crc = true;
  std::string bad_header = gzip(text, hcrc);
  bad_header[4] ^= 1;  // mtime is covered by the header CRC
  EXPECT_EQ(gunzip(bad_header).error, "corrupt gzip: header CRC mismatch");
  const std::string whole = gzip(text);
  EXPECT_EQ(gunzip(whole.substr(0, whole.size() - 3)).error, "corrupt gzip: the data ends early (truncated file?)");
  EXPECT_EQ(gunzip(whole.substr(0, whole.size() / 2), 1).error, "corrupt gzip: the data ends early (truncated file?)");
  std::string method = whole;
  method[2] = 7;
  EXPECT_EQ(gunzip(method).error, "corrupt gzip: compression method 7 is not deflate");
  std::string bad_data = whole;
  bad_data[10] = '\x07';  // the first deflate block's header: block type 3
  EXPECT_EQ(gunzip(bad_data).error, "corrupt gzip: invalid block type");
}

TEST(Gzip, TrailingZerosAreCountedNotDecoded) {
  const std::string text = log_text(1000, 4);
  const std::string padded = gzip(text) + std::string(512, '\0');
  for (auto [chunk, seed] : kCuttings) {
    GzipStream gz;
    StringSink sink;
    const auto* p = reinterpret_cast<const uint8_t*>(padded.data());
    for (size_t n : cuts(padded.size(), chunk, seed)) {
      ASSERT_TRUE(gz.feed(p, n, sink));
      p += n;
    }
    ASSERT_TRUE(gz.finish(sink));
    EXPECT_EQ(sink.data, text);
    EXPECT_EQ(gz.trailing_bytes(), 512u) << chunk;
  }
}

TEST(Gzip, ExpansionGuardStopsABomb) {
  // 10 MB of zeros that deflate 160-fold: fine by default, stopped by a 100-fold guard beyond
  // 1 MiB, at the same output position however the input is cut.
  const std::string deflated = fixed_zeros_deflate(40000);
  const std::string zeros(1 + 258 * 40000, '\0');
  const std::string gz = gzip_member(zeros, deflated);
  const Result plain = gunzip(gz);
  EXPECT_EQ(plain.error, "");
  EXPECT_TRUE(plain.out == zeros);
  const ExpansionLimit strict{100, 1u << 20};
  const Result whole = gunzip(gz, 0, 0, strict);
  EXPECT_EQ(whole.error, "stopped: expands more than 100-fold, likely a decompression bomb");
  EXPECT_GT(whole.out.size(), 1u << 20);
  EXPECT_LT(whole.out.size(), zeros.size());
  for (auto [chunk, seed] : kCuttings) {
    const Result cut = gunzip(gz, chunk, seed, strict);
    EXPECT_EQ(cut.error, whole.error);
    EXPECT_EQ(cut.out.size(), whole.out.size()) << chunk;
  }
  // A real bomb: 160 MB of zeros deflate to about 160 KB; the default guard stops it past 100 MB.
  std::string bomb_data(160u << 20, '\0');
  const std::string bomb = gzip_member(bomb_data, zlib_deflate(bomb_data, 9));
  bomb_data = std::string();
  const Result r = gunzip(bomb, 1u << 20);
  EXPECT_EQ(r.error, "stopped: expands more than 1000-fold, likely a decompression bomb");
  EXPECT_GT(r.out.size(), 100'000'000u);
  EXPECT_LT(r.out.size(), 120'000'000u);
}

}  // namespace
}  // namespace mailflow::test
