// Insights ("No TLS is over 25%", "TLS 1.0 is above 50%", ...) with the connector they concern;
// each opens the top remote hosts behind it, so the admin knows whom to call.
#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/layout.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"
#include "report/tlsrpt_insights.h"

namespace mfapp {
namespace {

// Microsoft's wording in English ("No TLS is over 25%"), the catalogue's in German.
const std::string& insight_title(const mailflow::Insight& in) { return tr_engine(in.title); }

}  // namespace

const std::vector<mailflow::Insight>& insights_of(const AppState& s, mailflow::DateRange range) {
  // Each insight counts its top hosts over the partner cells, tens of ms in wasm for a month of
  // unique partners: once per aggregate and range, not on every frame (a pointer move draws one).
  static struct {
    uint64_t data_version = UINT64_MAX;
    mailflow::DateRange range;
    std::vector<mailflow::Insight> insights;
  } found;
  if (found.data_version != s.data_version || found.range.from != range.from || found.range.to != range.to) {
    found.insights = mailflow::find_insights(s.aggregate, range);
    found.data_version = s.data_version;
    found.range = range;
  }
  return found.insights;
}

void draw_insights(AppState& s, const std::vector<mailflow::Insight>& insights, bool compact) {
  ImGui::TextUnformatted(tr("Insights"));
  if (compact) ImGui::Separator();
  nlohmann::json list = nlohmann::json::array();
  // The dashboard's list also carries what the TLS reports say (their own range: the Filter over
  // the TLS reports' days).
  const size_t tlsrpt_shown = compact ? draw_tlsrpt_insights(s) : 0;
  if (insights.empty() && tlsrpt_shown == 0) ImGui::TextDisabled("%s", tr("No insights for this range."));
  for (size_t i = 0; i < insights.size(); ++i) {
    const auto& in = insights[i];
    list.push_back(insight_json(in));
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushStyleColor(ImGuiCol_Text, in.kind == mailflow::InsightKind::NoTlsOver ? error_color() : warning_color());
    ImGui::Bullet();
    ImGui::TextUnformatted(insight_title(in).c_str());
    ImGui::PopStyleColor();
    // Direction and connector beside the title where they fit, else below it (a long connector
    // name is shortened, the whole name on hover).
    const std::string where = direction_label(in.direction) + " · " + connector_label_shown(in.connector_name);
    same_line_if_fits(ImGui::CalcTextSize(where.c_str()).x);
    text_in_width(where, std::max(1.0f, row_right_edge() - ImGui::GetCursorScreenPos().x), true);
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

std::string tlsrpt_insight_sentence(const mailflow::TlsRptInsight& in) {
  const std::string result = in.main_result == mailflow::TlsReports::kNoDetails ? std::string(tr("(failure without details)"))
                                                                                : in.main_result;
  return "TLS-RPT: " + fmt_plural(in.failed, "failed session", "failed sessions") + " " + tr("to") + " " + in.domain +
         " (" + result + ")";
}

size_t draw_tlsrpt_insights(AppState& s) {
  nlohmann::json list = nlohmann::json::array();
  const auto range = has_tls_reports(s) ? selected_tlsrpt_range(s) : std::nullopt;
  std::vector<mailflow::TlsRptInsight> insights;
  if (range) insights = mailflow::tlsrpt_insights(mailflow::tlsrpt_view(s.aggregate, *range));
  for (size_t i = 0; i < insights.size(); ++i) {
    const auto& in = insights[i];
    const std::string sentence = tlsrpt_insight_sentence(in);
    ImGui::PushID(static_cast<int>(1000 + i));
    ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    ImGui::Bullet();
    ImGui::TextWrapped("%s", sentence.c_str());
    ImGui::PopStyleColor();
    ImGui::Indent();
    // Its share of the domain's sessions, and the other failure types.
    std::string detail = std::string(tr("of")) + " " + fmt_plural(in.sessions, "session", "sessions") + " · " +
                         fmt_day(range->from) + " – " + fmt_day(range->to);
    for (size_t k = 1; k < in.failures.size() && k < 4; ++k)
      detail += " · " + in.failures[k].result + " (" + fmt_count(in.failures[k].sessions) + ")";
    text_disabled_wrapped(detail);
    if (s.page != Page::TlsReports) {
      if (ImGui::SmallButton(tr("TLS reports"))) s.page = Page::TlsReports;
      char cid[32];
      std::snprintf(cid, sizeof cid, "tlsrpt-insight:%zu", i);
      record_control(s, cid);
    }
    ImGui::Unindent();
    ImGui::PopID();
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& f : in.failures) failures.push_back({{"result", f.result}, {"sessions", f.sessions}});
    list.push_back({{"domain", in.domain}, {"failed", in.failed}, {"sessions", in.sessions}, {"result", in.main_result},
                    {"failures", failures}, {"text", mailflow::tlsrpt_insight_text(in)}, {"text_shown", sentence},
                    {"from", mailflow::format_day(range->from)}, {"to", mailflow::format_day(range->to)}});
  }
  s.view["tlsrpt_insights"] = list;
  return insights.size();
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
    ImGui::TextWrapped("%s · %s", direction_label(in.direction).c_str(), connector_label_shown(in.connector_name).c_str());
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
    if (ImGui::Button(tr("Close"))) open = false;  // Esc: keyboard.cpp
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
