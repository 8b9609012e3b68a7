// The "TLS reports" page, offered only when the data has TLS-RPT reports (RFC 8460): what other
// organisations' senders report about the SMTP sessions they made to our policy domains, for the
// Filter's range (its presets count the days of the TLS reports): sessions and failures per policy
// domain, successful and failed sessions per day, the failure types with their heaviest sending
// MTAs and receiving MX hosts, and the reporting organisations. All figures come from the engine's
// tlsrpt_view(); TLS-RPT counts sessions, not messages, and carries no TLS version, and the page
// says so. A domain's sessions count once per report even when the report evaluated them against
// several policies (DANE and MTA-STS); each policy's own figures are shown beside them.
#include <string>

#include "app/app.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"
#include "report/tlsrpt_view.h"
#include "util/text.h"

namespace mfapp {
namespace {

using mailflow::HostCount;
using mailflow::TlsRptCounts;

nlohmann::json counts_json(const TlsRptCounts& c) {
  auto share = c.success_share();
  return {{"sessions", c.total()},
          {"successful", c.successful},
          {"failed", c.failed},
          {"success_share", share ? nlohmann::json(*share) : nlohmann::json(nullptr)}};
}

nlohmann::json hosts_json(const std::vector<HostCount>& hosts, const char* count_key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : hosts) out.push_back({{"host", h.host}, {count_key, h.messages}});
  return out;
}

// "mx1.contoso.com (12), mx2.contoso.com (3)".
std::string hosts_text(const std::vector<HostCount>& hosts) {
  std::string out;
  for (const auto& h : hosts) mailflow::append_listed(out, ", ", h.host + " (" + fmt_count(h.messages) + ")");
  return out.empty() ? "–" : out;
}

// The engine's name for failed sessions a report does not detail, in the UI's language.
std::string result_label(const std::string& result) {
  return result == mailflow::TlsReports::kNoDetails ? std::string(tr("(failure without details)")) : result;
}

// A table as tall as its rows (header and scroll bar included), at most `max_height`.
float table_height(const Table& t, float max_height) {
  const float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
  const float want = row * static_cast<float>(t.rows.size() + 1) + ImGui::GetStyle().ScrollbarSize + 8 * state().scale;
  return want < max_height ? want : max_height;
}

TableCell num(uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; }

ImU32 success_color() { return tls_color(mailflow::TlsVersion::Tls13); }
ImU32 failure_color() { return tls_color(mailflow::TlsVersion::None); }

void heading(const char* text) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, accent_color());
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

}  // namespace

