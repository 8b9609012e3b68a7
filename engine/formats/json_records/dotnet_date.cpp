#include "formats/json_records/dotnet_date.h"

#include <cstdio>

#include "model/day.h"
#include "util/text.h"

namespace mailflow {

bool dotnet_date_to_iso(std::string_view text, std::string& iso) {
  text = trim(text);
  if (!text.starts_with("/Date(") || !text.ends_with(")/")) return false;
  std::string_view inside = text.substr(6, text.size() - 8);
  // The writer's offset ("+0100") follows the milliseconds; the milliseconds are UTC already.
  const size_t offset = inside.find_first_of("+-", 1);
  if (offset != std::string_view::npos) inside = inside.substr(0, offset);
  const bool negative = !inside.empty() && inside.front() == '-';
  const auto digits = parse_u64(negative ? inside.substr(1) : inside);
  // Beyond ±10^15 ms (year ±33000) the value is garbage, not a date.
  if (!digits || *digits > 1'000'000'000'000'000ull) return false;
  const int64_t ms = negative ? -static_cast<int64_t>(*digits) : static_cast<int64_t>(*digits);
  const int64_t seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  const Day day = day_of(seconds);
  const int64_t of_day = seconds - int64_t{day} * kSecondsPerDay;
  const CivilDate date = civil_from_day(day);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day,
                static_cast<int>(of_day / 3600), static_cast<int>(of_day / 60 % 60), static_cast<int>(of_day % 60));
  iso = buffer;
  return true;
}

}  // namespace mailflow
