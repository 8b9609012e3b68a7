// Every record and bad record a CSV tokenizer hands out, flattened into one string (line, fields
// separated by \x1f, records by \x1e), so that two readings of a text compare with ==. Shared by
// the unit tests and the tokenizer's fuzz harness.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "csv/csv_tokenizer.h"

namespace mailflow::test {

struct FlattenRecords : CsvRecordHandler {
  std::string out;
  void on_record(std::span<const std::string_view> fields, uint64_t line) override {
    out += std::to_string(line) + ':';
    for (auto f : fields) (out += f) += '\x1f';
    out += '\x1e';
  }
  void on_bad_record(uint64_t line, std::string_view reason) override {
    out += std::to_string(line) + '!' + std::string(reason) + '\x1e';
  }
};

// `text` fed to a Tokenizer in chunks of `chunk` bytes.
template <class Tokenizer = CsvTokenizer>
std::string tokenize(std::string_view text, size_t chunk, char delimiter) {
  FlattenRecords flat;
  Tokenizer tokenizer(flat, delimiter);
  for (size_t pos = 0; pos < text.size(); pos += chunk) tokenizer.feed(text.substr(pos, chunk));
  tokenizer.finish();
  return flat.out;
}

}  // namespace mailflow::test
