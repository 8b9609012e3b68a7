// The scanning tokenizer (64 bytes at a time, a window of records at once) against the
// byte-at-a-time tokenizer it replaced: the same records, lines and bad-record reasons for special
// bytes at every offset within a block, records across and longer than a window, and every way of
// cutting the text into chunks.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "csv/csv_tokenizer.h"
#include "csv/reference_csv_tokenizer.h"
#include "support/flatten_records.h"
#include "util/byte_scan.h"

namespace mailflow {
namespace {

void expect_same_as_reference(std::string_view text, char delimiter, std::initializer_list<size_t> chunks) {
  for (size_t chunk : chunks)
    ASSERT_EQ(test::tokenize<CsvTokenizer>(text, chunk, delimiter), test::tokenize<test::ReferenceCsvTokenizer>(text, chunk, delimiter))
        << "chunk " << chunk << " text: " << text.substr(0, 400);
}

struct Lcg {
  uint64_t state;
  uint32_t below(uint32_t n) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33) % n;
  }
};

TEST(ByteScan, SimdAndSwarBlocksAgree) {
  Lcg random{7};
  for (int round = 0; round < 2000; ++round) {
    char bytes[byte_scan::kBlockBytes];
    for (char& b : bytes) b = static_cast<char>(random.below(4) == 0 ? '"' : random.below(256));
    const char wanted = round % 2 ? '"' : static_cast<char>(random.below(256));
    uint32_t naive = 0;
    for (size_t i = 0; i < byte_scan::kBlockBytes; ++i) naive |= uint32_t{bytes[i] == wanted} << i;
    ASSERT_EQ(byte_scan::SimdBlock(bytes).match(wanted), naive);
    ASSERT_EQ(byte_scan::SwarBlock(bytes).match(wanted), naive);
  }
}

TEST(ByteScan, FindByteAsStringViewFindDoes) {
  Lcg random{11};
  for (int round = 0; round < 3000; ++round) {
    std::string text(random.below(70), 'x');
    for (char& c : text) c = "ab =\0"[random.below(5)];
    const char byte = " =\0q"[round % 4];
    const std::string_view view(text);
    for (size_t from = 0; from <= text.size() + 1; ++from)
      ASSERT_EQ(byte_scan::find_byte(view, byte, from), view.find(byte, from)) << round << " from " << from;
  }
}

TEST(ByteScan, FindTextAsStringViewFindDoes) {
  Lcg random{13};
  const std::string_view needles[] = {", ", ": ", " (", "a", "a, a", ", :", ""};
  for (int round = 0; round < 3000; ++round) {
    std::string text(random.below(70), 'x');
    for (char& c : text) c = ", :a("[random.below(5)];
    const std::string_view view(text), needle = needles[round % std::size(needles)];
    for (size_t from = 0; from <= text.size() + 1; ++from)
      ASSERT_EQ(byte_scan::find_text(view, needle, from), view.find(needle, from)) << round << " from " << from;
  }
}

TEST(ByteScan, PrefixXorMarksBytesInsideQuotes) {
  for (uint32_t quotes : {0x0u, 0x1u, 0x8001u, 0x0110u, 0xFFFFu, 0x5A5Au}) {
    uint32_t naive = 0;
    bool inside = false;
    for (int i = 0; i < 16; ++i) {
      inside ^= ((quotes >> i) & 1) != 0;
      naive |= uint32_t{inside} << i;
    }
    EXPECT_EQ(byte_scan::prefix_xor16(quotes), naive) << quotes;
  }
}

TEST(ByteScan, Popcount16) {
  for (uint32_t bits = 0; bits <= 0xFFFFu; ++bits) ASSERT_EQ(byte_scan::popcount16(bits), std::popcount(bits));
  for (uint64_t bits : {~uint64_t{0}, uint64_t{1} << 63, uint64_t{0x8000000000000001}, uint64_t{0x0123456789ABCDEF}})
    ASSERT_EQ(byte_scan::popcount64(bits), static_cast<uint64_t>(std::popcount(bits)));
}

TEST(CsvTokenizerScan, SpecialBytesAtEveryOffsetOfABlock) {
  const char* snippets[] = {"\"a\"\"b\",c\n", "x,y\r\n", "\"multi\nline\",z\n", ",,\n", "\"q\",\"r\"\n",
                            "a\"b,c\"d\n", "lone\rcr,1\n", "\"closed\"after,2\n", "\n\n", "\"open\n"};
  for (const char* snippet : snippets) {
    for (size_t offset = 0; offset < 3 * byte_scan::kBlockBytes; ++offset) {
      const std::string text = "h1,h2\n" + std::string(offset, 'f') + "," + snippet + std::string(offset % 7, 'g') +
                               ",tail\n" + std::string(offset, 'f') + snippet;
      expect_same_as_reference(text, ',', {1, 2, 15, 16, 17, 31, text.size()});
    }
  }
}

