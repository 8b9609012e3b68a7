// The CSV tokenizer alone: records handed out whole must be the same whatever the cuts.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "csv/csv_tokenizer.h"
#include "fuzz_check.h"

namespace {

struct Flatten : mailflow::CsvRecordHandler {
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

std::string tokenize(std::string_view text, size_t chunk, char delimiter) {
  Flatten flat;
  mailflow::CsvTokenizer tokenizer(flat, delimiter);
  for (size_t pos = 0; pos < text.size(); pos += chunk) tokenizer.feed(text.substr(pos, chunk));
  tokenizer.finish();
  return flat.out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const char delimiter = (data[0] & 1) ? ';' : ',';
  const size_t chunk = size_t{data[1]} % 64 + 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const std::string whole = tokenize(text, text.size() + 1, delimiter), cut = tokenize(text, chunk, delimiter);
  if (whole != cut) mailflow::fuzz::fail("records do not depend on chunk cuts", whole, cut);
  return 0;
}
