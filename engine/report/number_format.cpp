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

std::string format_count(uint64_t count) {
  std::string digits = std::to_string(count);
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

}  // namespace mailflow
