// The progress panel while the worker reads: ONE overall bar (bytes and files done of the total,
// MB/s, time left, Cancel for everything still to read), then the files, one row each (bytes
// read, format once recognised, messages so far, Cancel for that file). With many files the list
// starts collapsed and scrolls within a few rows, so the panel never pushes the dashboard away.
#include <algorithm>
#include <cstdio>
#include <emscripten/emscripten.h>
#include <string>

#include "app/app.h"
#include "app/layout.h"
#include "app/theme.h"
#include "imgui.h"
#include "platform/platform.h"

namespace mfapp {
namespace {

// More files than this: the per-file list starts collapsed.
constexpr size_t kListOpenUpTo = 8;
// The list shows at most this many rows, then scrolls.
constexpr float kListRows = 8.0f;

bool active(const FileProgress& f) { return f.state == "reading" || f.state == "queued"; }

std::string seconds_left(double s) {
  char buf[48];
  if (s < 90) std::snprintf(buf, sizeof buf, "%.0f s %s", std::max(0.0, s), tr("left"));
  else std::snprintf(buf, sizeof buf, "%.0f min %s", s / 60, tr("left"));
  return buf;
}

// The overall figures of this load, measured against the page's clock since it started.
struct Overall {
  size_t files_done = 0, files_total = 0;
  uint64_t bytes_done = 0, bytes_total = 0;
  double mb_per_s = 0;
  double eta_s = -1;
};

Overall overall(const AppState& s) {
  Overall o;
  o.files_total = s.files.size();
  for (const auto& f : s.files) {
    o.files_done += !active(f);
    o.bytes_total += f.size;
    o.bytes_done += active(f) ? std::min(f.bytes_read, f.size) : f.size;
  }
  const double elapsed_s = s.ingest_started_ms >= 0 ? (emscripten_get_now() - s.ingest_started_ms) / 1000 : 0;
  if (elapsed_s > 0.05 && o.bytes_done > 0) {
    const double rate = static_cast<double>(o.bytes_done) / elapsed_s;  // bytes per second
    o.mb_per_s = rate / 1e6;
    o.eta_s = static_cast<double>(o.bytes_total - o.bytes_done) / rate;
  }
  return o;
}

void draw_file_rows(AppState& s) {
  const float sc = s.scale;
  // Fixed columns (not a table: its widths settle over a few frames, and a Cancel button must stay
  // where the user, or a test, saw it). Every text is cut to its column, so none overlaps another.
  const float w = ImGui::GetContentRegionAvail().x;
  const float x0 = ImGui::GetCursorPosX();
  const float cols[] = {0.0f, 0.28f, 0.48f, 0.58f, 0.80f, 0.92f, 1.0f};
  const float gap = 8 * sc;
  auto column = [&](int i) {
    if (i) ImGui::SameLine(x0 + w * cols[i]);
  };
  auto width = [&](int i) { return w * (cols[i + 1] - cols[i]) - gap; };
  for (const auto& f : s.files) {
    ImGui::PushID(f.id);
    column(0);
    ImGui::AlignTextToFramePadding();
    text_in_width(f.name, width(0));
    column(1);
    const float frac = f.size ? static_cast<float>(static_cast<double>(f.bytes_read) / static_cast<double>(f.size)) : 0.0f;
    const std::string overlay = fmt_bytes(static_cast<double>(f.bytes_read)) + " / " + fmt_bytes(static_cast<double>(f.size));
    ImGui::ProgressBar(active(f) ? frac : 1.0f, ImVec2(width(1), 0), overlay.c_str());
    column(2);
    if (f.state == "reading" && f.eta_s >= 0) text_in_width(seconds_left(f.eta_s), width(2), true);
    column(3);
    if (!f.format_name.empty()) text_in_width(tr_engine(f.format_name), width(3), true);
    column(4);
    text_in_width(fmt_plural(f.messages, "message", "messages"), width(4));
    column(5);
    if (active(f)) {
      if (ImGui::SmallButton(tr("Cancel"))) mfplat::cancel_file(f.id);
      char id[32];
      std::snprintf(id, sizeof id, "cancel:%d", f.id);
      record_control(s, id);
    } else if (!f.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, error_color());
      text_in_width(tr("error"), width(5));
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr_engine(f.error).c_str());
    } else {
      text_in_width(tr(f.state.c_str()), width(5), true);
    }
    ImGui::PopID();
  }
}

}  // namespace

