// The record ends the cutter finds in raw bytes are exactly the records the CSV tokenizer reads,
// in UTF-8 and UTF-16 of either byte order, however the bytes are cut into calls.
#include "ingest/record_cutter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "csv/csv_tokenizer.h"

namespace mailflow {
namespace {

// The rule, one byte at a time: every quote toggles, a line feed outside quotes ends a record.
std::vector<size_t> record_ends(const std::string& text) {
  std::vector<size_t> ends;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (text[i] == '\n' && !quoted) ends.push_back(i + 1);
  }
  return ends;
}

// Where the tokenizer's records start (offsets), from the lines it names.
std::vector<size_t> tokenizer_record_starts(const std::string& text) {
  struct Lines final : CsvRecordHandler {
    std::vector<uint64_t> lines;
    void on_record(std::span<const std::string_view>, uint64_t line) override { lines.push_back(line); }
    void on_bad_record(uint64_t line, std::string_view) override { lines.push_back(line); }
  } handler;
  CsvTokenizer tokenizer(handler, ',');
  tokenizer.feed(text);
  tokenizer.finish();
  std::vector<size_t> line_starts = {0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  std::vector<size_t> starts;
  for (uint64_t line : handler.lines) starts.push_back(line_starts.at(line - 1));
  return starts;
}

std::string encode(const std::string& text, RecordCutter::Units units) {
  if (units == RecordCutter::Units::Utf8) return text;
  std::string out;
  for (unsigned char c : text) {  // the test texts are ASCII but for the surrogate-like bytes below
    const char low = static_cast<char>(c), high = c == 0xD8 ? '\xD8' : '\0';
    if (units == RecordCutter::Units::Utf16Le) out += low, out += high;
    else out += high, out += low;
  }
  return out;
}

// Every record end the cutter finds, feeding `bytes` in calls of at most `max_call` bytes, mixing
// pass() over stretches known to hold no end with find_end().
std::vector<size_t> cutter_ends(const std::string& bytes, RecordCutter::Units units, size_t max_call, unsigned seed) {
  RecordCutter cutter(units);
  std::mt19937 random(seed);
  std::vector<size_t> ends;
  size_t at = 0;
  while (at < bytes.size()) {
    const size_t n = std::min(bytes.size() - at, size_t{1} + random() % max_call);
    const size_t end = cutter.find_end(reinterpret_cast<const uint8_t*>(bytes.data()) + at, n);
    if (end == RecordCutter::npos) {
      at += n;
      continue;
    }
    at += end;
    ends.push_back(at);
  }
  return ends;
}

std::string random_csv(std::mt19937& random, size_t size) {
  static const std::string alphabet = "ab,\"\"\"\n\n\r x\xD8";
  std::string text;
  while (text.size() < size) text += alphabet[random() % alphabet.size()];
  return text;
}

TEST(RecordCutter, FindsTheTokenizersRecordEnds) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    const std::string text = random_csv(random, 1 + random() % 400);
    const std::vector<size_t> want = record_ends(text);
    // Each record the tokenizer reads starts at the text's start or at one of these ends (after
    // blank lines, which are no records).
    for (size_t start : tokenizer_record_starts(text)) {
      EXPECT_TRUE(start == 0 || std::find(want.begin(), want.end(), start) != want.end()) << "record at " << start << " of " << text;
    }
    for (auto units : {RecordCutter::Units::Utf8, RecordCutter::Units::Utf16Le, RecordCutter::Units::Utf16Be}) {
      const size_t width = units == RecordCutter::Units::Utf8 ? 1 : 2;
      std::vector<size_t> scaled;
      for (size_t end : want) scaled.push_back(end * width);
      for (size_t max_call : {size_t{1}, size_t{3}, size_t{17}, size_t{1000}}) {
        SCOPED_TRACE("round " + std::to_string(round) + ", width " + std::to_string(width) + ", calls of at most " +
                     std::to_string(max_call));
        EXPECT_EQ(cutter_ends(encode(text, units), units, max_call, round), scaled);
      }
    }
  }
}

TEST(RecordCutter, PassKeepsTheQuoteState) {
  const std::string text = "a,\"b\nc\"\"d\ne\",f\ng\n";  // one record over three lines, then "g"
  for (auto units : {RecordCutter::Units::Utf8, RecordCutter::Units::Utf16Le, RecordCutter::Units::Utf16Be}) {
    const std::string bytes = encode(text, units);
    const size_t width = units == RecordCutter::Units::Utf8 ? 1 : 2;
    for (size_t split = 0; split <= 3 * width; ++split) {  // pass() over a part before the first end
      RecordCutter cutter(units);
      cutter.pass(reinterpret_cast<const uint8_t*>(bytes.data()), split);
      const size_t end = cutter.find_end(reinterpret_cast<const uint8_t*>(bytes.data()) + split, bytes.size() - split);
      EXPECT_EQ(split + end, 15 * width) << "split at " << split;
    }
    RecordCutter quoted(units, /*quoted=*/true);  // starting inside quotes: its first quote closes them
    EXPECT_EQ(quoted.find_end(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 5 * width);
  }
}

}  // namespace
}  // namespace mailflow
