// Charts and tables drawn with Dear ImGui: stacked bars per day (axes, legend, hover tooltip with
// the exact numbers) and sortable tables with a "Copy" button.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace mfapp {

struct ChartSeries {
  std::string label;
  ImU32 color;
  // Shares are taken over the messages with TLS data everywhere (tables, tooltips, exports): a
  // series outside that base ("No TLS data", "cannot tell") shows its count without a share.
  bool in_share_base = true;
};

struct StackedBars {
  std::vector<std::string> x_labels;    // short labels under the bars
  std::vector<std::string> x_titles;    // full titles for the tooltip
  std::vector<ChartSeries> series;      // bottom to top
  std::vector<std::vector<double>> values;  // [x][series]
  bool percent = false;                 // values are shares 0..1, the y axis goes to 100 %
  std::vector<std::string> notes;       // one extra tooltip line per x (may be empty)
};

// Returns the hovered bar or -1.
int draw_stacked_bars(const char* id, const StackedBars& chart, float height);

struct TableCell {
  std::string text;
  double sort = 0;       // numeric key; text columns sort by text
  bool numeric = false;
  bool button = false;   // drawn as a small button; draw_table returns it when clicked
  ImU32 color = 0;       // 0: default text colour
  std::string tooltip;   // shown while the cell is hovered (a shortened name in full, a list)
  std::string control;   // a button's id in view().controls (for the tests), when set
  // A number may leave `text` empty and say how `sort` is shown: its text is then made only while
  // the cell is on screen (a table of 100,000 partners formats the rows shown, not every row).
  enum class Number : uint8_t { AsText, Count, Bytes, Day };
  Number shown_as = Number::AsText;
  static TableCell number(double value, Number shown) { return {.sort = value, .numeric = true, .shown_as = shown}; }
};
// The text `cell` shows: its own, or made from its number into `made`.
const std::string& shown_text(const TableCell& cell, std::string& made);

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<TableCell>> rows;
  // A table kept between frames (the Partners page's 100,000 rows) gets a fresh number from
  // next_table_version() whenever it is rebuilt: draw_table then sorts it only when it or its
  // sort changes, not in every frame. 0: made anew each frame, sorted each frame.
  uint64_t version = 0;
};
uint64_t next_table_version();

struct TableClick {
  int row = -1;  // index into Table::rows (not the sorted position)
  int column = -1;
};

// Sortable by any column (click a header), scrollable, with a "Copy" button above it that puts
// the table (in the order shown) on the clipboard as tab-separated text.
TableClick draw_table(const char* id, const Table& table, float height);
std::string table_to_tsv(const Table& table, const std::vector<int>& order);

}  // namespace mfapp
