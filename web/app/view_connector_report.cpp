// The Connector report: "Mail flow" (volume through the chosen connector per day), "All mail flow"
// (every connector), "TLS usage" (percentage of each TLS version per day); the connector is picked
// by name in a drop-down that also offers "(no connector)"; the Filter sets the range. Below, every
// connector with its figures and the insights next to it, and the daily rows (EAC columns).
#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/layout.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"

namespace mfapp {

using mailflow::ConnectorChoice;
using mailflow::TlsVersion;

void draw_connector_report(AppState& s) {
  const float sc = s.scale;
  const char* modes[] = {"mail-flow", "all-mail-flow", "tls-usage"};
  s.view["view"] = s.flyout_open ? "tls-flyout" : "connector-report";
  s.view["mode"] = modes[static_cast<int>(s.connector_view)];
  begin_card("connector-report", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  draw_filter(s);
  auto range = selected_range(s);
  if (!range) {
    ImGui::TextDisabled("%s", tr("No data loaded yet."));
    ImGui::EndChild();
    return;
  }

  // View: Mail flow | All mail flow | TLS usage.
  const char* labels[] = {tr("Mail flow"), tr("All mail flow"), tr("TLS usage")};
  for (int i = 0; i < 3; ++i) {
    if (i) same_line_if_fits(button_width(labels[i]), 2 * sc);
    const bool active = static_cast<int>(s.connector_view) == i;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_TabActive));
    if (ImGui::Button(labels[i])) s.connector_view = static_cast<ConnectorView>(i);
    if (active) ImGui::PopStyleColor();
    record_control(s, (std::string("mode:") + modes[i]).c_str());
  }

  // The connector list of the range decides the drop-down's items; the report opens on the first
  // (the busiest named connector).
  const auto all = mailflow::connector_report(s.aggregate, *range, ConnectorChoice{});
  const std::vector<ConnectorChoice> items = mailflow::connector_choices(all);
  if (!items.empty() && std::none_of(items.begin(), items.end(), [&](const ConnectorChoice& x) {
        return mailflow::same_choice(x, s.choice);
      }))
    s.choice = items.front();
  const ConnectorChoice effective = s.connector_view == ConnectorView::AllMailFlow ? ConnectorChoice{} : s.choice;

