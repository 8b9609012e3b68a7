#include "model/timestamp.h"
#include "model/day.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace mailflow {
namespace {

std::string day_text(TimestampParser& parser, std::string_view text, DateOrder order = DateOrder::Unknown) {
  const auto t = parser.parse(text);
  if (!t) return "invalid";
  const auto day = t->day(order == DateOrder::Unknown ? parser.fallback_order() : order);
  return day ? format_day(*day) : "invalid";
}

TEST(Timestamp, Iso8601WithAndWithoutFractionAndZone) {
  TimestampParser p;
  EXPECT_EQ(p.parse("2026-11-20T08:15:02.123Z")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20T08:15:02.1230000Z")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20 08:15:02")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20T09:15:02+01:00")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20T03:15:02-0500")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("1795162502")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("1795162502123")->utc_seconds, 1795162502);
  EXPECT_TRUE(p.parse("2026-11-20")->resolved);
}

// The parser keeps the last date it read; a stamp that starts with the same ten characters must
// still be read in full: its time, its zone, and what follows the date.
TEST(Timestamp, StampsOfTheSameDateAreReadInFull) {
  TimestampParser p;
  EXPECT_EQ(p.parse("2026-11-20T08:15:02Z")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20T09:15:02+01:00")->utc_seconds, 1795162502);
  EXPECT_EQ(p.parse("2026-11-20 08:15:03")->utc_seconds, 1795162503);
  EXPECT_EQ(p.parse("2026-11-20t08:15:04z")->utc_seconds, 1795162504);
  EXPECT_FALSE(p.parse("2026-11-20T25:00:00Z"));
  EXPECT_FALSE(p.parse("2026-11-201T08:00:00Z"));  // a three-digit day, as without the date before
  EXPECT_FALSE(p.parse("2026-11-20X08:00:00Z"));
  EXPECT_EQ(p.parse("2026-11-21T08:15:02Z")->utc_seconds, 1795162502 + 86400);
  EXPECT_EQ(p.parse("2026/11/21 08:15:02")->utc_seconds, 1795162502 + 86400);
  EXPECT_EQ(p.parse("2026-11-20T08:15:02Z")->utc_seconds, 1795162502);
  TimestampParser berlin(60);
  EXPECT_EQ(berlin.parse("2026-11-20 09:15:02")->utc_seconds, 1795162502);
  EXPECT_EQ(berlin.parse("2026-11-20 09:15:02Z")->utc_seconds, 1795162502 + 3600);
}

// The parser keeps the last date it read, with what reading it proved, and reads the stamps that
// begin with it from their time on: every stamp must read as a parser that never saw another reads
// it, and what the file's values prove must be the same.
TEST(Timestamp, TheKeptDateReadsAsAFreshParserDoes) {
  const std::vector<std::string> stamps = {
      "11/20/2026 08:15:02", "11/20/2026 8:15:02 AM", "11/20/2026 11:59:58 PM", "11/20/2026 12:00:00 AM", "11/20/2026 12:30:00 PM",
      "11/20/2026 13:00:00 PM", "11/20/2026 0:30:00 AM", "11/20/2026 8:15:02 am", "11/20/2026 8:15:02 pM",
      "11/20/2026 08:15:02", "11/20/2026T08:15:02Z", "11/20/20261 08:00:00", "11/20/2026 8:15:02 AM+01:00",
      "11/20/2026 8:15:02 AMX", "11/20/2026 8:5:02 AM", "11/20/2026 8:15 AM", "11/20/2026", "11/20/2026 ",
      "11/20/2026 8:15:60 PM", "11/20/2026 8:15:61 PM", "11/20/2026 8:60:00 PM", "11/20/2026 x8:15:02 AM",
      "20/11/2026 8:00:00 AM", "1/5/2026 9:03:07 AM", "1/5/2026 9:03:07 PM", "1/5/2026 19:03:07", "1/5/2026 09:03:07 PM",
      "20.11.2026 08:15:02", "20.11.2026 08:15:03", "1.5.2026 08:00:00", "1.5.2026 8:00:01 PM", "20.11.2026X08:00:00",
      "31.02.2026 08:00:00", "2026-11-20T08:15:02Z", "2026-1-5 08:00:00", "2026-1-5 8:00:01 AM", "2026-1-51 08:00:00",
      "2026-1-1 08:00:00", "2026-1-12 08:00:00",
      "2026/11/20 08:15:02", "04/05/2026 08:00:00", "04/05/2026 08:00:01", "31/02/2026 08:00:00",
      "13/13/2026 08:00:00", "02/31/2026 08:00:00", "11-20-2026 08:00:00", "1795162502", "garbage"};
  std::vector<std::string> each_twice;
  for (const auto& s : stamps) each_twice.insert(each_twice.end(), {s, s});
  // AM/PM after a date whose order needs no proof says nothing of a slash date's order.
  const std::vector<std::string> no_slash_date = {"2026-1-5 08:00:00", "2026-1-5 8:00:01 AM", "20.11.2026 08:15:02",
                                                  "20.11.2026 8:15:03 PM", "04/05/2026 08:00:00"};
  for (const auto& sequence : {stamps, each_twice, no_slash_date}) {
    TimestampParser kept, reference;
    for (const auto& s : sequence) {
      SCOPED_TRACE(s);
      TimestampParser fresh;
      const auto expected = fresh.parse(s);
      reference.take_over(fresh);
      const auto got = kept.parse(s);
      ASSERT_EQ(got.has_value(), expected.has_value());
      if (!got) continue;
      EXPECT_EQ(got->resolved, expected->resolved);
      EXPECT_EQ(got->utc_seconds, expected->utc_seconds);
      EXPECT_EQ(got->year, expected->year);
      EXPECT_EQ(got->first, expected->first);
      EXPECT_EQ(got->second, expected->second);
      EXPECT_EQ(kept.proven_order(), reference.proven_order());
      EXPECT_EQ(kept.fallback_order(), reference.fallback_order());
      EXPECT_EQ(kept.saw_ambiguous(), reference.saw_ambiguous());
      EXPECT_EQ(kept.saw_conflict(), reference.saw_conflict());
    }
  }
}

// "HH:MM:SS" and "HH:MM:SSZ" are read at fixed places; the limits are those of every other stamp.
TEST(Timestamp, PlainTimesAtTheirLimits) {
  TimestampParser p;
  const int64_t day = 1795162502 - (8 * 3600 + 15 * 60 + 2);
  EXPECT_EQ(p.parse("2026-11-20T00:00:00Z")->utc_seconds, day);
  EXPECT_EQ(p.parse("2026-11-20T23:59:59Z")->utc_seconds, day + 86399);
  EXPECT_EQ(p.parse("2026-11-20T23:59:60Z")->utc_seconds, day + 86400);  // a leap second
  EXPECT_EQ(p.parse("2026-11-20T23:59:59z")->utc_seconds, day + 86399);
  for (const char* bad : {"2026-11-20T24:00:00Z", "2026-11-20T23:60:00Z", "2026-11-20T23:59:61Z",
                          "2026-11-20T23:59:5xZ", "2026-11-20T23-59-59Z", "2026-11-20T23:59:59ZZ", "2026-11-20T23:59:59X"})
    EXPECT_FALSE(p.parse(bad).has_value()) << bad;
  TimestampParser berlin(60);  // no zone: the parser's offset
  EXPECT_EQ(berlin.parse("2026-11-20T01:00:00")->utc_seconds, day);
  EXPECT_EQ(berlin.parse("2026-11-20T01:00:00Z")->utc_seconds, day + 3600);
}

TEST(Timestamp, CultureFormatsOfPowerShell) {
  TimestampParser p;
  EXPECT_EQ(day_text(p, "20.11.2026 08:15:02"), "2026-11-20");
  const auto us = p.parse("11/20/2026 8:15:02 AM");
  ASSERT_TRUE(us);
  EXPECT_FALSE(us->resolved);
  EXPECT_EQ(p.proven_order(), DateOrder::MonthFirst);
  EXPECT_EQ(format_day(*us->day(p.proven_order())), "2026-11-20");
  EXPECT_EQ(p.parse("11/20/2026 8:15:02 PM")->utc_seconds, 20 * 3600 + 15 * 60 + 2);
  EXPECT_EQ(p.parse("11/20/2026 12:05:00 AM")->utc_seconds, 5 * 60);
}

TEST(Timestamp, DayMonthOrderIsDecidedByTheFilesValues) {
  TimestampParser gb;
  gb.parse("04/05/2026 08:00:00");
  EXPECT_EQ(gb.proven_order(), DateOrder::Unknown);
  EXPECT_TRUE(gb.saw_ambiguous());
  EXPECT_EQ(gb.fallback_order(), DateOrder::DayFirst);  // 24-hour times: en-GB
  gb.parse("20/11/2026 08:15:02");
  EXPECT_EQ(gb.proven_order(), DateOrder::DayFirst);

  TimestampParser us;
  us.parse("04/05/2026 8:00:00 AM");
  EXPECT_EQ(us.fallback_order(), DateOrder::MonthFirst);  // AM/PM: en-US
  us.parse("11/20/2026 8:00:00 AM");
  us.parse("20/11/2026 8:00:00 AM");
  EXPECT_TRUE(us.saw_conflict());
}

TEST(Timestamp, UtcOffsetAppliesToZonelessTimesOnly) {
  TimestampParser p(+120);
  EXPECT_EQ(p.parse("2026-11-20 01:00:00")->utc_seconds, 1795132800 - 3600);
  EXPECT_EQ(p.parse("2026-11-20T01:00:00Z")->utc_seconds, 1795132800 + 3600);
  EXPECT_EQ(day_text(p, "20.11.2026 01:00:00"), "2026-11-19");
}

TEST(Timestamp, ExtremeAndInvalidDates) {
  TimestampParser p;
  EXPECT_EQ(format_day(day_of(p.parse("9999-12-31T23:59:59Z")->utc_seconds)), "9999-12-31");
  EXPECT_EQ(format_day(day_of(p.parse("1969-12-31T23:59:59Z")->utc_seconds)), "1969-12-31");
  EXPECT_EQ(format_day(day_of(p.parse("1601-01-01T00:00:00Z")->utc_seconds)), "1601-01-01");
  for (const char* bad : {"", "2026-13-01", "2026-02-30T00:00:00", "31/31/2026 08:00:00", "2026-11-20T25:00:00",
                          "yesterday", "2026-11-20T08:15:02+99:00", "11/20/2026 13:00:00 PM", "20.11.26"})
    EXPECT_FALSE(p.parse(bad).has_value()) << bad;
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
// Days as the aggregate JSON writes them, four-digit years padded, and read back.
TEST(Timestamp, DaysOfManyStampsInTurnAsOneByOne) {
  // A run of stamps dated once per distinct date: a change of date, of order, of year or a date
  // that is valid in one order only must each be dated afresh.
  TimestampParser p;
  const char* stamps[] = {"04/05/2026 23:30:00", "04/05/2026 01:00:00", "04/05/2025 01:00:00", "04/06/2026 08:00:00",
                          "02/30/2026 08:00:00", "30/02/2026 08:00:00", "30/02/2026 09:00:00", "2026-11-20T08:15:02Z",
                          "04/06/2026 08:00:00"};
  StampDays days;
  for (const DateOrder order : {DateOrder::MonthFirst, DateOrder::DayFirst})
    for (const char* text : stamps) {
      const Timestamp t = *p.parse(text);
      EXPECT_EQ(days(t, order), t.day(order)) << text;
    }
  for (const char* text : stamps)  // the order changes from stamp to stamp of one date
    for (const DateOrder order : {DateOrder::MonthFirst, DateOrder::DayFirst, DateOrder::MonthFirst}) {
      const Timestamp t = *p.parse(text);
      EXPECT_EQ(days(t, order), t.day(order)) << text;
    }
  TimestampParser plus_two(120);  // times shifted across midnight move the day, not the date's memo
  const Timestamp late = *plus_two.parse("04/05/2026 01:00:00"), early = *plus_two.parse("04/05/2026 03:00:00");
  EXPECT_EQ(days(late, DateOrder::DayFirst), *days(early, DateOrder::DayFirst) - 1);
}

TEST(Day, FormattedAndReadBack) {
  for (const CivilDate date : {CivilDate{2026, 11, 24}, CivilDate{1970, 1, 1}, CivilDate{2000, 2, 29},
                               CivilDate{1, 1, 9}, CivilDate{9999, 12, 31}}) {
    const Day day = day_from_civil(date);
    const std::string text = format_day(day);
    ASSERT_EQ(text.size(), 10u) << text;
    EXPECT_EQ(parse_day(text), day) << text;
  }
  EXPECT_EQ(format_day(day_from_civil({2026, 11, 24})), "2026-11-24");
  EXPECT_EQ(format_day(day_from_civil({7, 3, 5})), "0007-03-05");
  EXPECT_EQ(format_day(day_from_civil({10000, 1, 1})), "10000-01-01");
}
}  // namespace mailflow
