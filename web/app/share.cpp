// Sharing what is on screen, offline: "Save report" writes ONE self-contained .html file (this
// page with the aggregate and the current view embedded, by engine/export/report_html, the same
// function `mailflow report --html` uses), and "Export" gives the connector report as CSV, the
// aggregate as JSON, the current chart as PNG and a printable summary page. Every file is a
// download from a Blob URL: nothing leaves the computer. A page opened from a saved report shows
// a banner saying what it holds, which sources it was built from and when it was saved.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "aggregate/aggregate_json.h"
#include "app/app.h"
#include "app/layout.h"
#include "app/theme.h"
#include "export/connector_csv.h"
#include "export/report_html.h"
#include "export/summary_html.h"
#include "imgui.h"
#include "platform/platform.h"

namespace mfapp {
namespace {

mailflow::ReportState current_state(const AppState& s) {
  mailflow::ReportState r;
  r.page = s.page == Page::Connectors   ? "connectors"
           : s.page == Page::TlsReports ? "tls-reports"
           : s.page == Page::Sources    ? "sources"
           : s.page == Page::Partners   ? "partners"
                                        : "dashboard";
  r.flyout = s.flyout_open;
  r.view = s.connector_view == ConnectorView::AllMailFlow ? "all-mail-flow"
           : s.connector_view == ConnectorView::TlsUsage  ? "tls-usage"
                                                          : "mail-flow";
  r.connector = s.page == Page::Partners ? s.partners_connector : s.choice;  // what is on screen
  switch (s.preset) {
    case RangePreset::Last7: r.range = "7"; break;
    case RangePreset::Last30: r.range = "30"; break;
    case RangePreset::All: r.range = "all"; break;
    case RangePreset::Custom:
      r.range = "custom";
      r.from = s.custom_from;
      r.to = s.custom_to;
      break;
  }
  r.direction = std::string(mailflow::direction_key(s.chart_direction));
  r.language = s.lang == Lang::De ? "de" : "en";
  r.theme = s.dark ? "dark" : "light";
  return r;
}

std::string today(const std::string& iso) { return iso.substr(0, 10); }

std::string range_suffix(const AppState& s) {
  auto range = selected_range(s);
  if (!range) return "empty";
  return mailflow::format_day(range->from) + "_" + mailflow::format_day(range->to);
}

void save_report(AppState& s) {
  mailflow::ReportOptions options;
  options.remote_hosts = !s.without_hosts;
  options.saved_at = mfplat::now_iso();
  const std::string html = mailflow::report_html(mfplat::page_html(), s.aggregate, current_state(s), options);
  if (html.empty()) {
    std::fprintf(stderr, "mailflow: this page cannot save reports (its report marker is missing)\n");
    return;
  }
  mfplat::download("mailflow-report-" + today(options.saved_at) + ".html", "text/html", html);
}

void export_file(AppState& s, const std::string& kind) {
  auto range = selected_range(s);
  if (kind == "csv" && range) {
    mfplat::download("mailflow-connectors-" + range_suffix(s) + ".csv", "text/csv",
                     mailflow::connector_csv(s.aggregate, *range, mailflow::ConnectorChoice::all()));
  } else if (kind == "json") {
    mailflow::JsonWriteOptions json;
    json.remote_hosts = !s.without_hosts;
    json.indent = 2;
    mfplat::download("mailflow-aggregate-" + today(mfplat::now_iso()) + ".json", "application/json",
                     mailflow::aggregate_to_json(s.aggregate, json) + "\n");
  } else if (kind == "summary" && range) {
    mailflow::SummaryOptions options;
    options.generated_at = mfplat::now_iso();
    options.remote_hosts = !s.without_hosts;
    options.language = ui_language();  // the summary is for reading: in the page's language
    mfplat::download("mailflow-summary-" + range_suffix(s) + ".html", "text/html",
                     mailflow::summary_html(s.aggregate, *range, options));
  } else if (kind == "png") {
    // Read after the next frame: the menu the export came from is closed by then, and no tooltip
    // is drawn while an export is pending (charts.cpp).
    s.pending_export = "png";
    s.export_frames = 2;
    mfplat::wake();
  }
}

}  // namespace

void record_chart(AppState& s, ImVec2 top_left, float width) {
  const float bottom = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
  s.chart_rect = ImVec4(top_left.x, top_left.y, width, bottom - top_left.y);
  const float k = 1.0f / s.scale;
  s.view["chart"] = {{"x", top_left.x * k}, {"y", top_left.y * k}, {"w", width * k}, {"h", (bottom - top_left.y) * k}};
}

// What the exported chart shows: "TLS usage · Inbound · Contoso gateway · 14.11.2026 – 20.11.2026".
std::string chart_title(const AppState& s) {
  std::string title;
  if (s.page == Page::Connectors && !s.flyout_open) {
    title = tr(s.connector_view == ConnectorView::AllMailFlow ? "All mail flow"
               : s.connector_view == ConnectorView::TlsUsage  ? "TLS usage"
                                                              : "Mail flow");
    if (s.connector_view != ConnectorView::AllMailFlow)
      title += " · " + connector_choice_label(s.choice, "All mail flow");
  } else {
    title = std::string(tr("Message protected in transit (by TLS)")) + " · " + direction_label(s.chart_direction);
  }
  if (auto range = selected_range(s)) title += " · " + fmt_day(range->from) + " – " + fmt_day(range->to);
  return title;
}

void after_frame_drawn(AppState& s) {
  if (s.pending_export != "png" || --s.export_frames > 0) return;
  s.pending_export.clear();
  const ImVec4 r = s.chart_rect;
  if (r.z <= 0 || r.w <= 0) return;
  mfplat::download_canvas_png("mailflow-chart-" + range_suffix(s) + ".png", chart_title(s), s.dark,
                              static_cast<int>(std::floor(r.x)), static_cast<int>(std::floor(r.y)),
                              static_cast<int>(std::ceil(r.z)), static_cast<int>(std::ceil(r.w)));
}

void apply_view_state(AppState& s, const nlohmann::json& j) {
  if (j.contains("language") && j["language"].is_string()) {
    s.lang = j["language"].get<std::string>().rfind("de", 0) == 0 ? Lang::De : Lang::En;
    mfplat::set_language(s.lang == Lang::De ? "de" : "en");
  }
  if (j.contains("theme") && j["theme"].is_string()) {
    s.dark = j["theme"] == "dark";
    s.follow_system_theme = false;
    apply_theme(s.dark, s.scale);
  }
}

void run_share_command(AppState& s, const nlohmann::json& j) {
  if (j.contains("without_hosts") && j["without_hosts"].is_boolean()) s.without_hosts = j["without_hosts"].get<bool>();
  if (j.contains("banner_files") && j["banner_files"].is_boolean()) s.banner_files_open = j["banner_files"].get<bool>();
  if (j.contains("dialog") && j["dialog"] == "save") {
    s.save_dialog = true;
    s.focus_save_dialog = true;
  }
  if (j.contains("save") && j["save"].is_boolean() && j["save"].get<bool>()) save_report(s);
  if (j.contains("export") && j["export"].is_string()) export_file(s, j["export"].get<std::string>());
}

void draw_share_buttons(AppState& s) {
  if (ImGui::Button(tr("Save report"))) {
    s.save_dialog = true;
    s.focus_save_dialog = true;
  }
  record_control(s, "save-report");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+S");
  ImGui::SameLine();
  if (ImGui::Button(tr("Export…"))) ImGui::OpenPopup("export-menu");
  record_control(s, "export");
  if (ImGui::BeginPopup("export-menu")) {
    struct Item { const char* label; const char* kind; };
    const Item items[] = {{"Connector report (CSV)", "csv"}, {"Aggregate (JSON)", "json"},
                          {"Chart (PNG)", "png"}, {"Printable summary (HTML)", "summary"}};
    for (const auto& it : items) {
      if (ImGui::Selectable(tr(it.label))) export_file(s, it.kind);
      record_control(s, (std::string("export:") + it.kind).c_str());
    }
    ImGui::Separator();
    ImGui::Checkbox(tr("Without remote partners and host names"), &s.without_hosts);
    record_control(s, "export:no-hosts");
    ImGui::EndPopup();
    s.view["dialog"] = "export";
  }
}

void draw_report_banner(AppState& s) {
  if (!s.report) return;
  const float sc = s.scale;
  const auto& sources = s.aggregate.sources();
  std::string from;
  nlohmann::json list = nlohmann::json::array();
  for (const auto& src : sources) {
    if (!from.empty()) from += " · ";
    from += src.name + " (" + (src.format_name.empty() ? src.format : tr_engine(src.format_name)) + ", " +
            fmt_plural(src.messages, "message", "messages") + ")";
    list.push_back({{"name", src.name}, {"format", src.format}, {"messages", src.messages}});
  }
  // One line: the files by format and the days their messages cover; the full list on demand.
  std::string summary = sources_summary_line(group_sources(sources));
  if (summary.empty()) summary = tr("no files");
  if (const auto first = s.aggregate.first_day(), last = s.aggregate.last_day(); first && last)
    summary += "; " + fmt_day_span(*first, *last);
  std::string saved = s.report->saved_at;
  if (saved.size() >= 16) saved = fmt_day_text(saved.substr(0, 10)) + " " + saved.substr(11, 5) + " UTC";
  const std::string built_from = std::string(tr("Built from")) + ": " + (from.empty() ? tr("no files") : from);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = ImGui::GetContentRegionAvail().x - 2 * (style.WindowPadding.x + style.ChildBorderSize);
  // Open, the list wraps up to four lines (then it scrolls inside the banner).
  const float list_h = s.banner_files_open ? std::min(ImGui::CalcTextSize(built_from.c_str(), nullptr, false, wrap).y,
                                                      ImGui::GetTextLineHeight() * 4) + style.ItemSpacing.y
                                           : 0;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, s.dark ? IM_COL32(0, 69, 120, 255) : IM_COL32(222, 236, 249, 255));
  ImGui::BeginChild("report-banner",
                    ImVec2(0, ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeightWithSpacing() + list_h +
                                  2 * style.WindowPadding.y + 6 * sc),
                    true);
  ImGui::PushStyleColor(ImGuiCol_Text, accent_color());
  ImGui::TextUnformatted(tr("Saved report"));
  ImGui::PopStyleColor();
  ImGui::SameLine();
  const char* holds = s.report->remote_hosts
                          ? tr("Counts per day, connector and TLS version, with remote partners and host names; no messages, subjects or addresses.")
                          : tr("Counts per day, connector and TLS version, without remote partners and host names; no messages, subjects or addresses.");
  ImGui::TextUnformatted(holds);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", holds);
  const char* toggle = s.banner_files_open ? tr("Hide files") : tr("Show files");
  const std::string line = std::string(tr("Saved")) + " " + (saved.empty() ? "?" : saved) + " · " + summary;
  // The toggle first, where it is always in view; the line is cut to the banner (all on hover).
  if (ImGui::SmallButton(toggle)) s.banner_files_open = !s.banner_files_open;
  record_control(s, "banner:files");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  text_in_width(line, ImGui::GetContentRegionAvail().x);
  if (s.banner_files_open) {
    ImGui::BeginChild("report-banner-files", ImVec2(0, list_h), false);
    ImGui::TextWrapped("%s", built_from.c_str());
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  s.view["banner"] = "Saved report";
  s.view["report"] = {{"saved_at", s.report->saved_at}, {"generator", s.report->generator},
                      {"remote_hosts", s.report->remote_hosts}, {"sources", list},
                      {"summary_shown", summary}, {"holds_shown", holds},
                      {"files_open", s.banner_files_open}};
  if (s.banner_files_open) s.view["report"]["files_shown"] = built_from;
}

void draw_save_dialog(AppState& s) {
  if (!s.save_dialog) return;
  const float sc = s.scale;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(std::min(560 * sc, vp->Size.x - 40 * sc), 0), ImGuiCond_Always);
  ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x / 2, vp->Pos.y + 120 * sc), ImGuiCond_Appearing, ImVec2(0.5f, 0));
  if (s.focus_save_dialog) {
    ImGui::SetNextWindowFocus();
    s.focus_save_dialog = false;
  }
  bool open = true;
  char title[96];
  std::snprintf(title, sizeof title, "%s###save-dialog", tr("Save report"));
  if (ImGui::Begin(title, &open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextWrapped("%s", tr("One .html file with this dashboard and its data, as you see it now. It opens in any browser, offline, and can be dropped back on mailflow to add more logs."));
    ImGui::TextWrapped("%s", tr("It holds counts per day, direction, connector and TLS version and the list of source files; never messages, subjects or addresses."));
    ImGui::Checkbox(tr("Without remote partners and host names"), &s.without_hosts);
    record_control(s, "save:no-hosts");
    // Enter saves, as the default button of a dialog does (Esc cancels: keyboard.cpp).
    const bool enter = ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                       (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false));
    if (ImGui::Button(tr("Save")) || enter) {
      save_report(s);
      open = false;
    }
    record_control(s, "save:confirm");
    ImGui::SameLine();
    if (ImGui::Button(tr("Cancel"))) open = false;
    record_control(s, "save:cancel");
  }
  ImGui::End();
  s.view["dialog"] = "save";
  if (!open) s.save_dialog = false;
}

}  // namespace mfapp
