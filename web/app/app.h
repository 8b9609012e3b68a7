// The dashboard's state and the functions that draw it, shared by the view files
// (view_*.cpp), the charts, the theme, i18n and the accessibility summary.
//
// Every view is a pure function of the loaded Aggregate and the UI state below: it calls the
// engine's report functions (report/views.h, report/insights.h), draws their structs, and records
// what it showed in `AppState::view` so that window.mailflow.view() and the DOM summary describe
// exactly what is on screen.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "imgui.h"

#include "aggregate/aggregate.h"
#include "report/insights.h"
#include "report/partners.h"
#include "report/views.h"
#include "text/language.h"

namespace mfapp {

enum class Page { Dashboard, Connectors, TlsReports, Sources, Partners };
enum class ConnectorView { MailFlow, AllMailFlow, TlsUsage };
enum class RangePreset { Last7, Last30, All, Custom };
enum class Lang { En, De };

// One file the worker reads (or has read), as the progress panel shows it.
struct FileProgress {
  int id = 0;
  std::string name;
  std::string state;  // queued | reading | done | cancelled | error
  uint64_t size = 0;
  uint64_t bytes_read = 0;
  double mb_per_s = 0;
  double eta_s = -1;
  std::string format_name;
  uint64_t messages = 0;
  std::string error;
};

// A saved report the data came from (its banner says so).
struct SavedReportInfo {
  std::string saved_at;
  std::string generator;
  bool remote_hosts = true;
};

struct AppState {
  // ---- data (from the worker) ----
  mailflow::Aggregate aggregate;
  uint64_t data_version = 0;    // counts aggregates loaded: views that cache their figures key on it
  bool has_data = false;
  bool example = true;          // the bundled example data is shown
  std::string load_error;       // an aggregate JSON the app could not read
  std::vector<FileProgress> files;
  bool ingest_running = false;
  bool ingest_example = false;  // the running load is the bundled example data (no progress shown for it)
  double ingest_started_ms = -1;            // emscripten_get_now() when this load began (overall MB/s)
  std::optional<bool> progress_list_open;   // the user opened or closed the per-file list (else: by count)

  // ---- UI state ----
  Page page = Page::Dashboard;
  bool flyout_open = false;
  bool focus_flyout = false;
  int flyout_frames = 0;  // frames the flyout has been shown (a click that opened it never closes it)
  ConnectorView connector_view = ConnectorView::MailFlow;
  mailflow::Direction chart_direction = mailflow::Direction::Inbound;
  RangePreset preset = RangePreset::Last7;
  char custom_from[16] = "";
  char custom_to[16] = "";
  mailflow::ConnectorChoice choice;  // for Mail flow / TLS usage (one connector)
  int open_insight = -1;             // index into the insights shown, its hosts popup is open
  // The Partners page (view_partners.cpp): its own direction and connector (all connectors by
  // default, unlike the connector report's one connector), search text and "what if" policy.
  std::optional<mailflow::Direction> partners_direction;  // nullopt: both directions
  mailflow::ConnectorChoice partners_connector;            // All by default
  char partners_search[128] = "";
  std::optional<mailflow::TlsPolicy> partners_policy;     // nullopt: the what-if is off
  std::string partners_expanded;                          // the partner whose hosts are listed
  bool request_insight_popup = false;
  Lang lang = Lang::En;
  bool dark = false;
  bool follow_system_theme = true;
  float scale = 1.0f;  // device pixel ratio: the UI is laid out in canvas pixels

  // ---- sharing (share.cpp) ----
  std::optional<SavedReportInfo> report;  // the data came from a saved report
  bool save_dialog = false;               // the Save report window is open
  bool focus_save_dialog = false;
  bool without_hosts = false;             // "without remote host names" for the report and exports
  bool banner_files_open = false;         // the saved-report banner lists every file (else one line)
  std::string pending_export;             // png: taken once export_frames more frames are drawn
  int export_frames = 0;
  ImVec4 chart_rect{0, 0, 0, 0};          // the current chart this frame (canvas pixels: x, y, w, h)

