// The "Message protected in transit (by TLS)" flyout that "View details" opens: TLS protection of
// mail entering and leaving, per TLS version (1.3, 1.2, 1.1, 1.0, none; "no TLS data" kept apart
// and never counted as "no TLS"), per day. It slides over the right part of the page, like the
// admin center's flyouts; Esc or the close button closes it.
#include <algorithm>

#include "app/app.h"
#include "app/layout.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"

namespace mfapp {

using mailflow::TlsVersion;

namespace {

// The TLS states in the order they stack (best at the bottom); rare ones only when present.
std::vector<TlsVersion> shown_versions(const std::vector<mailflow::DayMix>& days, mailflow::Direction d, bool percent) {
  mailflow::TlsMix total;
  for (const auto& day : days) total.add(day.mix[d]);
  std::vector<TlsVersion> out;
  for (TlsVersion v : {TlsVersion::Tls13, TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10, TlsVersion::Ssl3,
                       TlsVersion::UnknownVersion, TlsVersion::None, TlsVersion::NoData}) {
    bool always = v == TlsVersion::Tls13 || v == TlsVersion::Tls12 || v == TlsVersion::Tls11 ||
                  v == TlsVersion::Tls10 || v == TlsVersion::None;
    if (percent && v == TlsVersion::NoData) continue;
    if (always || total[v].messages > 0) out.push_back(v);
  }
  return out;
}

}  // namespace

StackedBars tls_day_chart(const std::vector<mailflow::DayMix>& days, mailflow::Direction d, bool percent) {
  StackedBars chart;
  chart.percent = percent;
  const auto versions = shown_versions(days, d, percent);
  for (TlsVersion v : versions) chart.series.push_back({tls_label(v), tls_color(v), v != TlsVersion::NoData});
  for (const auto& day : days) {
    chart.x_labels.push_back(fmt_day_short(day.day));
    chart.x_titles.push_back(fmt_day(day.day) + " · " + direction_label(d));
    const auto& mix = day.mix[d];
    std::vector<double> column;
    for (TlsVersion v : versions) {
      if (percent) column.push_back(mix.share(v).value_or(0.0));
      else column.push_back(static_cast<double>(mix[v].messages));
    }
    chart.values.push_back(std::move(column));
    if (percent && mix[TlsVersion::NoData].messages > 0)
      chart.notes.push_back(std::string(tr("No TLS data")) + ": " + fmt_count(mix[TlsVersion::NoData].messages));
    else
      chart.notes.emplace_back();
  }
  return chart;
}

Table tls_version_table(const mailflow::TlsMix& mix) {
  Table t;
  t.headers = {tr("TLS usage"), tr("Messages"), tr("Share")};
  for (TlsVersion v : {TlsVersion::Tls13, TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10, TlsVersion::Ssl3,
                       TlsVersion::UnknownVersion, TlsVersion::None}) {
    if ((v == TlsVersion::Ssl3 || v == TlsVersion::UnknownVersion) && mix[v].messages == 0) continue;
    auto share = mix.share(v);
    t.rows.push_back({{tls_label(v), 0, false, false, tls_color(v)},
                      {fmt_count(mix[v].messages), static_cast<double>(mix[v].messages), true},
                      {fmt_percent(share), share.value_or(-1), true}});
  }
  t.rows.push_back({{tls_label(TlsVersion::NoData), 0, false, false, muted_text_color()},
                    {fmt_count(mix[TlsVersion::NoData].messages), static_cast<double>(mix[TlsVersion::NoData].messages), true},
                    {"–", -1, true}});
  return t;
}

Table tls_daily_table(const std::vector<mailflow::DayMix>& days) {
  Table t;
  t.headers = {tr("Day"), tr("Direction"), "TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0", tr("No TLS"),
               tr("No TLS data"), tr("Total"), tr("TLS protected")};
  for (const auto& day : days) {
    for (auto d : {mailflow::Direction::Inbound, mailflow::Direction::Outbound}) {
      const auto& mix = day.mix[d];
      auto num = [](uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; };
      // SSL 3 and "TLS, version unknown" are counted with the encrypted total; columns for the
      // common states only.
      auto share = mix.protected_share();
      t.rows.push_back({{fmt_day(day.day), static_cast<double>(day.day)},
                        {direction_label(d)},
                        num(mix[TlsVersion::Tls13].messages), num(mix[TlsVersion::Tls12].messages),
                        num(mix[TlsVersion::Tls11].messages), num(mix[TlsVersion::Tls10].messages),
                        num(mix[TlsVersion::None].messages), num(mix[TlsVersion::NoData].messages),
                        num(mix.total().messages),
                        {fmt_percent(share), share.value_or(-1), true}});
    }
  }
  return t;
}

nlohmann::json days_json(const std::vector<mailflow::DayMix>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : days)
    out.push_back({{"day", mailflow::format_day(d.day)}, {"inbound", mix_json(d.mix.inbound)}, {"outbound", mix_json(d.mix.outbound)}});
  return out;
}

