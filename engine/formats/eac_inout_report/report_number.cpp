#include "formats/eac_inout_report/report_number.h"

#include <string>

#include "util/text.h"

namespace mailflow {

std::optional<ReportNumber> parse_report_number(std::string_view text) {
  ReportNumber out;
  // Keep digits and separators; drop blanks, non-breaking spaces (UTF-8 C2 A0, E2 80 AF) and '%'.
  std::string kept;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c) || c == '.' || c == ',') {
      kept.push_back(c);
    } else if (c == '%') {
      out.percent = true;
    } else if (is_space(c) || c == '\'') {
      continue;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      ++i;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  if (kept.empty()) return out;  // an empty cell: nothing counted

  const size_t last_dot = kept.rfind('.'), last_comma = kept.rfind(',');
  char decimal = 0;
  if (last_dot != std::string::npos && last_comma != std::string::npos) {
    decimal = last_dot > last_comma ? '.' : ',';
  } else if (last_dot != std::string::npos || last_comma != std::string::npos) {
    const char sep = last_dot != std::string::npos ? '.' : ',';
    const size_t first = kept.find(sep), last = kept.rfind(sep);
    const bool grouping = first != last || (!out.percent && kept.size() - last - 1 == 3);
    decimal = grouping ? 0 : sep;
  }
  std::string number;
  for (char c : kept) {
    if (is_digit(c)) number.push_back(c);
    else if (c == decimal) number.push_back('.');
  }
  auto value = parse_decimal(number);
  if (!value) return std::nullopt;
  out.value = *value;
  return out;
}

}  // namespace mailflow
