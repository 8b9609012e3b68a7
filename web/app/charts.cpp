// Stacked bar charts and sortable tables, drawn with ImDrawList and the Tables API of ImGui 1.86.
#include "app/charts.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "app/app.h"
#include "app/layout.h"
#include "app/theme.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "report/number_format.h"

namespace mfapp {
namespace {

// A text column is at most this wide (in font heights); longer texts are shortened.
constexpr float kMaxTextColumnEm = 22.0f;
// Column widths are measured over this many rows when the table's content changes, and grow
// when a row drawn later (scrolled to, sorted up) needs more: measuring 100 000 partner rows
// every frame would cost more than the frame.
constexpr size_t kMeasuredRows = 500;

struct ColumnWidths {
  uint64_t signature = 0;
  std::vector<float> width;
  void fit(int column, float w) { width[column] = std::max(width[column], w); }
};

// The widths of `table`'s columns: every header (with room for the sort arrow) and the cells of
// its first rows, texts capped at `max_text`. Kept per table until its rows, the data, the
// language or the font size change.
ColumnWidths& column_widths(ImGuiID id, const Table& table, float max_text) {
  static std::unordered_map<ImGuiID, ColumnWidths> all;
  const AppState& s = state();
  uint64_t signature = std::hash<std::string>{}(table.headers.empty() ? std::string() : table.headers.back());
  for (uint64_t part : {static_cast<uint64_t>(table.rows.size()), s.data_version, static_cast<uint64_t>(s.lang),
                        static_cast<uint64_t>(ImGui::GetFontSize() * 16)})
    signature = signature * 1000003u ^ part;
  ColumnWidths& w = all[id];
  if (w.signature == signature && w.width.size() == table.headers.size()) return w;
  w.signature = signature;
  w.width.assign(table.headers.size(), 0.0f);
  const float arrow = ImGui::GetFontSize();
  const float frame = 2 * ImGui::GetStyle().FramePadding.x;
  for (size_t c = 0; c < table.headers.size(); ++c) w.width[c] = ImGui::CalcTextSize(table.headers[c].c_str()).x + arrow;
  std::string made;
  for (size_t r = 0; r < table.rows.size() && r < kMeasuredRows; ++r) {
    for (size_t c = 0; c < table.rows[r].size() && c < w.width.size(); ++c) {
      const TableCell& cell = table.rows[r][c];
      float tw = ImGui::CalcTextSize(shown_text(cell, made).c_str()).x;
      if (cell.button) tw += frame;
      else if (!cell.numeric) tw = std::min(tw, max_text);
      w.fit(static_cast<int>(c), tw);
    }
  }
  return w;
}

// A "nice" axis maximum and step (1, 2, 2.5, 5 x 10^n) for about `ticks` gridlines.
void nice_axis(double max_value, int ticks, double& axis_max, double& step) {
  if (max_value <= 0) max_value = 1;
  double raw = max_value / ticks;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double norm = raw / mag;
  double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  step = nice * mag;
  if (step < 1) step = 1;  // message counts are integers
  axis_max = std::ceil(max_value / step) * step;
}

std::string axis_label(double v, bool percent) {
  if (percent) return fmt_percent(v, 0);
  char buf[32];
  if (v >= 1e6) return mailflow::format_decimal(v / 1e6, 1, ui_language()) + "M";
  else if (v >= 1e4) std::snprintf(buf, sizeof buf, "%.0fk", v / 1e3);
  else return fmt_count(static_cast<uint64_t>(v));
  return buf;
}

}  // namespace

int draw_stacked_bars(const char* id, const StackedBars& chart, float height) {
  const float s = state().scale;
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_h = ImGui::GetTextLineHeight();

  // Legend first (one row, wrapping).
  float lx = origin.x;
  float ly = origin.y;
  for (const auto& series : chart.series) {
    float w = ImGui::CalcTextSize(series.label.c_str()).x + 22 * s;
    if (lx + w > origin.x + width && lx > origin.x) {
      lx = origin.x;
      ly += line_h + 4 * s;
    }
    dl->AddRectFilled(ImVec2(lx, ly + line_h * 0.2f), ImVec2(lx + 10 * s, ly + line_h * 0.8f), series.color, 2 * s);
    dl->AddText(ImVec2(lx + 14 * s, ly), ImGui::GetColorU32(ImGuiCol_Text), series.label.c_str());
    lx += w;
  }
  const float legend_h = ly + line_h + 8 * s - origin.y;

  // Plot area.
  double max_total = 0;
  for (const auto& column : chart.values) {
    double t = 0;
    for (double v : column) t += v;
    max_total = std::max(max_total, t);
  }
  double axis_max, step;
  if (chart.percent) {
    axis_max = 1.0;
    step = 0.25;
  } else {
    nice_axis(max_total, 4, axis_max, step);
  }
  const float y_label_w = ImGui::CalcTextSize(axis_label(axis_max, chart.percent).c_str()).x + 8 * s;
  const ImVec2 p0(origin.x + y_label_w, origin.y + legend_h);
  const ImVec2 p1(origin.x + width - 4 * s, origin.y + height - line_h - 6 * s);
  const ImU32 grid = ImGui::GetColorU32(ImGuiCol_Border);
  const ImU32 text = muted_text_color();
  for (double v = 0; v <= axis_max + step * 0.5; v += step) {
    float y = p1.y - static_cast<float>(v / axis_max) * (p1.y - p0.y);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), grid, v == 0 ? 1.5f * s : 1.0f);
    std::string label = axis_label(v, chart.percent);
    dl->AddText(ImVec2(p0.x - ImGui::CalcTextSize(label.c_str()).x - 6 * s, y - line_h * 0.5f), text, label.c_str());
  }

  const int n = static_cast<int>(chart.values.size());
  int hovered = -1;
  if (n > 0) {
    const float slot = (p1.x - p0.x) / static_cast<float>(n);
    const float bar_w = std::max(2.0f, std::min(slot * 0.7f, 48.0f * s));
    const float label_w = ImGui::CalcTextSize("00-00").x + 8 * s;
    const int label_every = std::max(1, static_cast<int>(std::ceil(label_w / slot)));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    for (int i = 0; i < n; ++i) {
      const float cx = p0.x + slot * (static_cast<float>(i) + 0.5f);
      if (window_hovered && mouse.x >= cx - slot / 2 && mouse.x < cx + slot / 2 && mouse.y >= p0.y && mouse.y <= p1.y)
        hovered = i;
      if (hovered == i) dl->AddRectFilled(ImVec2(cx - slot / 2, p0.y), ImVec2(cx + slot / 2, p1.y), ImGui::GetColorU32(ImGuiCol_FrameBgHovered));
      double acc = 0;
      for (size_t k = 0; k < chart.series.size() && k < chart.values[i].size(); ++k) {
        double v = chart.values[i][k];
        if (v <= 0) continue;
        float y_lo = p1.y - static_cast<float>(acc / axis_max) * (p1.y - p0.y);
        acc += v;
        float y_hi = p1.y - static_cast<float>(acc / axis_max) * (p1.y - p0.y);
        if (y_lo - y_hi < 1) y_hi = y_lo - 1;  // a tiny share stays visible
        dl->AddRectFilled(ImVec2(cx - bar_w / 2, y_hi), ImVec2(cx + bar_w / 2, y_lo), chart.series[k].color);
      }
      if (i % label_every == 0 && i < static_cast<int>(chart.x_labels.size())) {
        const char* l = chart.x_labels[i].c_str();
        dl->AddText(ImVec2(cx - ImGui::CalcTextSize(l).x / 2, p1.y + 4 * s), text, l);
      }
    }
  }
  ImGui::Dummy(ImVec2(width, height));
  (void)style;

  if (hovered >= 0 && state().pending_export.empty()) {  // an exported chart shows no tooltip
    ImGui::BeginTooltip();
    const std::string& title = hovered < static_cast<int>(chart.x_titles.size()) ? chart.x_titles[hovered] : chart.x_labels[hovered];
    ImGui::TextUnformatted(title.c_str());
    ImGui::Separator();
    double total = 0, base = 0;
    for (size_t k = 0; k < chart.values[hovered].size(); ++k) {
      total += chart.values[hovered][k];
      if (k < chart.series.size() && chart.series[k].in_share_base) base += chart.values[hovered][k];
    }
    if (ImGui::BeginTable("tip", 3, ImGuiTableFlags_SizingFixedFit)) {
      for (int k = static_cast<int>(chart.series.size()) - 1; k >= 0; --k) {
        double v = chart.values[hovered][k];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(chart.series[k].color),
                           ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoBorder,
                           ImVec2(line_h * 0.7f, line_h * 0.7f));
        ImGui::SameLine();
        ImGui::TextUnformatted(chart.series[k].label.c_str());
        ImGui::TableNextColumn();
        if (chart.percent) ImGui::TextUnformatted(fmt_percent(v).c_str());
        else ImGui::TextUnformatted(fmt_count(static_cast<uint64_t>(v)).c_str());
        ImGui::TableNextColumn();
        if (!chart.percent && base > 0 && chart.series[k].in_share_base)
          ImGui::TextDisabled("%s", fmt_percent(v / base).c_str());
      }
      if (!chart.percent) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr("Total"));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(fmt_count(static_cast<uint64_t>(total)).c_str());
      }
      ImGui::EndTable();
    }
    if (hovered < static_cast<int>(chart.notes.size()) && !chart.notes[hovered].empty())
      ImGui::TextDisabled("%s", chart.notes[hovered].c_str());
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return hovered;
}