  const float combo_w = 280 * sc;
  same_line_if_fits(ImGui::CalcTextSize(tr("Connector")).x + ImGui::GetStyle().ItemSpacing.x + combo_w, 20 * sc);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Connector"));
  ImGui::SameLine();
  ImGui::BeginDisabled(s.connector_view == ConnectorView::AllMailFlow || items.empty());
  ImGui::SetNextItemWidth(combo_w);
  const std::string shown_choice = connector_choice_label(effective, "All mail flow");
  const bool choice_cut = ImGui::CalcTextSize(shown_choice.c_str()).x > combo_w - ImGui::GetFrameHeight() - 2 * ImGui::GetStyle().FramePadding.x;
  if (ImGui::BeginCombo("##connector", shown_choice.c_str())) {
    for (size_t i = 0; i < items.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(connector_choice_label(items[i], "All mail flow").c_str(), mailflow::same_choice(items[i], s.choice))) s.choice = items[i];
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  // A long name (a GUID connector) is cut in the box: the whole name on hover.
  if (choice_cut && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", shown_choice.c_str());
  ImGui::EndDisabled();
  record_control(s, "connector");

  same_line_if_fits(radio_width(tr("Inbound")) + ImGui::GetStyle().ItemSpacing.x + radio_width(tr("Outbound")), 20 * sc);
  int dir = static_cast<int>(s.chart_direction);
  ImGui::RadioButton(tr("Inbound"), &dir, 0);
  record_control(s, "direction:inbound");
  ImGui::SameLine();
  ImGui::RadioButton(tr("Outbound"), &dir, 1);
  record_control(s, "direction:outbound");
  s.chart_direction = static_cast<mailflow::Direction>(dir);

  auto report = mailflow::connector_report(s.aggregate, *range, effective);
  const auto& totals = report.totals[s.chart_direction];
  text_in_width(connector_choice_label(effective, "All mail flow"), ImGui::GetContentRegionAvail().x * 0.5f);
  ImGui::SameLine();
  text_disabled_wrapped("· " + direction_label(s.chart_direction) + " · " +
                        fmt_plural(totals.total().messages, "message", "messages") + " · " +
                        fmt_percent(totals.protected_share()) + " " + tr("TLS protected"));
  const bool percent = s.connector_view == ConnectorView::TlsUsage;
  const ImVec2 chart_at = ImGui::GetCursorScreenPos();
  const float chart_w = ImGui::GetContentRegionAvail().x;
  draw_stacked_bars("connector-chart", tls_day_chart(report.days, s.chart_direction, percent), 250 * sc);
  record_chart(s, chart_at, chart_w);

  s.view["connector"] = connector_choice_json(effective);
  s.view["connector_label"] = connector_choice_label(effective, "All mail flow");
  s.view["direction"] = std::string(mailflow::direction_key(s.chart_direction));
  s.view["totals"] = {{"inbound", mix_json(report.totals.inbound)}, {"outbound", mix_json(report.totals.outbound)}};
  s.view["days"] = days_json(report.days);
  nlohmann::json items_json = nlohmann::json::array();
  for (const auto& it : items) items_json.push_back(connector_choice_json(it));
  s.view["connector_items"] = items_json;

  // Every connector, with its insights next to it.
  const std::vector<mailflow::Insight>& insights = insights_of(s, *range);
  ImGui::Separator();
  ImGui::TextUnformatted(tr("Connectors"));
  Table t;
  t.headers = {tr("Direction"), tr("Connector"), tr("Messages"), tr("TLS protected"), "TLS 1.3", "TLS 1.2",
               "TLS 1.1", "TLS 1.0", tr("No TLS"), tr("No TLS data"), tr("Insights")};
  std::vector<std::vector<int>> row_insights;
  nlohmann::json conn_json = nlohmann::json::array();
  for (const auto& c : all.connectors) {
    auto num = [](uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; };
    std::vector<int> mine;
    std::string badge;
    nlohmann::json titles = nlohmann::json::array();
    for (size_t i = 0; i < insights.size(); ++i) {
      if (insights[i].direction == c.direction && insights[i].connector_name == c.name) {
        mine.push_back(static_cast<int>(i));
        if (!badge.empty()) badge += " · ";
        badge += tr_engine(insights[i].title);
        titles.push_back(insights[i].title);
      }
    }
    auto share = c.mix.protected_share();
    t.rows.push_back({{direction_label(c.direction)},
                      {connector_label_shown(c.name)},
                      num(c.mix.total().messages),
                      {fmt_percent(share), share.value_or(-1), true},
                      num(c.mix[TlsVersion::Tls13].messages), num(c.mix[TlsVersion::Tls12].messages),
                      num(c.mix[TlsVersion::Tls11].messages), num(c.mix[TlsVersion::Tls10].messages),
                      num(c.mix[TlsVersion::None].messages), num(c.mix[TlsVersion::NoData].messages),
                      {badge.empty() ? "" : "! " + badge, 0, false, !badge.empty(), warning_color()}});
    row_insights.push_back(mine);
    nlohmann::json cj = mix_json(c.mix);
    cj["direction"] = std::string(mailflow::direction_key(c.direction));
    cj["connector"] = c.name ? nlohmann::json(*c.name) : nlohmann::json(nullptr);
    cj["insights"] = titles;
    conn_json.push_back(cj);
  }
  s.view["connectors"] = conn_json;
  TableClick click = draw_table("connectors", t, 260 * sc);
  if (click.row >= 0 && !row_insights[click.row].empty()) {
    s.open_insight = row_insights[click.row].front();
    s.request_insight_popup = true;
  }

  ImGui::Separator();
  draw_insights(s, insights, false);

  ImGui::Separator();
  ImGui::TextUnformatted(tr("Daily rows"));
  Table daily;
  daily.headers = {tr("Day"), tr("Direction"), tr("Connector"), "TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0",
                   tr("No TLS"), tr("No TLS data"), tr("Total")};
  for (const auto& r : mailflow::connector_daily_rows(s.aggregate, *range)) {
    auto num = [](uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; };
    daily.rows.push_back({{fmt_day(r.day), static_cast<double>(r.day)},
                          {direction_label(r.direction)},
                          {connector_label_shown(r.connector)},
                          num(r.mix[TlsVersion::Tls13].messages), num(r.mix[TlsVersion::Tls12].messages),
                          num(r.mix[TlsVersion::Tls11].messages), num(r.mix[TlsVersion::Tls10].messages),
                          num(r.mix[TlsVersion::None].messages), num(r.mix[TlsVersion::NoData].messages),
                          num(r.mix.total().messages)});
  }
  draw_table("daily-rows", daily, 320 * sc);
  ImGui::EndChild();
}

}  // namespace mfapp
