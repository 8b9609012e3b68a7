// The EAC inbound/outbound messages report: pre-aggregated rows, direction in a column or in the
// connector name, counts or percentages, and how its rows are accounted.
#include <gtest/gtest.h>

#include "formats/eac_inout_report/apportion.h"
#include "formats/eac_inout_report/report_number.h"
#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;

const std::string kCounts =
    "\xEF\xBB\xBF" "Date,Connector direction and name,Connector type,Forced TLS?,No TLS,TLS 1.0,TLS 1.1,TLS 1.2,Volume\r\n"
    "2026-10-05,Inbound - Inbound from OnPrem,OnPremises,No,0,7,0,3,10\r\n"
    "2026-10-05,Inbound - No connector,,No,1,0,0,4,6\r\n"
    "2026-10-05,\"Outbound: Outbound to Adatum, Ltd\",Partner,Yes,0,0,0,5,5\r\n"
    "2026-10-06,Sideways - X,Partner,No,0,0,0,1,1\r\n"
    "2026-10-06,Inbound - Inbound from OnPrem,OnPremises,No,0,1,0,1,2\r\n";

TEST(EacInoutReport, CountsBecomeCellsAndTheRestOfVolumeIsTls13) {
  const auto r = test::read_text(kCounts);
  EXPECT_EQ(r.report.format, "eac-inout-report");
  EXPECT_EQ(r.report.records, 5u);
  EXPECT_EQ(r.report.skipped, 1u);
  EXPECT_EQ(r.report.messages, 10u + 6u + 5u + 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from OnPrem"), TlsVersion::Tls10, "2026-10-05"), 7u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::None, "2026-10-05"), 1u);
  // Volume 6 = No TLS 1 + TLS 1.2 4 + one message in no column: the report has no TLS 1.3 column.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::Tls13, "2026-10-05"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum, Ltd"), TlsVersion::Tls12), 5u);
  ASSERT_EQ(r.report.problems.size(), 1u);
  EXPECT_EQ(r.report.problems[0].line, 5u);
  bool noted = false;
  for (const auto& note : r.report.notes)
    noted = noted || note.find("5 rows read = 4 rows ingested + 1 rows skipped") != std::string::npos;
  EXPECT_TRUE(noted);
  test::expect_chunk_independent(kCounts);
}

TEST(EacInoutReport, PercentagesAddUpToVolume) {
  const std::string percent =
      "Date;Direction;Connector;No TLS;TLS 1.0;TLS 1.1;TLS 1.2;TLS 1.3;Volume\n"
      "20.10.2026;Inbound;Contoso Partner;33,3 %;0 %;0 %;33,3 %;33,3 %;10\n"
      "20.10.2026;Outbound;;0;0;0;50;50;7\n";
  const auto r = test::read_text(percent);
  EXPECT_EQ(r.report.format, "eac-inout-report");
  EXPECT_EQ(r.report.messages, 17u);
  // 3.33 each: 3 + 3 + 3, the one left goes to the earliest column of equal remainder.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Contoso Partner")), 10u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Contoso Partner"), TlsVersion::None), 4u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Contoso Partner"), TlsVersion::Tls12), 3u);
  // No '%', but the columns add up to 100 and Volume is 7: percentages.
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector(""), TlsVersion::Tls12, "2026-10-20"), 4u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector(""), TlsVersion::Tls13, "2026-10-20"), 3u);
}

TEST(EacInoutReport, SlashDatesWaitForTheFilesEvidence) {
  const std::string us =
      "Date,Connector direction and name,TLS 1.2,Volume\n"
      "10/05/2026,Inbound - A,1,1\n"
      "10/25/2026,Inbound - A,2,2\n";
  const auto r = test::read_text(us);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("A"), TlsVersion::Tls12, "2026-10-05"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("A"), TlsVersion::Tls12, "2026-10-25"), 2u);
  test::expect_chunk_independent(us);
}

TEST(EacInoutReport, MissingTlsColumnsAreNamed) {
  const auto r = test::read_text("Date,Connector direction and name,Connector type,Volume\n2026-10-05,Inbound - A,,1\n");
  EXPECT_FALSE(r.report.error.empty());
}

TEST(Apportion, LargestRemainderAddsUpExactly) {
  std::array<double, 3> shares{33.3, 33.3, 33.4};
  std::array<uint64_t, 3> counts{};
  apportion(shares, 10, counts);
  EXPECT_EQ(counts[0] + counts[1] + counts[2], 10u);
  EXPECT_EQ(counts[2], 4u);  // the largest remainder gets the extra message
  std::array<double, 2> half{50, 50};
  std::array<uint64_t, 2> two{};
  apportion(half, 1001, two);
  EXPECT_EQ(two[0], 501u);
  EXPECT_EQ(two[1], 500u);
}

TEST(ReportNumber, ReadsBothCultures) {
  EXPECT_EQ(parse_report_number("1,234")->value, 1234);
  EXPECT_EQ(parse_report_number("1.234")->value, 1234);
  EXPECT_EQ(parse_report_number("12,5 %")->value, 12.5);
  EXPECT_TRUE(parse_report_number("12,5 %")->percent);
  EXPECT_EQ(parse_report_number("1.234,5")->value, 1234.5);
  EXPECT_EQ(parse_report_number("")->value, 0);
  EXPECT_FALSE(parse_report_number("n/a"));
}

}  // namespace
}  // namespace mailflow
