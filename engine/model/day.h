// Calendar days as a count of days since 1970-01-01 (UTC), and conversions to and from civil dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailflow {

using Day = int32_t;

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Day day_from_civil(CivilDate date);
CivilDate civil_from_day(Day day);
bool is_valid_civil(CivilDate date);

std::string format_day(Day day);                        // "YYYY-MM-DD"
std::optional<Day> parse_day(std::string_view text);    // "YYYY-MM-DD" only

inline constexpr int64_t kSecondsPerDay = 86400;
constexpr Day day_of(int64_t unix_seconds) {
  return static_cast<Day>(unix_seconds >= 0 ? unix_seconds / kSecondsPerDay
                                            : (unix_seconds - kSecondsPerDay + 1) / kSecondsPerDay);
}

}  // namespace mailflow