void draw_progress(AppState& s) {
  const Overall o = overall(s);
  const bool any_active = std::any_of(s.files.begin(), s.files.end(), active);
  const bool list_open = s.progress_list_open.value_or(s.files.size() <= kListOpenUpTo);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : s.files)
    list.push_back({{"name", f.name}, {"state", f.state}, {"bytes_read", f.bytes_read}, {"size", f.size},
                    {"messages", f.messages}, {"format_name", f.format_name},
                    {"format_name_shown", tr_engine(f.format_name)}});
  s.view["progress"] = {{"running", s.ingest_running}, {"files", list},
                        {"files_done", o.files_done}, {"files_total", o.files_total},
                        {"bytes_done", o.bytes_done}, {"bytes_total", o.bytes_total},
                        {"mb_per_s", o.mb_per_s}, {"eta_s", o.eta_s},
                        {"shown", any_active && !s.ingest_example}, {"list_open", list_open}};
  // The user's files, also while the example data is still on screen; not the example's own load.
  if (!any_active || s.ingest_example) return;

  const float sc = s.scale;
  const float row = ImGui::GetFrameHeightWithSpacing();
  const float list_h = list_open ? row * std::min(kListRows, static_cast<float>(s.files.size())) + 4 * sc : 0;
  begin_card("progress", ImVec2(0, row * 3 + list_h + 2 * ImGui::GetStyle().WindowPadding.y + 4 * sc), true,
             ImGuiWindowFlags_NoScrollbar);
  // The overall line: what is done of all files, how fast, how long still, Cancel all.
  char files_text[96];
  std::snprintf(files_text, sizeof files_text, "%s %s %s", fmt_count(o.files_done).c_str(), tr("of"),
                fmt_plural(o.files_total, "file", "files").c_str());
  std::string line = std::string(tr("Reading files")) + ": " + files_text;
  if (o.mb_per_s > 0) {
    char rate[32];
    std::snprintf(rate, sizeof rate, " · %.1f MB/s", o.mb_per_s);
    line += rate;
  }
  if (o.eta_s >= 0) line += " · " + seconds_left(o.eta_s);
  const char* cancel_all = tr("Cancel all");
  const float button_w = ImGui::CalcTextSize(cancel_all).x + 2 * ImGui::GetStyle().FramePadding.x;
  const float avail = ImGui::GetContentRegionAvail().x;
  ImGui::AlignTextToFramePadding();
  text_in_width(line, avail - button_w - 12 * sc);
  ImGui::SameLine(ImGui::GetCursorPosX() + avail - button_w);
  if (ImGui::SmallButton(cancel_all))
    for (const auto& f : s.files)
      if (active(f)) mfplat::cancel_file(f.id);
  record_control(s, "cancel:all");
  const float frac = o.bytes_total ? static_cast<float>(static_cast<double>(o.bytes_done) / static_cast<double>(o.bytes_total))
                                   : static_cast<float>(o.files_done) / static_cast<float>(std::max<size_t>(1, o.files_total));
  const std::string overlay = fmt_bytes(static_cast<double>(o.bytes_done)) + " / " + fmt_bytes(static_cast<double>(o.bytes_total));
  ImGui::ProgressBar(frac, ImVec2(-1, 0), overlay.c_str());
  // The files, collapsible.
  char header[96];
  std::snprintf(header, sizeof header, "%s (%s)###progress-files", tr("Files"), fmt_count(o.files_total).c_str());
  ImGui::SetNextItemOpen(list_open, ImGuiCond_Always);
  const bool open = ImGui::TreeNodeEx(header, ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth);
  record_control(s, "progress:files");
  if (open != list_open) {
    s.progress_list_open = open;
    mfplat::wake();
  }
  if (open && list_open) {
    ImGui::BeginChild("progress-files", ImVec2(0, list_h), false);
    draw_file_rows(s);
    ImGui::EndChild();
  }
  ImGui::EndChild();
}

}  // namespace mfapp