std::string table_to_tsv(const Table& table, const std::vector<int>& order) {
  auto clean = [](const std::string& s) {
    std::string out;
    for (char c : s) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
    return out;
  };
  std::string out;
  for (size_t c = 0; c < table.headers.size(); ++c) out += (c ? "\t" : "") + clean(table.headers[c]);
  out += "\n";
  for (int r : order) {
    const auto& row = table.rows[r];
    for (size_t c = 0; c < row.size(); ++c) {
      // Numbers go out raw (no thousands separators) so a spreadsheet reads them as numbers.
      std::string v = row[c].shown_as == TableCell::Number::Day ? mailflow::format_day(static_cast<mailflow::Day>(row[c].sort))
                      : row[c].numeric ? [&] {
        char buf[32];
        double x = row[c].sort;
        if (x == std::floor(x)) std::snprintf(buf, sizeof buf, "%.0f", x);
        else std::snprintf(buf, sizeof buf, "%.4f", x);
        return std::string(buf);
      }() : clean(row[c].text);
      out += (c ? "\t" : "") + v;
    }
    out += "\n";
  }
  return out;
}

const std::string& shown_text(const TableCell& cell, std::string& made) {
  switch (cell.shown_as) {
    case TableCell::Number::AsText: return cell.text;
    case TableCell::Number::Count: return made = fmt_count(static_cast<uint64_t>(cell.sort));
    case TableCell::Number::Bytes: return made = fmt_bytes(cell.sort);
    case TableCell::Number::Day: return made = fmt_day(static_cast<mailflow::Day>(cell.sort));
  }
  return cell.text;
}

