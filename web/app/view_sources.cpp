// The Sources panel: every file read, with its format, records, messages, skipped records and
// why, the first problems with their line numbers, notes, and errors such as "not a format
// mailflow reads". Garbage and empty files end up here, visibly.
#include <cstdio>

#include "app/app.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"
#include "platform/platform.h"

namespace mfapp {

void draw_sources(AppState& s) {
  const float sc = s.scale;
  s.view["view"] = s.flyout_open ? "tls-flyout" : "sources";
  ImGui::BeginChild("sources", ImVec2(0, 0), false);
  const auto& sources = s.aggregate.sources();
  nlohmann::json list = nlohmann::json::array();

  if (s.example) {
    ImGui::TextDisabled("%s", tr("Example data"));
  } else {
    ImGui::TextDisabled("%s", tr("Drop more exports to add them, or"));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("Show example data"))) mfplat::load_example();
    record_control(s, "load-example");
  }

  Table t;
  t.headers = {tr("File"), tr("Format"), tr("Records"), tr("Messages"), tr("Skipped"), tr("Problems"), tr("Status")};
  for (const auto& src : sources) {
    auto num = [](uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; };
    const bool failed = !src.error.empty();
    t.rows.push_back({{src.name},
                      {src.format_name.empty() ? (src.format.empty() ? tr("not recognised") : src.format) : src.format_name},
                      num(src.records), num(src.messages), num(src.skipped), num(src.problems.size()),
                      {failed ? src.error : tr("done"), 0, false, false, failed ? error_color() : 0}});
    nlohmann::json j = {{"name", src.name},       {"format", src.format}, {"format_name", src.format_name},
                        {"records", src.records}, {"messages", src.messages}, {"skipped", src.skipped},
                        {"problems", src.problems.size()}, {"error", src.error}};
    list.push_back(j);
  }
  s.view["sources"] = list;
  draw_table("sources-table", t, 260 * sc);

  // Details per file.
  for (size_t i = 0; i < sources.size(); ++i) {
    const auto& src = sources[i];
    ImGui::PushID(static_cast<int>(i));
    const bool failed = !src.error.empty();
    if (failed) ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    const bool open = ImGui::CollapsingHeader(src.name.c_str(), failed || src.skipped ? ImGuiTreeNodeFlags_DefaultOpen : 0);
    if (failed) ImGui::PopStyleColor();
    if (open) {
      ImGui::Indent();
      if (failed) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped("%s", src.error.c_str());
        ImGui::PopStyleColor();
      }
      ImGui::Text("%s: %s", tr("Format"), src.format_name.empty() ? tr("not recognised") : src.format_name.c_str());
      ImGui::Text("%s: %s · %s: %s · %s: %s", tr("Records"), fmt_count(src.records).c_str(), tr("Messages"),
                  fmt_count(src.messages).c_str(), tr("Skipped"), fmt_count(src.skipped).c_str());
      if (!src.skipped_by_reason.empty()) {
        ImGui::TextUnformatted(tr("Skipped records by reason"));
        for (const auto& [reason, n] : src.skipped_by_reason) ImGui::BulletText("%s: %s", reason.c_str(), fmt_count(n).c_str());
      }
      if (!src.problems.empty()) {
        Table p;
        p.headers = {tr("Line"), tr("Reason")};
        for (const auto& pr : src.problems)
          p.rows.push_back({{std::to_string(pr.line), static_cast<double>(pr.line), true}, {pr.reason}});
        draw_table("problems", p, 200 * sc);
      }
      if (!src.notes.empty()) {
        ImGui::TextUnformatted(tr("Notes"));
        for (const auto& n : src.notes) ImGui::BulletText("%s", n.c_str());
      }
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace mfapp
