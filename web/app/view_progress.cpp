// The per-file progress panel while the worker reads: bytes read of the size, MB/s, time left,
// the format once recognised, messages so far, and Cancel (which really stops that file).
#include <cstdio>

#include "app/app.h"
#include "app/theme.h"
#include "imgui.h"
#include "platform/platform.h"

namespace mfapp {

void draw_progress(AppState& s) {
  nlohmann::json list = nlohmann::json::array();
  bool any_active = false;
  for (const auto& f : s.files) any_active |= f.state == "reading" || f.state == "queued";
  for (const auto& f : s.files)
    list.push_back({{"name", f.name}, {"state", f.state}, {"bytes_read", f.bytes_read}, {"size", f.size},
                    {"messages", f.messages}, {"format_name", f.format_name},
                    {"format_name_shown", tr_engine(f.format_name)}});
  s.view["progress"] = {{"running", s.ingest_running}, {"files", list}};
  if (!any_active || s.example) return;

  const float sc = s.scale;
  ImGui::BeginChild("progress", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(s.files.size()) + 1.6f) + 10 * sc), true);
  ImGui::TextUnformatted(tr("Reading files"));
  // Fixed columns (not a table: its widths settle over a few frames, and the Cancel button must
  // stay where the user, or a test, saw it).
  const float w = ImGui::GetContentRegionAvail().x;
  const float x0 = ImGui::GetCursorPosX();
  const float cols[] = {0.0f, 0.22f, 0.47f, 0.55f, 0.65f, 0.82f, 0.92f};
  auto column = [&](int i) {
    if (i) ImGui::SameLine(x0 + w * cols[i]);
  };
  for (const auto& f : s.files) {
    ImGui::PushID(f.id);
    column(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(f.name.c_str());
    column(1);
    float frac = f.size ? static_cast<float>(static_cast<double>(f.bytes_read) / static_cast<double>(f.size)) : 0.0f;
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s / %s", fmt_bytes(static_cast<double>(f.bytes_read)).c_str(),
                  fmt_bytes(static_cast<double>(f.size)).c_str());
    ImGui::ProgressBar(f.state == "done" ? 1.0f : frac, ImVec2(w * (cols[2] - cols[1]) - 10 * sc, 0), overlay);
    column(2);
    if (f.mb_per_s > 0) ImGui::Text("%.0f MB/s", f.mb_per_s);
    column(3);
    if (f.eta_s >= 0 && f.state == "reading") ImGui::Text("%.0f s %s", f.eta_s, tr("left"));
    column(4);
    ImGui::TextDisabled("%s", tr_engine(f.format_name).c_str());
    column(5);
    ImGui::TextUnformatted(fmt_plural(f.messages, "message", "messages").c_str());
    column(6);
    if (f.state == "reading" || f.state == "queued") {
      if (ImGui::SmallButton(tr("Cancel"))) mfplat::cancel_file(f.id);
      char id[32];
      std::snprintf(id, sizeof id, "cancel:%d", f.id);
      record_control(s, id);
    } else if (!f.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, error_color());
      ImGui::TextUnformatted(tr("error"));
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr_engine(f.error).c_str());
    } else {
      ImGui::TextDisabled("%s", tr(f.state.c_str()));
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace mfapp
