// The aggregate JSON names each problem's reason by its catalogue code beside the English text,
// and still reads aggregates saved before codes existed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"

namespace mailflow {
namespace {

constexpr std::string_view kWithoutCodes = R"({"schema":"mailflow.aggregate.v1","sources":[{"name":"gateway.csv",
  "format":"mailflow-csv","format_name":"mailflow CSV","records":3,"messages":1,"skipped":2,
  "skipped_by_reason":{"unreadable timestamp \"x\"":1,"a reason of a newer reader":1},
  "problems":[{"line":2,"reason":"unreadable timestamp \"x\""},{"line":3,"reason":"a reason of a newer reader"}],
  "notes":[]}],"rows":[]})";

TEST(ProblemCodes, OlderAggregatesWithoutCodesStillLoad) {
  std::string error;
  const auto aggregate = aggregate_from_json(kWithoutCodes, error);
  ASSERT_TRUE(aggregate) << error;
  ASSERT_EQ(aggregate->sources().size(), 1u);
  ASSERT_EQ(aggregate->sources()[0].problems.size(), 2u);
  EXPECT_EQ(aggregate->sources()[0].problems[0].reason, "unreadable timestamp \"x\"");
}

TEST(ProblemCodes, WrittenBesideTheEnglishReasonWhenTheCatalogueKnowsIt) {
  std::string error;
  const auto aggregate = aggregate_from_json(kWithoutCodes, error);
  ASSERT_TRUE(aggregate) << error;
  const auto json = nlohmann::json::parse(aggregate_to_json(*aggregate));
  const auto& problems = json["sources"][0]["problems"];
  EXPECT_EQ(problems[0]["reason"], "unreadable timestamp \"x\"");
  EXPECT_EQ(problems[0]["code"], "skip.unreadable_timestamp");
  EXPECT_FALSE(problems[1].contains("code"));  // unknown to this catalogue: the English alone
  // And a file with codes reads back the same.
  const auto again = aggregate_from_json(aggregate_to_json(*aggregate), error);
  ASSERT_TRUE(again) << error;
  EXPECT_EQ(again->sources()[0].problems[0].reason, "unreadable timestamp \"x\"");
}

}  // namespace
}  // namespace mailflow