// Every field of up to seven quotes and letters (doubled quotes inside quotes, lone ones, text
// after a closing quote), first, inside and last in its record.
TEST(CsvTokenizerScan, EveryShortFieldOfQuotesAndLetters) {
  for (size_t length = 0; length <= 7; ++length) {
    for (uint32_t bits = 0; bits < (1u << length); ++bits) {
      std::string field;
      for (size_t i = 0; i < length; ++i) field += (bits >> i) & 1 ? '"' : 'a';
      const std::string text = "h1,h2,h3\n" + field + ",b,c\n" + "a," + field + ",c\r\n" + "a,b," + field + "\n";
      expect_same_as_reference(text, ',', {1, 5, text.size()});
    }
  }
}

TEST(CsvTokenizerScan, RandomTextsWhateverTheCuts) {
  const char alphabet[] = {'a', 'b', ',', ';', '\t', '"', '"', '\n', '\r', ' ', '\0', '\xC3'};
  Lcg random{42};
  for (int round = 0; round < 3000; ++round) {
    std::string text(random.below(300), ' ');
    for (char& c : text) c = alphabet[random.below(sizeof alphabet)];
    const char delimiter = ",;\t\""[round % 4];  // '"' too: the API takes any delimiter
    const size_t chunk = 1 + random.below(40);
    expect_same_as_reference(text, delimiter, {chunk, 16, text.size() + 1});
  }
}

// Windows are 64 KiB: records that cross one, and records longer than one (with line breaks and
// doubled quotes inside their quotes), between short ones.
TEST(CsvTokenizerScan, RecordsAcrossAndLongerThanAWindow) {
  Lcg random{99};
  std::string text = "h1,h2,h3\n";
  while (text.size() < (1u << 20)) {
    const uint32_t kind = random.below(10);
    const size_t length = kind < 2 ? 60000 + random.below(200000) : random.below(120);
    std::string field(length, 'v');
    for (size_t i = 0; i < length; i += 1 + random.below(3000)) field[i] = "\n\"\",;"[random.below(5)];
    if (kind % 2) {  // quoted: its quotes doubled
      std::string quoted = "\"";
      for (char c : field) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
      field = quoted + "\"";
    } else {
      std::erase(field, '\n');
      std::erase(field, '"');
    }
    text += "a," + field + (random.below(4) == 0 ? ",\"x\"\"y\"\r\n" : ",z\n");
  }
  expect_same_as_reference(text, ',', {(size_t{1} << 16) + 1, 4099, (size_t{1} << 20) + 7, text.size()});
}

// A record has at most 4096 fields; one with a trailing delimiter ends in an empty one. Fields of 20
// bytes make records longer than a window of 64 KiB, whose separators are kept another way.
TEST(CsvTokenizerScan, RecordsAroundTheFieldLimit) {
  std::string text = "a,b\n";
  for (size_t fields : {CsvTokenizer::kMaxFields - 1, CsvTokenizer::kMaxFields, CsvTokenizer::kMaxFields + 1}) {
    for (const std::string field : {"f", "\"q\"", "", "\"d\"\"q\"", "twenty_bytes_plain__", "\"twenty, in quotes\""}) {
      std::string record;
      for (size_t i = 0; i < fields; ++i) record += (i ? "," : "") + field;
      text += record + "\n" + record + ",\n";
    }
  }
  expect_same_as_reference(text, ',', {4099, text.size()});
}

TEST(CsvTokenizerScan, LongFieldsAndManyDoubledQuotes) {
  std::string text = "a,b\n\"" + std::string(1000, 'x');
  for (int i = 0; i < 200; ++i) text += "\"\"y,\n";
  text += "\",last\r\n" + std::string(5000, 'z') + ",\"" + std::string(333, ',') + "\"\n";
  expect_same_as_reference(text, ',', {1, 13, 16, 1024, text.size()});
}

TEST(CsvTokenizerScan, OverlongQuotedRecordWithLineBreaksInside) {
  std::string text = "a,b\n\"";
  while (text.size() < CsvTokenizer::kMaxRecordBytes + 100) text += "0123456789abcd\n";
  text += "\",x\nc,d\n\"e\"\n";
  expect_same_as_reference(text, ',', {(size_t{1} << 20) + 3, text.size()});
  // Skipped to its closing quote however it was cut: the records after it are read alike.
  const std::string whole = test::tokenize<CsvTokenizer>(text, text.size(), ',');
  EXPECT_NE(whole.find("c\x1f" "d\x1f"), std::string::npos) << whole.substr(0, 200);
  for (size_t chunk : {size_t{4096}, (size_t{1} << 20) + 3, size_t{7} << 20}) EXPECT_EQ(test::tokenize<CsvTokenizer>(text, chunk, ','), whole);
}

TEST(CsvTokenizerScan, RecordsAroundTheLengthLimit) {
  for (size_t length : {CsvTokenizer::kMaxRecordBytes - 17, CsvTokenizer::kMaxRecordBytes, CsvTokenizer::kMaxRecordBytes + 1,
                        CsvTokenizer::kMaxRecordBytes + 16, CsvTokenizer::kMaxRecordBytes + 40}) {
    const std::string text = "a,b\n" + std::string(length - 3, 'x') + ",\"\n" + "c,\"d\"\n";
    expect_same_as_reference(text, ',', {(size_t{1} << 22) + 5, text.size()});
  }
}

}  // namespace
}  // namespace mailflow