uint64_t next_table_version() {
  static uint64_t last = 0;
  return ++last;
}

TableClick draw_table(const char* id, const Table& table, float height) {
  TableClick click;
  ImGui::PushID(id);
  const int columns = static_cast<int>(table.headers.size());
  auto rows_in_order = [&] {
    std::vector<int> order(table.rows.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
    return order;
  };

  // Columns are as wide as their content (column_widths; fixed, not resizable), so no text is cut
  // by a column; a text column never grows past kMaxTextColumnEm, its longer names (connector
  // GUIDs) are shortened with the whole name on hover. A table wider than its panel scrolls.
  ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_RowBg |
                          ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                          ImGuiTableFlags_SizingFixedFit;
  // The Copy button sits above the table; it copies the rows in the order shown (sorted below,
  // so remember the order of the last frame, and with it what it was sorted from).
  struct Sorted {
    std::vector<int> order;
    uint64_t version = 0;
    std::vector<std::pair<int, int>> specs;  // column, direction
  };
  static std::unordered_map<ImGuiID, Sorted> last_order;
  Sorted& sorted = last_order[ImGui::GetID("table")];
  if (ImGui::SmallButton(tr("Copy"))) {
    mfplat::copy_to_clipboard(table_to_tsv(table, sorted.order.size() == table.rows.size() ? sorted.order : rows_in_order()));
    ImGui::OpenPopup("copied");
  }
  record_control(state(), (std::string("copy:") + id).c_str());
  if (ImGui::BeginPopup("copied")) {
    ImGui::TextUnformatted(tr("Copied"));
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("%s %s", fmt_count(table.rows.size()).c_str(), tr("Records"));

  // A table per language: ImGui keeps a table's sort and widths by id, and German headers are longer.
  const char* table_id = state().lang == Lang::De ? "table-de" : "table";
  const float max_text = kMaxTextColumnEm * ImGui::GetFontSize();
  ColumnWidths& widths = column_widths(ImGui::GetID(table_id), table, max_text);
  // As wide as its columns need (the full width on its first frame) and as tall as its rows, at
  // most `height`; room for a horizontal scrollbar only when it scrolls.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float avail_w = ImGui::GetContentRegionAvail().x;
  const float row_h = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y;
  const float rows_h = row_h * (static_cast<float>(table.rows.size()) + 1) + 2;
  float w = 0;  // 0: the full width
  bool scrolls_x = false;
  if (const ImGuiTable* last = ImGui::TableFindByID(ImGui::GetID(table_id))) {
    const float needed = last->ColumnsAutoFitWidth + (rows_h > height ? style.ScrollbarSize : 0) + 2;
    scrolls_x = needed > avail_w;
    if (!scrolls_x) w = needed;
  }
  const float h = std::min(height, rows_h + (scrolls_x ? style.ScrollbarSize : 0));
  if (columns > 0 && ImGui::BeginTable(table_id, columns, flags, ImVec2(w, h))) {
    ImGui::TableSetupScrollFreeze(1, 1);
    for (int c = 0; c < columns; ++c) {
      ImGuiTableColumnFlags cf = ImGuiTableColumnFlags_WidthFixed;
      if (!table.rows.empty() && table.rows[0][c].numeric) cf |= ImGuiTableColumnFlags_PreferSortDescending;
      ImGui::TableSetupColumn(table.headers[c].c_str(), cf, widths.width[c]);
    }
    ImGui::TableHeadersRow();
    for (int c = 0; c < columns; ++c)
      layout_check_text(id, table.headers[c], ImGui::CalcTextSize(table.headers[c].c_str()).x,
                        ImGui::GetCurrentTable()->Columns[c].WidthGiven);
    std::vector<std::pair<int, int>> spec_list;
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    for (int k = 0; specs && k < specs->SpecsCount; ++k)
      spec_list.emplace_back(specs->Specs[k].ColumnIndex, static_cast<int>(specs->Specs[k].SortDirection));
    if (table.version == 0 || sorted.version != table.version || sorted.specs != spec_list ||
        sorted.order.size() != table.rows.size()) {
      std::vector<int> order = rows_in_order();
      if (!spec_list.empty()) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
          for (int k = 0; k < specs->SpecsCount; ++k) {
            const ImGuiTableColumnSortSpecs& sc = specs->Specs[k];
            const TableCell& ca = table.rows[a][sc.ColumnIndex];
            const TableCell& cb = table.rows[b][sc.ColumnIndex];
            int cmp = ca.numeric ? (ca.sort < cb.sort ? -1 : ca.sort > cb.sort ? 1 : 0) : ca.text.compare(cb.text);
            if (cmp != 0) return sc.SortDirection == ImGuiSortDirection_Ascending ? cmp < 0 : cmp > 0;
          }
          return false;
        });
      }
      sorted = {std::move(order), table.version, std::move(spec_list)};
    }
    if (specs) specs->SpecsDirty = false;
    const std::vector<int>& order = sorted.order;
    std::string made;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(order.size()));
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const int r = order[i];
        ImGui::TableNextRow();
        for (int c = 0; c < columns && c < static_cast<int>(table.rows[r].size()); ++c) {
          ImGui::TableSetColumnIndex(c);
          const TableCell& cell = table.rows[r][c];
          const float avail = ImGui::GetContentRegionAvail().x;
          if (cell.button) {
            if (cell.text.empty()) continue;
            ImGui::PushID(r * 64 + c);
            if (cell.color) ImGui::PushStyleColor(ImGuiCol_Text, cell.color);
            if (ImGui::SmallButton(cell.text.c_str())) {
              click.row = r;
              click.column = c;
            }
            if (cell.color) ImGui::PopStyleColor();
            widths.fit(c, ImGui::GetItemRectSize().x);
            layout_check_text(id, cell.text, ImGui::GetItemRectSize().x, avail);
            if (!cell.control.empty()) record_control(state(), cell.control.c_str());
            if (!cell.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", cell.tooltip.c_str());
            ImGui::PopID();
            continue;
          }
          const std::string& text = shown_text(cell, made);
          const float text_w = ImGui::CalcTextSize(text.c_str()).x;
          if (cell.numeric && avail > text_w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - text_w);  // right-aligned
          if (cell.color) ImGui::PushStyleColor(ImGuiCol_Text, cell.color);
          if (!cell.numeric && text_w > max_text) {
            text_in_width(text, max_text);
          } else {
            ImGui::TextUnformatted(text.c_str());
            widths.fit(c, text_w);
            layout_check_text(id, text, text_w, avail);
          }
          if (cell.color) ImGui::PopStyleColor();
          if (!cell.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", cell.tooltip.c_str());
        }
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
  return click;
}

}  // namespace mfapp
