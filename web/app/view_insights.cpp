// Insights ("No TLS is over 25%", "TLS 1.0 is above 50%", ...) with the connector they concern;
// each opens the top remote hosts behind it, so the admin knows whom to call.
#include <cstdio>

#include "app/app.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"

namespace mfapp {
namespace {

// Microsoft's wording in English ("No TLS is over 25%"), the catalogue's in German.
const std::string& insight_title(const mailflow::Insight& in) { return tr_engine(in.title); }

}  // namespace

void draw_insights(AppState& s, const std::vector<mailflow::Insight>& insights, bool compact) {
  ImGui::TextUnformatted(tr("Insights"));
  if (compact) ImGui::Separator();
  nlohmann::json list = nlohmann::json::array();
  if (insights.empty()) ImGui::TextDisabled("%s", tr("No insights for this range."));
  for (size_t i = 0; i < insights.size(); ++i) {
    const auto& in = insights[i];
    list.push_back(insight_json(in));
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, in.kind == mailflow::InsightKind::NoTlsOver ? error_color() : warning_color());
    ImGui::Bullet();
    ImGui::TextUnformatted(insight_title(in).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextDisabled("%s · %s", direction_label(in.direction).c_str(), tr(mailflow::connector_label(in.connector_name).c_str()));
    ImGui::Indent();
    if (!compact || !in.detail.empty()) ImGui::TextWrapped("%s", tr_engine(in.detail).c_str());
    char label[64];
    std::snprintf(label, sizeof label, "%s (%zu)", tr("Top remote hosts"), in.top_hosts.size());
    if (ImGui::SmallButton(label)) {
      s.open_insight = static_cast<int>(i);
      s.request_insight_popup = true;
    }
    char cid[32];
    std::snprintf(cid, sizeof cid, "insight:%zu", i);
    record_control(s, cid);
    ImGui::Unindent();
    ImGui::PopID();
  }
  s.view["insights"] = list;
  draw_insight_hosts_popup(s, insights);
}

void draw_insight_hosts_popup(AppState& s, const std::vector<mailflow::Insight>& insights) {
  if (s.open_insight < 0 || s.open_insight >= static_cast<int>(insights.size())) return;
  const auto& in = insights[s.open_insight];
  const float sc = s.scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(560 * sc, vp->Size.x - 40 * sc), 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + 120 * sc), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  if (s.request_insight_popup) {
    ImGui::SetNextWindowFocus();
    s.request_insight_popup = false;
  }
  bool open = true;
  char title[160];
  std::snprintf(title, sizeof title, "%s: %s###insight-hosts", tr("Top remote hosts"), insight_title(in).c_str());
  if (ImGui::Begin(title, &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("%s · %s", direction_label(in.direction).c_str(), tr(mailflow::connector_label(in.connector_name).c_str()));
    if (!in.detail.empty()) ImGui::TextWrapped("%s", tr_engine(in.detail).c_str());
    Table t;
    t.headers = {tr("Remote host"), tr("Partner"), tr("Messages")};
    for (const auto& h : in.top_hosts) {
      t.rows.push_back({{h.other ? tr("(other partners)") : h.host.empty() ? tr("(not named by the source)") : h.host},
                        {h.other ? "" : h.partner},
                        {fmt_count(h.messages), static_cast<double>(h.messages), true}});
    }
    draw_table("hosts", t, 320 * sc);
    // Hosts are counted exactly up to the partner table's bounds; past them the rest is one row.
    if (s.aggregate.partners().overflowed())
      ImGui::TextWrapped("%s", tr("More partners than the report keeps: the rest are counted as \"(other partners)\"."));
    if (ImGui::Button(tr("Close")) || (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                                       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))))
      open = false;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("Esc closes"));
  }
  ImGui::End();
  nlohmann::json hosts = nlohmann::json::array();
  for (const auto& h : in.top_hosts)
    hosts.push_back({{"host", h.host}, {"partner", h.partner}, {"other", h.other}, {"messages", h.messages}});
  s.view["insight_hosts"] = {{"title", in.title}, {"connector", in.connector_name ? nlohmann::json(*in.connector_name) : nlohmann::json(nullptr)},
                             {"direction", std::string(mailflow::direction_key(in.direction))}, {"hosts", hosts}};
  if (!open) s.open_insight = -1;
}

}  // namespace mfapp
