#include "export/text_table.h"

#include <gtest/gtest.h>

namespace mailflow {
namespace {

TEST(TextTable, PadsColumnsAndAlignsNumbersRight) {
  TextTable table({{"Connector", TextTable::Align::Left}, {"Messages"}});
  table.add_row({"Partner", "5"});
  table.add_row({"A much longer name", "1,234"});
  EXPECT_EQ(table.render("  "),
            "  Connector           Messages\n"
            "  ------------------  --------\n"
            "  Partner                    5\n"
            "  A much longer name     1,234\n");
}

TEST(TextTable, CountsCodePointsNotBytes) {
  TextTable table({{"Name", TextTable::Align::Left}, {"N"}});
  table.add_row({"Zürich", "1"});
  table.add_row({"Bern", "2"});
  EXPECT_EQ(table.render(), "Name    N\n------  -\nZürich  1\nBern    2\n");
}

TEST(Printable, ReplacesControlCharactersAndBrokenUtf8) {
  EXPECT_EQ(printable("evil\x1b[31mred"), "evil?[31mred");
  EXPECT_EQ(printable("a\tb\nc"), "a?b?c");
  EXPECT_EQ(printable("\xc2\x9b" "2J"), "?2J");  // C1 CSI
  EXPECT_EQ(printable("bad \xff byte"), "bad ? byte");
  EXPECT_EQ(printable("Zürich ✓"), "Zürich ✓");
}

}  // namespace
}  // namespace mailflow
