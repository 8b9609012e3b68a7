// The CSV tokenizer alone: records handed out whole must be the same whatever the cuts.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "support/flatten_records.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const char delimiter = (data[0] & 1) ? ';' : ',';
  const size_t chunk = size_t{data[1]} % 64 + 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  const std::string whole = mailflow::test::tokenize(text, text.size() + 1, delimiter),
                    cut = mailflow::test::tokenize(text, chunk, delimiter);
  if (whole != cut) mailflow::fuzz::fail("records do not depend on chunk cuts", whole, cut);
  return 0;
}