void draw_tls_flyout(AppState& s) {
  const float sc = s.scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float w = std::min(vp->Size.x, std::max(vp->Size.x * 0.62f, std::min(760 * sc, vp->Size.x)));
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x - w, vp->Pos.y));
  ImGui::SetNextWindowSize(ImVec2(w, vp->Size.y));
  if (s.focus_flyout) {
    ImGui::SetNextWindowFocus();
    s.focus_flyout = false;
  }
  bool open = true;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20 * sc, 16 * sc));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetColorU32(ImGuiCol_ChildBg));
  ImGui::Begin("###tls-flyout", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                          ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  {
    // Dim the page beside the flyout; a click there closes it, as in the admin center.
    const ImVec2 a = vp->Pos, b(vp->Pos.x + vp->Size.x - w, vp->Pos.y + vp->Size.y);
    ImGui::GetForegroundDrawList()->AddRectFilled(a, b, IM_COL32(0, 0, 0, s.dark ? 90 : 50));
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (s.flyout_frames > 1 && ImGui::IsMouseClicked(0) && m.x >= a.x && m.x < b.x && m.y >= a.y && m.y < b.y && s.open_insight < 0) open = false;
  }
  ImGui::PushFont(big_font());
  ImGui::SetWindowFontScale(0.7f);
  ImGui::TextUnformatted(tr("Message protected in transit (by TLS)"));
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - button_width(tr("Close"))));
  if (ImGui::Button(tr("Close"))) open = false;
  record_control(s, "flyout-close");
  // Esc closes it when nothing is open above it (keyboard.cpp).

  nlohmann::json fly = nlohmann::json::object();
  fly["title"] = "Message protected in transit (by TLS)";
  draw_filter(s);
  auto range = selected_range(s);
  if (!range) {
    ImGui::TextDisabled("%s", tr("No data loaded yet."));
  } else {
    auto overview = mailflow::mail_flow_overview(s.aggregate, *range);
    fly["range"] = {{"from", mailflow::format_day(range->from)}, {"to", mailflow::format_day(range->to)}};
    fly["inbound"] = mix_json(overview.totals.inbound);
    fly["outbound"] = mix_json(overview.totals.outbound);
    fly["days"] = days_json(overview.days);

    // Per TLS version, inbound and outbound side by side.
    if (ImGui::BeginTable("directions", 2, ImGuiTableFlags_SizingStretchSame)) {
      for (auto d : {mailflow::Direction::Inbound, mailflow::Direction::Outbound}) {
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(d));
        const auto& mix = overview.totals[d];
        ImGui::PushStyleColor(ImGuiCol_Text, d == mailflow::Direction::Inbound ? inbound_color() : outbound_color());
        ImGui::TextUnformatted(direction_label(d).c_str());
        ImGui::PopStyleColor();
        ImGui::SameLine();
        text_disabled_wrapped(fmt_plural(mix.total().messages, "message", "messages") + " · " +
                              fmt_percent(mix.protected_share()) + " " + tr("TLS protected"));
        draw_table("versions", tls_version_table(mix), 400 * sc);
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
    text_disabled_wrapped(std::string(tr("Share")) + " = " + tr("of messages with TLS data") + ". " + tr("No TLS data") +
                          ": " + tr("shown apart: the source does not say whether TLS was used") + ".");

    ImGui::Separator();
    ImGui::TextUnformatted(tr("Per day"));
    ImGui::SameLine();
    int dir = static_cast<int>(s.chart_direction);
    ImGui::RadioButton(tr("Inbound"), &dir, 0);
    record_control(s, "flyout-inbound");
    same_line_if_fits(radio_width(tr("Outbound")));
    ImGui::RadioButton(tr("Outbound"), &dir, 1);
    record_control(s, "flyout-outbound");
    s.chart_direction = static_cast<mailflow::Direction>(dir);
    fly["chart_direction"] = std::string(mailflow::direction_key(s.chart_direction));
    const ImVec2 chart_at = ImGui::GetCursorScreenPos();
    const float chart_w = ImGui::GetContentRegionAvail().x;
    draw_stacked_bars("flyout-chart", tls_day_chart(overview.days, s.chart_direction, false), 240 * sc);
    record_chart(s, chart_at, chart_w);
    draw_table("daily", tls_daily_table(overview.days), 300 * sc);
  }
  ImGui::Spacing();
  if (ImGui::Button(tr("Connector report"))) {
    s.page = Page::Connectors;
    open = false;
  }
  record_control(s, "flyout-connector-report");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", tr("Esc closes"));
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  s.view["flyout"] = fly;
  ++s.flyout_frames;
  if (!open) {
    s.flyout_open = false;
    s.flyout_frames = 0;
  }
}

}  // namespace mfapp
