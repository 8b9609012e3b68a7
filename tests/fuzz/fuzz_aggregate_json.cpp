// Loading aggregate JSON (saved reports come from other people): never crash, and what loads must
// write back to the same JSON it loads from again.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aggregate/aggregate_json.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  auto loaded = mailflow::aggregate_from_json(std::string_view(reinterpret_cast<const char*>(data), size), error);
  if (!loaded) return 0;
  const std::string once = mailflow::aggregate_to_json(*loaded);
  auto again = mailflow::aggregate_from_json(once, error);
  if (!again) mailflow::fuzz::fail("what loads, loads again", once, error);
  const std::string twice = mailflow::aggregate_to_json(*again);
  if (twice != once) mailflow::fuzz::fail("what loads writes back the same", once, twice);
  return 0;
}