void draw_tls_reports(AppState& s) {
  const float sc = s.scale;
  s.view["view"] = s.flyout_open ? "tls-flyout" : "tls-reports";
  begin_card("tls-reports", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  draw_filter(s, true);
  // What TLS-RPT can and cannot tell, always in view.
  ImGui::PushStyleColor(ImGuiCol_Text, warning_color());
  ImGui::TextWrapped("%s", tr("TLS reports count SMTP sessions, not messages, and carry no TLS version."));
  ImGui::PopStyleColor();

  nlohmann::json out = nlohmann::json::object();
  out["note"] = "TLS reports count SMTP sessions, not messages, and carry no TLS version.";
  const auto range = selected_tlsrpt_range(s);
  if (!range) {
    ImGui::TextDisabled("%s", tr("No TLS reports loaded."));
    s.view["tls_reports"] = out;
    ImGui::EndChild();
    return;
  }
  const mailflow::TlsRptView v = mailflow::tlsrpt_view(s.aggregate, *range);
  out["range"] = {{"from", mailflow::format_day(range->from)}, {"to", mailflow::format_day(range->to)}, {"days", range->days()}};
  out["reports"] = v.reports;
  out["totals"] = counts_json(v.totals);

  // Headline: sessions, failed, success share.
  {
    ImGui::PushFont(big_font());
    ImGui::SetWindowFontScale(0.8f);
    ImGui::TextUnformatted(fmt_count(v.totals.total()).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("sessions"));
    ImGui::SameLine(0, 24 * sc);
    ImGui::PushStyleColor(ImGuiCol_Text, v.totals.failed ? failure_color() : muted_text_color());
    ImGui::Text("%s %s", fmt_count(v.totals.failed).c_str(), tr("failed"));
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 24 * sc);
    ImGui::TextDisabled("%s %s · %s", fmt_percent(v.totals.success_share(), 2).c_str(), tr("successful"),
                        fmt_plural(v.reports, "report read", "reports read").c_str());
  }
  if (v.totals.total() == 0) ImGui::TextDisabled("%s", tr("No TLS report sessions in this range."));

  // Failures in the range raise insights (the same as in the dashboard's list).
  heading(tr("Insights"));
  if (draw_tlsrpt_insights(s) == 0) ImGui::TextDisabled("%s", tr("No failed sessions in this range."));

  // Per day, successful and failed sessions stacked.
  heading(tr("Sessions per day"));
  StackedBars chart;
  chart.series = {{tr("Successful sessions"), success_color()}, {tr("Failed sessions"), failure_color()}};
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : v.days) {
    chart.x_labels.push_back(fmt_day_short(d.day));
    chart.x_titles.push_back(fmt_day(d.day));
    chart.values.push_back({static_cast<double>(d.counts.successful), static_cast<double>(d.counts.failed)});
    chart.notes.push_back(d.counts.total() ? std::string(tr("successful")) + ": " + fmt_percent(d.counts.success_share(), 2)
                                           : std::string(tr("no reports for this day")));
    nlohmann::json dj = counts_json(d.counts);
    dj["day"] = mailflow::format_day(d.day);
    days.push_back(dj);
  }
  out["days"] = days;
  const ImVec2 chart_at = ImGui::GetCursorScreenPos();
  const float chart_w = ImGui::GetContentRegionAvail().x;
  const int hovered = draw_stacked_bars("tlsrpt-chart", chart, 220 * sc);
  record_chart(s, chart_at, chart_w);
  if (hovered >= 0 && hovered < static_cast<int>(days.size())) out["hovered_day"] = days[static_cast<size_t>(hovered)];

  // Per policy domain.
  heading(tr("Policy domains"));
  Table dt;
  dt.headers = {tr("Policy domain"), tr("Policy types"), tr("Sessions"), tr("Successful"), tr("Failed"),
                tr("Success rate"), tr("Failure types")};
  nlohmann::json domains = nlohmann::json::array();
  bool overlap = false;
  for (const auto& d : v.domains) {
    std::string types, failures;
    nlohmann::json fj = nlohmann::json::array();
    nlohmann::json pj = nlohmann::json::array();
    // "sts 57, tlsa 57 (2 failed)": each policy's own sessions.
    for (const auto& p : d.policies) {
      mailflow::append_listed(types, ", ", p.type + " " + fmt_count(p.counts.total()));
      if (p.counts.failed) types += " (" + fmt_count(p.counts.failed) + " " + tr("failed") + ")";
      nlohmann::json one = counts_json(p.counts);
      one["type"] = p.type;
      pj.push_back(one);
    }
    overlap = overlap || d.policies_overlap;
    for (const auto& f : d.failures) {
      mailflow::append_listed(failures, ", ", result_label(f.result) + " (" + fmt_count(f.sessions) + ")");
      fj.push_back({{"result", f.result}, {"sessions", f.sessions}});
    }
    auto share = d.counts.success_share();
    dt.rows.push_back({{d.domain}, {types}, num(d.counts.total()), num(d.counts.successful),
                       {fmt_count(d.counts.failed), static_cast<double>(d.counts.failed), true, false,
                        d.counts.failed ? failure_color() : 0u},
                       {fmt_percent(share, 2), share.value_or(-1), true},
                       {failures.empty() ? "–" : failures}});
    nlohmann::json j = counts_json(d.counts);
    j["domain"] = d.domain;
    j["policy_types"] = d.policy_types;
    j["policies"] = pj;
    j["policies_overlap"] = d.policies_overlap;
    j["failures"] = fj;
    domains.push_back(j);
  }
  out["domains"] = domains;
  draw_table("tlsrpt-domains", dt, table_height(dt, 240 * sc));
  if (overlap) {
    ImGui::PushStyleColor(ImGuiCol_Text, muted_text_color());
    ImGui::TextWrapped("%s", tr("Reports that evaluated the same sessions against several policies of a domain "
                                "(DANE and MTA-STS) count them once; the policy column gives each policy's own sessions."));
    ImGui::PopStyleColor();
  }

  // Failure types with where they happened.
  heading(tr("Failure types"));
  ImGui::TextDisabled("%s", tr("Sending MTAs and receiving MX: the heaviest over all days of the reports."));
  Table ft;
  ft.headers = {tr("Result type"), tr("Failed sessions"), tr("Top sending MTAs"), tr("Top receiving MX")};
  nlohmann::json types = nlohmann::json::array();
  for (const auto& f : v.failure_types) {
    ft.rows.push_back({{result_label(f.result)}, num(f.sessions), {hosts_text(f.sending_mtas)}, {hosts_text(f.receiving_mx)}});
    types.push_back({{"result", f.result},
                     {"sessions", f.sessions},
                     {"sending_mtas", hosts_json(f.sending_mtas, "sessions")},
                     {"receiving_mx", hosts_json(f.receiving_mx, "sessions")}});
  }
  out["failure_types"] = types;
  if (v.failure_types.empty()) ImGui::TextDisabled("%s", tr("No failed sessions in this range."));
  else draw_table("tlsrpt-failures", ft, table_height(ft, 260 * sc));

  // Who reported.
  heading(tr("Reporting organisations"));
  Table ot;
  ot.headers = {tr("Organisation"), tr("Reports")};
  for (const auto& o : v.organizations) ot.rows.push_back({{o.host}, num(o.messages)});
  out["organizations"] = hosts_json(v.organizations, "reports");
  draw_table("tlsrpt-organizations", ot, table_height(ot, 220 * sc));
  ImGui::TextDisabled("%s", tr("Reports and organisations: all days of the reports."));

  s.view["tls_reports"] = out;
  ImGui::EndChild();
}

}  // namespace mfapp
