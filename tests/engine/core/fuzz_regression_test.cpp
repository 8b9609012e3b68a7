// Every input the fuzzers ever broke (tests/fuzz/regressions/, named after what each found),
// replayed as a unit test on every build (native, wasm, sanitizers) with the promises the
// harnesses check: the answer does not depend on chunk cuts, every record is accounted for, and
// aggregate JSON that loads writes back the same.
#include <gtest/gtest.h>

#include <filesystem>

#include "aggregate/aggregate_json.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

namespace fs = std::filesystem;

TEST(FuzzRegressions, EveryFindingKeepsThePromises) {
  const fs::path dir = fs::path(MAILFLOW_TEST_DATA_DIR).parent_path() / "fuzz" / "regressions";
  size_t replayed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    const std::string bytes = test::read_file(entry.path().string());
    ++replayed;

    const std::string whole = test::ingest_json(bytes);
    for (size_t chunk : {1, 2, 3, 7, 64, 255, 256, 257, 4096}) EXPECT_EQ(test::ingest_json(bytes, {chunk, 0}), whole) << chunk;
    auto session = test::ingest({{"input", bytes}});
    const SourceReport& r = session->report(0);
    if (r.format != "eac-inout-report") EXPECT_EQ(r.records, r.messages + r.skipped);

    std::string error;
    if (auto loaded = aggregate_from_json(bytes, error)) {
      const std::string once = aggregate_to_json(*loaded);
      auto again = aggregate_from_json(once, error);
      ASSERT_TRUE(again.has_value()) << error;
      EXPECT_EQ(aggregate_to_json(*again), once);
    }
  }
  EXPECT_GT(replayed, 0u);
}

}  // namespace
}  // namespace mailflow
