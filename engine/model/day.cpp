#include "model/day.h"

#include <cstdio>

#include "util/text.h"

namespace mailflow {

// Howard Hinnant's days_from_civil / civil_from_days algorithms (public domain description of the
// proleptic Gregorian calendar arithmetic), written out here.
Day day_from_civil(CivilDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (date.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + date.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_day(Day day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

bool is_valid_civil(CivilDate date) {
  if (date.year < 1 || date.year > 9999 || date.month < 1 || date.month > 12 || date.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int max = date.month == 2 && leap ? 29 : kDays[date.month - 1];
  return date.day <= max;
}

std::string format_day(Day day) {
  const CivilDate c = civil_from_day(day);
  if (c.year < 0 || c.year > 9999) {
    char buffer[40];  // room for any int in each field: GCC checks it (-Wformat-truncation)
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buffer;
  }
  // Digit by digit: the aggregate JSON writes a day for every partner cell (snprintf was most of it).
  std::string text = "0000-00-00";
  for (int i = 3, year = c.year; i >= 0; --i, year /= 10) text[i] = static_cast<char>('0' + year % 10);
  text[5] = static_cast<char>('0' + c.month / 10), text[6] = static_cast<char>('0' + c.month % 10);
  text[8] = static_cast<char>('0' + c.day / 10), text[9] = static_cast<char>('0' + c.day % 10);
  return text;
}

std::optional<Day> parse_day(std::string_view text) {
  text = trim(text);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len) -> int {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!is_digit(text[i])) return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const CivilDate date{number(0, 4), number(5, 2), number(8, 2)};
  if (!is_valid_civil(date)) return std::nullopt;
  return day_from_civil(date);
}

}  // namespace mailflow
