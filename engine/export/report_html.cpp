#include "export/report_html.h"

#include <nlohmann/json.hpp>

#include "export/aggregate_pack.h"
#include "export/base64.h"
#include "export/deflate.h"
#include "export/html_text.h"
#include "util/json_text.h"

namespace mailflow {

using Json = nlohmann::ordered_json;

namespace {

constexpr std::string_view kScriptClose = "</script>";

Json connector_json(const ConnectorChoice& c) {
  switch (c.kind) {
    case ConnectorChoice::Kind::NoConnector: return "";
    case ConnectorChoice::Kind::Unknown: return nullptr;
    case ConnectorChoice::Kind::Named: return c.name;
    case ConnectorChoice::Kind::All: break;
  }
  return "all";
}

// The report's elements sit right after the marker, nowhere else: text that merely spells them out
// elsewhere in the page (in a script, say) is never taken for them.
std::optional<std::string_view> element_text(std::string_view html, std::string_view open) {
  const size_t marker = html.find(kReportMarker);
  if (marker == std::string_view::npos) return std::nullopt;
  size_t at = marker + kReportMarker.size();
  for (int k = 0; k < 2; ++k) {
    const std::string_view rest = html.substr(at);
    const bool ours = rest.substr(0, kReportElementOpen.size()) == kReportElementOpen;
    const bool aggregate = rest.substr(0, kAggregateElementOpen.size()) == kAggregateElementOpen;
    if (!ours && !aggregate) return std::nullopt;
    const size_t body = at + (ours ? kReportElementOpen.size() : kAggregateElementOpen.size());
    const size_t end = html.find(kScriptClose, body);
    if (end == std::string_view::npos) return std::nullopt;
    if ((ours && open == kReportElementOpen) || (aggregate && open == kAggregateElementOpen))
      return html.substr(body, end - body);
    at = end + kScriptClose.size();
  }
  return std::nullopt;
}

}  // namespace

std::string report_state_json(const ReportState& s) {
  Json j = {{"page", s.page}, {"flyout", s.flyout}, {"view", s.view}};
  if (s.connector.kind != ConnectorChoice::Kind::All) j["connector"] = connector_json(s.connector);
  if (s.range == "custom") {
    j["from"] = s.from;
    j["to"] = s.to;
  } else {
    j["range"] = s.range;
  }
  j["direction"] = s.direction;
  j["language"] = s.language;
  j["theme"] = s.theme;
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool is_report_page(std::string_view page_html) {
  return page_html.find(kReportMarker) != std::string_view::npos;
}

std::string strip_report(std::string_view page_html) {
  std::string out(page_html);
  const size_t marker = out.find(kReportMarker);
  if (marker == std::string::npos) return out;
  const size_t at = marker + kReportMarker.size();
  for (;;) {
    const std::string_view rest = std::string_view(out).substr(at);
    const bool ours = rest.substr(0, kReportElementOpen.size()) == kReportElementOpen ||
                      rest.substr(0, kAggregateElementOpen.size()) == kAggregateElementOpen;
    const size_t end = ours ? out.find(kScriptClose, at) : std::string::npos;
    if (end == std::string::npos) return out;
    out.erase(at, end + kScriptClose.size() - at);
  }
}

std::string report_html(std::string_view page_html, const Aggregate& aggregate, const ReportState& state,
                        const ReportOptions& options) {
  std::string page = strip_report(page_html);
  const size_t marker = page.find(kReportMarker);
  if (marker == std::string::npos) return {};

  Json header = {{"schema", std::string(kReportSchema)},
                 {"generator", "mailflow " MAILFLOW_VERSION},
                 {"saved_at", options.saved_at},
                 {"remote_hosts", options.remote_hosts}};
  std::string head = header.dump(-1, ' ', false, Json::error_handler_t::replace);
  head.pop_back();  // the closing brace: the state follows as it is
  head += ",\"state\":" + report_state_json(state) + "}";

  const std::string body = pack_aggregate(aggregate, options.remote_hosts);

  std::string embedded;
  embedded.reserve(head.size() + body.size() + 256);
  embedded += kReportElementOpen;
  embedded += json_for_script(head);
  embedded += kScriptClose;
  embedded += kAggregateElementOpen;
  embedded += base64_encode(deflate_raw(body));
  embedded += kScriptClose;
  page.insert(marker + kReportMarker.size(), embedded);
  return page;
}

bool looks_like_saved_report(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos || head[first] != '<') return false;
  const size_t marker = head.find(kReportMarker);
  return marker != std::string_view::npos &&
         head.substr(marker + kReportMarker.size(), kReportElementOpen.size()) == kReportElementOpen;
}

std::optional<SavedReport> read_saved_report(std::string_view html, std::string& error) {
  const auto header_text = element_text(html, kReportElementOpen);
  const auto aggregate_text = element_text(html, kAggregateElementOpen);
  if (!header_text || !aggregate_text) return error = "not a saved mailflow report (no embedded report found)", std::nullopt;
  const Json header = parse_json(*header_text);
  if (header.is_discarded() || !header.is_object() || !header.contains("schema") ||
      header["schema"] != std::string(kReportSchema))
    return error = "the embedded report is not " + std::string(kReportSchema), std::nullopt;

  SavedReport report;
  std::optional<std::string> packed = embedded_aggregate(html, error);
  if (!packed) return std::nullopt;
  std::optional<Aggregate> aggregate = unpack_aggregate(*packed, error);
  if (!aggregate) return error = "the embedded aggregate cannot be read: " + error, std::nullopt;
  report.aggregate = std::move(*aggregate);
  report.embedded = std::move(*packed);
  if (auto it = header.find("generator"); it != header.end() && it->is_string()) report.generator = it->get<std::string>();
  if (auto it = header.find("saved_at"); it != header.end() && it->is_string()) report.saved_at = it->get<std::string>();
  if (auto it = header.find("remote_hosts"); it != header.end() && it->is_boolean()) report.remote_hosts = it->get<bool>();
  if (auto it = header.find("state"); it != header.end() && it->is_object()) report.state_json = it->dump();
  else report.state_json = "{}";
  return report;
}

std::optional<std::string> embedded_aggregate(std::string_view html, std::string& error) {
  const auto text = element_text(html, kAggregateElementOpen);
  if (!text) return error = "not a saved mailflow report (no embedded aggregate found)", std::nullopt;
  const std::optional<std::string> packed = base64_decode(*text);
  std::optional<std::string> json = packed ? inflate_raw(*packed, size_t{1} << 30) : std::nullopt;
  if (!json) return error = "the embedded aggregate is damaged (not base64 of DEFLATE data)", std::nullopt;
  return json;
}

}  // namespace mailflow
