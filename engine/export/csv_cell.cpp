#include "export/csv_cell.h"

namespace mailflow {

namespace {

bool starts_like_formula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

}  // namespace

void append_csv_cell(std::string& out, std::string_view text, char delimiter) {
  const bool quote = text.find_first_of(std::string_view("\"\r\n")) != std::string_view::npos ||
                     text.find(delimiter) != std::string_view::npos;
  if (quote) out.push_back('"');
  if (starts_like_formula(text)) out.push_back('\'');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
}

std::string csv_cell(std::string_view text, char delimiter) {
  std::string out;
  append_csv_cell(out, text, delimiter);
  return out;
}

}  // namespace mailflow
