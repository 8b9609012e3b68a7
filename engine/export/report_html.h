// The saved report: ONE self-contained .html file that is the mailflow page itself with the data
// and the view embedded, so that it opens anywhere (from disk, offline) as the same interactive
// dashboard. Written by the web app (Save report) and by `mailflow report --html` alike.
//
// The page carries a marker, <!--mailflow:report-->, where build_page.mjs put it; the report goes
// right after it as two inert elements the HTML parser never runs:
//   <script type="application/json" id="mailflow-report">{"schema":"mailflow.report.v1",
//     "generator","saved_at","remote_hosts","state":{page, flyout, view, connector, range|from+to,
//     direction, language, theme}}</script>
//     JSON escaped with json_for_script: text from the logs (a connector name) cannot end it.
//   <script type="application/x-mailflow-aggregate" id="mailflow-aggregate">BASE64</script>
//     the aggregate in its packed JSON form (export/aggregate_pack.h), raw DEFLATE, base64: 30
//     days of 200 connectors with full host sketches are 20 MB as aggregate JSON and about 1.1 MB
//     packed and deflated; base64 has no character HTML could read as markup.
//     `mailflow aggregate REPORT.html` prints it as aggregate JSON (mailflow.aggregate.v1).
// Only the aggregate is embedded: counts per day, direction, connector and TLS version, the source
// reports and (unless left out) remote host names; never messages, subjects or addresses.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aggregate/aggregate.h"
#include "report/views.h"

namespace mailflow {

inline constexpr std::string_view kReportSchema = "mailflow.report.v1";
inline constexpr std::string_view kReportMarker = "<!--mailflow:report-->";
inline constexpr std::string_view kReportElementOpen = R"(<script type="application/json" id="mailflow-report">)";
inline constexpr std::string_view kAggregateElementOpen = R"(<script type="application/x-mailflow-aggregate" id="mailflow-aggregate">)";

// What the user was looking at; the same keys as the page's navigation command.
struct ReportState {
  std::string page = "dashboard";   // dashboard | connectors | sources
  bool flyout = false;              // the TLS flyout is open
  std::string view = "mail-flow";   // mail-flow | all-mail-flow | tls-usage (connector report)
  ConnectorChoice connector;        // All: the report's default (the busiest connector)
  std::string range = "7";          // 7 | 30 | all | custom
  std::string from, to;             // YYYY-MM-DD, for custom
  std::string direction = "inbound";
  std::string language = "en";      // en | de
  std::string theme = "light";      // light | dark
};
std::string report_state_json(const ReportState& state);

struct ReportOptions {
  bool remote_hosts = true;  // false: remote host names are left out
  std::string saved_at;      // ISO 8601 UTC, e.g. 2026-11-27T17:40:00Z
};

// True when `page_html` is a mailflow page a report can be written into (it has the marker).
bool is_report_page(std::string_view page_html);
// `page_html` without any embedded report (a saved report's page is a page like any other).
std::string strip_report(std::string_view page_html);
// The saved report file; "" when `page_html` is not a mailflow page (see is_report_page).
std::string report_html(std::string_view page_html, const Aggregate& aggregate, const ReportState& state,
                        const ReportOptions& options = {});

// Reading one back: a saved report file, as the page worker and the shell get it.
struct SavedReport {
  Aggregate aggregate;
  std::string embedded;  // the aggregate as embedded (packed JSON), after inflating
  std::string generator;
  std::string saved_at;
  bool remote_hosts = true;
  std::string state_json;  // the state object as JSON ("{}" when absent)
};
// True when the first bytes of a file look like a saved report (HTML with the report element).
bool looks_like_saved_report(std::string_view head);
std::optional<SavedReport> read_saved_report(std::string_view html, std::string& error);
// The embedded aggregate's packed JSON alone (base64, then inflate); nullopt with `error` set.
std::optional<std::string> embedded_aggregate(std::string_view html, std::string& error);

}  // namespace mailflow
