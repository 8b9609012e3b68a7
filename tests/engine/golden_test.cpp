// Golden-file tests: every case in tests/data is read through a Session and its aggregate JSON must
// equal the expected file next to it.
//   tests/data/<case>.<ext>             one input file
//   tests/data/<case>/                  several input files, fed in name order into one session
//   tests/data/<case>.expected.json     the expected aggregate (indented JSON)
// MAILFLOW_UPDATE_GOLDEN=1 rewrites the expected files; review every change by hand before keeping it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "aggregate/aggregate_json.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kExpectedSuffix = ".expected.json";

struct GoldenCase {
  std::string name;
  std::vector<fs::path> inputs;
  fs::path expected;
};

std::vector<GoldenCase> golden_cases() {
  std::vector<GoldenCase> cases;
  const fs::path dir = MAILFLOW_TEST_DATA_DIR;
  if (!fs::is_directory(dir)) return cases;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    // real-shapes/ holds files checked by hand-counted tests (formats/real_shapes_*_test.cpp).
    if (file.starts_with(".") || file.ends_with(kExpectedSuffix) || file == "README.md" || file == "real-shapes")
      continue;
    GoldenCase c;
    if (entry.is_directory()) {
      c.name = file;
      for (const auto& input : fs::directory_iterator(entry.path()))
        if (input.is_regular_file()) c.inputs.push_back(input.path());
      std::sort(c.inputs.begin(), c.inputs.end());
    } else {
      c.name = entry.path().stem().string();
      c.inputs.push_back(entry.path());
    }
    c.expected = dir / (c.name + std::string(kExpectedSuffix));
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return cases;
}

std::string actual_json(const GoldenCase& c) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& input : c.inputs) files.emplace_back(input.filename().string(), test::read_file(input.string()));
  // Odd-sized chunks, so the golden answer also covers records and code units cut in two.
  auto session = test::ingest(files, test::Cutting{4093, 0});
  JsonWriteOptions options;
  options.indent = 2;
  return aggregate_to_json(session->aggregate(), options) + "\n";
}

TEST(Golden, EveryCaseMatchesItsExpectedAggregate) {
  const bool update = std::getenv("MAILFLOW_UPDATE_GOLDEN") && std::string(std::getenv("MAILFLOW_UPDATE_GOLDEN")) == "1";
  const auto cases = golden_cases();
  if (cases.empty()) GTEST_SKIP() << "no golden cases in " << MAILFLOW_TEST_DATA_DIR;
  for (const GoldenCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string actual = actual_json(c);
    if (update) {
      std::ofstream(c.expected, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(c.expected)) << c.expected << " is missing; run with MAILFLOW_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(actual, test::read_file(c.expected.string()));
  }
}

}  // namespace
}  // namespace mailflow
