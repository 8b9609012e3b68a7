// Plain-text tables for a terminal: columns padded to their widest cell, numbers right-aligned.
// Cells hold text from the input files (connector and host names), so every cell is made
// printable first: a log line cannot move the cursor or recolour the terminal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailflow {

// `text` with control characters (C0, DEL, C1) and bytes that are not UTF-8 replaced by '?'.
std::string printable(std::string_view text);
// Width in terminal cells of printable UTF-8 text, counting one cell per code point.
size_t display_width(std::string_view text);

class TextTable {
 public:
  enum class Align { Left, Right };
  struct Column {
    std::string title;
    Align align = Align::Right;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // Missing cells are left blank; extra cells are dropped.
  void add_row(std::vector<std::string> cells);
  size_t row_count() const { return rows_.size(); }

  // The title line, a dashed line, then the rows; each line starts with `indent` and ends with
  // '\n'. Columns are two spaces apart; trailing spaces are trimmed.
  std::string render(std::string_view indent = "") const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace mailflow
