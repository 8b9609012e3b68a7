// Every sample export in examples/ (written by examples/generate.mjs) read as the app reads it:
// the inbound/outbound totals, days and TLS mix must be those the generator wrote into
// examples/expected-totals.json.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

const std::string kExamples = MAILFLOW_EXAMPLES_DIR;

nlohmann::json expected_totals() {
  const std::string text = test::read_file(kExamples + "/expected-totals.json");
  return nlohmann::json::parse(text, nullptr, false);
}

TEST(Examples, EachFileGivesTheGeneratorsTotals) {
  const nlohmann::json totals = expected_totals();
  ASSERT_TRUE(totals.is_object()) << "examples/expected-totals.json is missing or unreadable";
  for (const auto& [file, want] : totals.items()) {
    SCOPED_TRACE(file);
    const std::string bytes = test::read_file(kExamples + "/" + file);
    ASSERT_FALSE(bytes.empty());
    const auto r = test::read_text(bytes, test::Cutting{65536, 0});
    // What each source can tell: a message trace names no connector, a trace detail no size.
    const bool knows_connectors = r.report.format != "message-trace";
    const bool knows_bytes = r.report.format != "message-trace-detail";
    EXPECT_TRUE(r.report.error.empty()) << r.report.error;
    EXPECT_EQ(r.report.records, want.value("events_or_rows", uint64_t{0}));
    EXPECT_EQ(test::count(r.aggregate, Direction::Inbound), want.value("inbound", uint64_t{0}));
    EXPECT_EQ(test::count(r.aggregate, Direction::Outbound), want.value("outbound", uint64_t{0}));
    if (r.report.format != "eac-inout-report") test::expect_accounted(r.report);
    if (auto first = r.aggregate.first_day()) EXPECT_EQ(format_day(*first), want.value("first_day", ""));
    if (auto last = r.aggregate.last_day()) EXPECT_EQ(format_day(*last), want.value("last_day", ""));
    if (want.contains("tls")) {
      for (const auto& [direction_name, by_tls] : want["tls"].items()) {
        const Direction direction = direction_name == "inbound" ? Direction::Inbound : Direction::Outbound;
        for (const auto& [tls_name, n] : by_tls.items())
          EXPECT_EQ(test::count(r.aggregate, direction, test::any_connector(), tls_from_key(tls_name)), n.get<uint64_t>())
              << direction_name << " " << tls_name;
      }
    }
    if (knows_connectors && want.contains("connectors")) {
      for (const auto& [key, by_tls] : want["connectors"].items()) {
        const size_t bar = key.find('|');
        const Direction direction = key.substr(0, bar) == "inbound" ? Direction::Inbound : Direction::Outbound;
        std::string name = key.substr(bar + 1);
        if (name == "(no connector)") name.clear();
        for (const auto& [tls_name, n] : by_tls.items())
          EXPECT_EQ(test::count(r.aggregate, direction, test::connector(name), tls_from_key(tls_name)), n.get<uint64_t>())
              << key << " " << tls_name;
      }
    }
    if (knows_bytes && want.contains("bytes")) {
      EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), want["bytes"].value("inbound", uint64_t{0}));
      EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), want["bytes"].value("outbound", uint64_t{0}));
    }
  }
}

}  // namespace
}  // namespace mailflow
