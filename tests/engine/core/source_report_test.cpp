// A report counts every skipped record under its reason; the last few reasons are found again
// without a walk down the map (RecentReasons), which must never count into another report's map.
#include <gtest/gtest.h>

#include <string>

#include "aggregate/source_report.h"

namespace mailflow {
namespace {

TEST(SourceReport, ACopyCountsItsOwnSkips) {
  const std::string reason = "line of another program";
  SourceReport first;
  first.skip(1, reason, false);
  first.skip(2, reason, false);  // the reason is remembered now
  SourceReport copy = first;
  copy.skip(3, reason, false);
  SourceReport moved = std::move(copy);
  moved.skip(4, reason, false);
  EXPECT_EQ(first.skipped_by_reason.at(reason), 2u);
  EXPECT_EQ(moved.skipped_by_reason.at(reason), 4u);
  first = moved;
  first.skip(5, reason, false);
  EXPECT_EQ(first.skipped_by_reason.at(reason), 5u);
  EXPECT_EQ(moved.skipped_by_reason.at(reason), 4u);
}

// Past kMaxValuesPerReason values of one kind, the kind is listed as one and its entries erased:
// a remembered one among them is not counted into again.
TEST(SourceReport, AReasonListedAsOneIsCountedUnderItsKind) {
  auto size_reason = [](int i) { return "size \"x" + std::to_string(i) + "\" is not a whole number of bytes"; };
  SourceReport report;
  for (int i = 0; i < static_cast<int>(SourceReport::kMaxValuesPerReason); ++i) report.skip(0, size_reason(i), false);
  report.skip(0, size_reason(0), false);  // remembered
  report.skip(0, size_reason(1000), false);  // one value too many: the kind becomes one reason
  report.skip(0, size_reason(0), false);
  ASSERT_EQ(report.skipped_by_reason.size(), 1u);
  EXPECT_EQ(report.skipped_by_reason.begin()->second, SourceReport::kMaxValuesPerReason + 3);
  EXPECT_EQ(report.skipped, SourceReport::kMaxValuesPerReason + 3);
}

}  // namespace
}  // namespace mailflow
