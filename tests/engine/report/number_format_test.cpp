#include "report/number_format.h"

#include <gtest/gtest.h>

namespace mailflow {
namespace {

TEST(NumberFormat, Percent) {
  EXPECT_EQ(format_percent(0.3126), "31.3%");
  EXPECT_EQ(format_percent(0.3124), "31.2%");
  EXPECT_EQ(format_percent(1.0), "100.0%");
  EXPECT_EQ(format_percent(0.0), "0.0%");
  EXPECT_EQ(format_percent(2.0 / 3.0, 0), "67%");
  EXPECT_EQ(format_percent(std::nullopt), "-");
}

TEST(NumberFormat, ThresholdHasNoTrailingZeros) {
  EXPECT_EQ(format_threshold(0.25), "25%");
  EXPECT_EQ(format_threshold(0.5), "50%");
  EXPECT_EQ(format_threshold(0.125), "12.5%");
  EXPECT_EQ(format_threshold(0.0), "0%");
}

TEST(NumberFormat, CountGroupsThousands) {
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(1234567), "1,234,567");
}

}  // namespace
}  // namespace mailflow