  // ---- what this frame showed (window.mailflow.view(), DOM summary) ----
  nlohmann::json view;
};

AppState& state();
ImFont* big_font();  // for the card's figures

// The date range the Filter selects (nullopt: no data).
std::optional<mailflow::DateRange> selected_range(const AppState& s);
// The Filter's range over the days of the TLS reports (nullopt: no TLS reports).
std::optional<mailflow::DateRange> selected_tlsrpt_range(const AppState& s);
// The aggregate has TLS reports: the TLS reports page is offered.
bool has_tls_reports(const AppState& s);
// The "last 7 days" of the card, whatever the Filter says.
std::optional<mailflow::DateRange> card_range(const AppState& s);

// ---- views (one file each) ----
void draw_top_bar(AppState& s);
void draw_overview(AppState& s);          // view_overview.cpp: the card and the dashboard page
void draw_tls_flyout(AppState& s);        // view_tls_flyout.cpp
void draw_connector_report(AppState& s);  // view_connector_report.cpp
// The insights of `range` (view_insights.cpp), found again only when the data or the range changes.
const std::vector<mailflow::Insight>& insights_of(const AppState& s, mailflow::DateRange range);
void draw_insights(AppState& s, const std::vector<mailflow::Insight>& insights,
                   bool compact);          // view_insights.cpp
void draw_insight_hosts_popup(AppState& s, const std::vector<mailflow::Insight>& insights);
// TLS-RPT failures as insights (engine: report/tlsrpt_insights.h) for the Filter's TLS-RPT range;
// recorded as view()["tlsrpt_insights"]. Returns how many were drawn.
size_t draw_tlsrpt_insights(AppState& s);
void draw_sources(AppState& s);           // view_sources.cpp
void draw_partners(AppState& s);          // view_partners.cpp: remote partners and the TLS "what if"
void draw_tls_reports(AppState& s);       // view_tls_reports.cpp: the TLS-RPT page (only with TLS reports)
void draw_progress(AppState& s);          // view_progress.cpp
// view_filter.cpp: the date-range Filter. `tlsrpt`: its presets count the days of the TLS reports.
void draw_filter(AppState& s, bool tlsrpt = false);

// ---- TLS charts and tables shared by the flyout and the connector report (view_tls_flyout.cpp) ----
struct StackedBars;
struct Table;
// Per day, stacked by TLS state; `percent`: shares of the messages with TLS data (no-data left out).
StackedBars tls_day_chart(const std::vector<mailflow::DayMix>& days, mailflow::Direction d, bool percent);
// One row per TLS state: messages and share of those with TLS data; no-data apart.
Table tls_version_table(const mailflow::TlsMix& mix);
// One row per day and direction: messages per TLS state and the protected share.
Table tls_daily_table(const std::vector<mailflow::DayMix>& days);
nlohmann::json days_json(const std::vector<mailflow::DayMix>& days);

// ---- share.cpp: Save report, exports, the saved-report banner ----
void draw_share_buttons(AppState& s);   // in the top bar
void draw_report_banner(AppState& s);   // instead of the example banner
void draw_save_dialog(AppState& s);
void run_share_command(AppState& s, const nlohmann::json& command);  // {"dialog":"save"} | {"save":{...}} | {"export":kind}
void after_frame_drawn(AppState& s);    // takes the chart PNG asked for
void apply_view_state(AppState& s, const nlohmann::json& state);     // language and theme of a saved view
// Remembers the chart drawn from `top_left` (cursor position before it) to the cursor now.
void record_chart(AppState& s, ImVec2 top_left, float width);

// ---- keyboard.cpp: Esc closes the innermost layer only ----
bool imgui_popup_open();  // an ImGui popup (menu) is open; asked before NewFrame
void close_innermost_on_escape(AppState& s, bool popup_was_open);

// ---- a card: a child window on the theme's card colour (view_common.cpp) ----
// As ImGui::BeginChild (EndChild after, always); its background is painted by mfplat::fill_opaque_rect.
bool begin_card(const char* id, ImVec2 size, bool border, ImGuiWindowFlags flags = 0);

// ---- controls the tests can click (CSS pixels, recorded into view["controls"]) ----
void record_control(AppState& s, const char* id);

// ---- connector choices as the pickers show them (view_common.cpp) ----
// "(no connector)", "(unknown connector)", the name, or `all_label` ("All mail flow", "All connectors").
std::string connector_choice_label(const mailflow::ConnectorChoice& c, const char* all_label);
// A connector as the tables name it: its own name as written (never translated), or "(no
// connector)" / "(unknown connector)" in the UI's language.
std::string connector_label_shown(const std::optional<std::string>& name);
// In view(): "all", "" (no connector), null (unknown) or the name.
nlohmann::json connector_choice_json(const mailflow::ConnectorChoice& c);

// ---- i18n.cpp ----
const char* tr(const char* english);
// An engine text (skip reason, note, error, format name, insight sentence, hint) in the UI's
// language, from the engine's catalogue (text/messages.h); English when it lacks the text.
const std::string& tr_engine(const std::string& english);
mailflow::Language ui_language();
std::string fmt_count(uint64_t n);
// "1 message" / "2 messages", "1 Nachricht" / "2 Nachrichten": the count and the noun that goes with it.
std::string fmt_plural(uint64_t n, const char* one, const char* many);
std::string fmt_percent(std::optional<double> share, int decimals = 1);
std::string fmt_bytes(double bytes);
std::string fmt_day(mailflow::Day day);        // 2026-11-20 / 20.11.2026
std::string fmt_day_text(const std::string& iso_day);  // the same from "2026-11-20" (view() JSON)
std::string fmt_day_short(mailflow::Day day);  // 11-20 / 20.11.
std::string direction_label(mailflow::Direction d);
std::string tls_label(mailflow::TlsVersion v);

// ---- source_summary.cpp: the sources in a few words ----
struct SourceGroup {
  std::string format;       // format key ("" = not recognised)
  std::string format_name;  // the engine's name of the format (English)
  size_t files = 0;
  uint64_t messages = 0;
  std::optional<mailflow::Day> first_day, last_day;  // the days the group's files cover
  std::string why_none;     // no messages: why (its first file's reason), else ""
};
// By format (zip archives left out: their entries count), most files first, unreadable last.
std::vector<SourceGroup> group_sources(const std::vector<mailflow::SourceReport>& sources);
std::string format_group_label(const SourceGroup& group);              // "3 Extended reports"
std::string sources_summary_line(const std::vector<SourceGroup>& groups);  // "3 Extended reports, 30 tracking logs"
std::string fmt_day_span(mailflow::Day first, mailflow::Day last);     // "1–30 Nov 2026" / "1.–30.11.2026"
// Why a file counted no messages ("" when it counted some).
std::string zero_messages_reason(const mailflow::SourceReport& src);

// ---- accessibility.cpp: the DOM text summary of what is on screen ----
std::string accessible_summary(const nlohmann::json& view);

// ---- JSON helpers for view() ----
nlohmann::json mix_json(const mailflow::TlsMix& mix);
nlohmann::json insight_json(const mailflow::Insight& insight);

}  // namespace mfapp
