#include "export/connector_csv.h"

#include <gtest/gtest.h>

#include "export/csv_cell.h"

namespace mailflow {
namespace {

Day day(std::string_view text) { return *parse_day(text); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = text.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(text.substr(start, end - start));
  }
  EXPECT_EQ(start, text.size()) << "every line ends with CRLF";
  return lines;
}

TEST(CsvCell, PlainTextIsWrittenAsIs) {
  EXPECT_EQ(csv_cell("Inbound from partner"), "Inbound from partner");
  EXPECT_EQ(csv_cell(""), "");
}

TEST(CsvCell, QuotesDelimitersQuotesAndLineBreaks) {
  EXPECT_EQ(csv_cell("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_cell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_cell("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv_cell("a;b"), "a;b");
}

TEST(CsvCell, NeutralisesFormulas) {
  EXPECT_EQ(csv_cell("=1+1"), "'=1+1");
  EXPECT_EQ(csv_cell("+1"), "'+1");
  EXPECT_EQ(csv_cell("-1"), "'-1");
  EXPECT_EQ(csv_cell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_cell("\tx"), "'\tx");
  EXPECT_EQ(csv_cell("\rx"), "\"'\rx\"");
  EXPECT_EQ(csv_cell("a=b"), "a=b");  // only a leading character starts a formula
}

TEST(CsvCell, HyperlinkConnectorStaysInert) {
  EXPECT_EQ(csv_cell("=HYPERLINK(\"http://evil.example\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
}

TEST(ConnectorCsv, HeaderHasTheEacColumnsThenTheRest) {
  EXPECT_EQ(connector_csv_header(),
            "Date,Direction,Connector,No TLS,TLS 1.0,TLS 1.1,TLS 1.2,TLS 1.3,Volume,SSL 3.0,"
            "Unknown TLS version,No TLS data");
}

TEST(ConnectorCsv, RowsCountEveryTlsStateAndVolumeIsTheirSum) {
  Aggregate a;
  const ConnectorId partner = a.intern_connector("Partner, Inc.");
  const Day d = day("2026-11-20");
  a.add({d, Direction::Inbound, partner, TlsVersion::None}, {1, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::Tls10}, {2, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::Tls11}, {3, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::Tls12}, {4, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::Tls13}, {5, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::Ssl3}, {6, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::UnknownVersion}, {7, 0});
  a.add({d, Direction::Inbound, partner, TlsVersion::NoData}, {8, 0});
  a.add({d - 1, Direction::Outbound, kNoConnector, TlsVersion::Tls12}, {9, 0});
  a.add({d, Direction::Outbound, kUnknownConnector, TlsVersion::NoData}, {10, 0});

  const auto lines = lines_of(connector_csv(a, {d - 6, d}));
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1], "2026-11-19,Outbound,(no connector),0,0,0,9,0,9,0,0,0");
  EXPECT_EQ(lines[2], "2026-11-20,Inbound,\"Partner, Inc.\",1,2,3,4,5,36,6,7,8");
  EXPECT_EQ(lines[3], "2026-11-20,Outbound,(unknown connector),0,0,0,0,0,10,0,0,10");
}

TEST(ConnectorCsv, FormulaConnectorNamesAreNeutralised) {
  Aggregate a;
  const ConnectorId evil = a.intern_connector("=HYPERLINK(\"http://evil.example\",\"x\")");
  a.add({day("2026-11-20"), Direction::Inbound, evil, TlsVersion::Tls12}, {1, 0});
  const auto lines = lines_of(connector_csv(a, {day("2026-11-20"), day("2026-11-20")}));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].find("2026-11-20,Inbound,\"'=HYPERLINK("), 0u) << lines[1];
}

TEST(ConnectorCsv, EmptyRangeGivesTheHeaderOnly) {
  Aggregate a;
  a.add({day("2026-11-20"), Direction::Inbound, kNoConnector, TlsVersion::Tls12}, {1, 0});
  const auto lines = lines_of(connector_csv(a, {day("2026-11-01"), day("2026-11-07")}));
  ASSERT_EQ(lines.size(), 1u);
}

}  // namespace
}  // namespace mailflow
