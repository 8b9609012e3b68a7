#include "report/number_format.h"

#include <algorithm>
#include <cstdio>

namespace mailflow {

std::string format_percent(std::optional<double> share, int decimals) {
  if (!share) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f%%", std::clamp(decimals, 0, 6), *share * 100.0);
  return buffer;
}

std::string format_threshold(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", share * 100.0);
  std::string text = buffer;
  // "25.0000" -> "25", "12.5000" -> "12.5"
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text + "%";
}

std::string format_count(uint64_t count) { return format_count(count, Language::En); }

namespace {

char thousands_separator(Language language) { return language == Language::De ? '.' : ','; }

// English decimals written with the decimal separator of `language`.
std::string with_decimal_separator(std::string text, Language language) {
  if (language == Language::De)
    for (char& c : text)
      if (c == '.') c = ',';
  return text;
}

}  // namespace

std::string format_count(uint64_t count, Language language) {
  std::string digits = std::to_string(count);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(thousands_separator(language));
    grouped.push_back(digits[i]);
  }
  return grouped;
}

std::string format_percent(std::optional<double> share, int decimals, Language language) {
  if (language == Language::En) return format_percent(share, decimals);
  if (!share) return "-";
  return format_decimal(*share * 100.0, decimals, language) + " %";
}

std::string format_threshold(double share, Language language) {
  std::string text = format_threshold(share);
  if (language == Language::En) return text;
  text.pop_back();  // the "%"
  return with_decimal_separator(std::move(text), language) + " %";
}

std::string format_decimal(double value, int decimals, Language language) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 6), value);
  return with_decimal_separator(buffer, language);
}

std::string format_day(Day day, Language language) {
  if (language == Language::En) return format_day(day);
  const CivilDate c = civil_from_day(day);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%02d.%02d.%04d", c.day, c.month, c.year);
  return buffer;
}

std::string format_plural(uint64_t count, std::string_view one, std::string_view many, Language language) {
  return format_count(count, language) + " " + std::string(count == 1 ? one : many);
}

}  // namespace mailflow
