#include "csv/csv_tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mailflow {
namespace {

struct Collector : CsvRecordHandler {
  std::vector<std::vector<std::string>> records;
  std::vector<uint64_t> lines;
  std::vector<std::string> errors;
  void on_record(std::span<const std::string_view> fields, uint64_t line) override {
    records.emplace_back(fields.begin(), fields.end());
    lines.push_back(line);
  }
  void on_bad_record(uint64_t line, std::string_view reason) override {
    errors.push_back(std::to_string(line) + ": " + std::string(reason));
  }
};

Collector tokenize(std::string_view text, size_t chunk, char delimiter = ',') {
  Collector c;
  CsvTokenizer t(c, delimiter);
  for (size_t pos = 0; pos < text.size(); pos += chunk) t.feed(text.substr(pos, chunk));
  t.finish();
  return c;
}

TEST(CsvTokenizer, Rfc4180QuotingWhateverTheCuts) {
  const std::string text =
      "a,b,c\r\n"
      "\"Invoice, November \"\"final\"\"\",2,\"multi\r\nline\"\r\n"
      "plain,,last\n"
      "\"\",x,\"\"\"\"";
  for (size_t chunk : {1, 2, 3, 5, 8, 13, 1000}) {
    const Collector c = tokenize(text, chunk);
    ASSERT_EQ(c.records.size(), 4u) << chunk;
    EXPECT_EQ(c.records[1], (std::vector<std::string>{"Invoice, November \"final\"", "2", "multi\r\nline"}));
    EXPECT_EQ(c.records[2], (std::vector<std::string>{"plain", "", "last"}));
    EXPECT_EQ(c.records[3], (std::vector<std::string>{"", "x", "\""}));
    EXPECT_EQ(c.lines, (std::vector<uint64_t>{1, 2, 4, 5}));
    EXPECT_TRUE(c.errors.empty());
  }
}

TEST(CsvTokenizer, SemicolonDelimiterAndBlankLines) {
  const Collector c = tokenize("\"a\";\"b;c\"\n\n\r\nx;y\n", 3, ';');
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0], (std::vector<std::string>{"a", "b;c"}));
  EXPECT_EQ(c.lines[1], 4u);
}

TEST(CsvTokenizer, UnterminatedQuoteAtTheEndIsReportedWithItsLine) {
  const Collector c = tokenize("a,b\n1,\"never closed\nmore\n", 4);
  ASSERT_EQ(c.records.size(), 1u);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0], "2: unterminated quote: the file ends inside a quoted field");
}

TEST(CsvTokenizer, OverlongRecordIsSkippedAndReadingResumes) {
  std::string text = "a,b\n" + std::string(CsvTokenizer::kMaxRecordBytes + 10, 'x') + "\nc,d\n";
  for (size_t chunk : {size_t{1} << 20, size_t{7} << 20, text.size()}) {
    const Collector c = tokenize(text, chunk);
    ASSERT_EQ(c.records.size(), 2u) << chunk;
    EXPECT_EQ(c.records[1], (std::vector<std::string>{"c", "d"}));
    EXPECT_EQ(c.lines[1], 3u);
    ASSERT_EQ(c.errors.size(), 1u);
    EXPECT_EQ(c.errors[0].substr(0, 3), "2: ");
  }
}

TEST(CsvTokenizer, TooManyFields) {
  const Collector c = tokenize(std::string(100000, ',') + "\n", 4096);
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.errors.size(), 1u);
}

}  // namespace
}  // namespace mailflow
