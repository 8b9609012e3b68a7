// The date-range Filter of the connector report and the TLS flyout: last 7 days (default, as in
// Microsoft's report), last 30 days, all the data covers, or a custom from/to.
#include <cstdio>

#include "app/app.h"
#include "app/theme.h"
#include "imgui.h"
#include "report/tlsrpt_view.h"

namespace mfapp {

void draw_filter(AppState& s, bool tlsrpt) {
  const char* labels[] = {tr("Last 7 days"), tr("Last 30 days"), tr("All data"), tr("Custom")};
  const char* keys[] = {"last-7-days", "last-30-days", "all", "custom"};
  int current = static_cast<int>(s.preset);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Filter"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize(tr("Last 30 days")).x + 50 * s.scale);
  if (ImGui::BeginCombo("##range", labels[current])) {
    for (int i = 0; i < 4; ++i) {
      if (ImGui::Selectable(labels[i], i == current)) {
        s.preset = static_cast<RangePreset>(i);
        if (s.preset == RangePreset::Custom && (!s.custom_from[0] || !s.custom_to[0])) {
          auto r = tlsrpt ? mailflow::tlsrpt_range(s.aggregate, std::nullopt, std::nullopt, 7)
                          : mailflow::last_days(s.aggregate, 7);
          if (r) {
            std::snprintf(s.custom_from, sizeof s.custom_from, "%s", mailflow::format_day(r->from).c_str());
            std::snprintf(s.custom_to, sizeof s.custom_to, "%s", mailflow::format_day(r->to).c_str());
          }
        }
      }
    }
    ImGui::EndCombo();
  }
  record_control(s, "filter");
  if (s.preset == RangePreset::Custom) {
    const float w = ImGui::CalcTextSize("0000-00-00").x + 20 * s.scale;
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("From"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##from", "YYYY-MM-DD", s.custom_from, sizeof s.custom_from);
    ImGui::SameLine();
    ImGui::TextUnformatted(tr("To"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputTextWithHint("##to", "YYYY-MM-DD", s.custom_to, sizeof s.custom_to);
    auto from = mailflow::parse_day(s.custom_from);
    auto to = mailflow::parse_day(s.custom_to);
    if (!from || !to || *from > *to) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, error_color());
      ImGui::TextUnformatted("YYYY-MM-DD, from <= to");
      ImGui::PopStyleColor();
    }
  }
  auto range = tlsrpt ? selected_tlsrpt_range(s) : selected_range(s);
  if (range) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s – %s (%s)", fmt_day(range->from).c_str(), fmt_day(range->to).c_str(),
                        fmt_plural(static_cast<uint64_t>(range->days()), "day", "days").c_str());
    s.view["range"] = {{"preset", keys[current]}, {"from", mailflow::format_day(range->from)},
                       {"to", mailflow::format_day(range->to)}, {"days", range->days()}};
  }
}

}  // namespace mfapp
