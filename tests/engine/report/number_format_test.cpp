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

namespace mailflow {
namespace {

TEST(NumberFormatLanguage, CountsGroupThousandsTheLanguagesWay) {
  EXPECT_EQ(format_count(1234, Language::En), "1,234");
  EXPECT_EQ(format_count(1234, Language::De), "1.234");
  EXPECT_EQ(format_count(999, Language::De), "999");
  EXPECT_EQ(format_count(1234567, Language::De), "1.234.567");
}

TEST(NumberFormatLanguage, PercentagesAndDecimals) {
  EXPECT_EQ(format_percent(0.847, 1, Language::En), "84.7%");
  EXPECT_EQ(format_percent(0.847, 1, Language::De), "84,7 %");
  EXPECT_EQ(format_percent(std::nullopt, 1, Language::De), "-");
  EXPECT_EQ(format_threshold(0.25, Language::De), "25 %");
  EXPECT_EQ(format_threshold(0.125, Language::De), "12,5 %");
  EXPECT_EQ(format_decimal(1.5, 1, Language::De), "1,5");
}

TEST(NumberFormatLanguage, DaysForReading) {
  const Day day = day_from_civil({2026, 11, 24});
  EXPECT_EQ(format_day(day, Language::En), "2026-11-24");
  EXPECT_EQ(format_day(day, Language::De), "24.11.2026");
}

TEST(NumberFormatLanguage, PluralsAgreeWithTheCount) {
  EXPECT_EQ(format_plural(1, "day", "days", Language::En), "1 day");
  EXPECT_EQ(format_plural(2, "day", "days", Language::En), "2 days");
  EXPECT_EQ(format_plural(1, "Bericht", "Berichte", Language::De), "1 Bericht");
  EXPECT_EQ(format_plural(1200, "Bericht", "Berichte", Language::De), "1.200 Berichte");
}

}  // namespace
}  // namespace mailflow
