#include "export/summary_html.h"

#include "export/html_text.h"
#include "report/insights.h"
#include "report/number_format.h"
#include "text/messages.h"
#include "util/text.h"

namespace mailflow {

namespace {

constexpr const char* kStyle = R"css(
body { font: 11pt/1.4 system-ui, "Segoe UI", sans-serif; color: #201f1e; margin: 2em; }
h1 { font-size: 18pt; margin: 0 0 .2em; } h2 { font-size: 13pt; margin: 1.6em 0 .4em; }
p.meta { color: #605e5c; margin: 0 0 1em; }
table { border-collapse: collapse; margin: .4em 0 1.2em; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .3em 0; }
th, td { border: 1px solid #c8c6c4; padding: .2em .6em; vertical-align: top; }
thead th { background: #f3f2f1; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tbody th { text-align: left; font-weight: normal; }
@media print {
  body { margin: 0; font-size: 9.5pt; } h2 { break-after: avoid; }
  table { break-inside: auto; } tr, caption { break-inside: avoid; } thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
)css";

struct Html {
  std::string out;
  Language language = Language::En;
  Html& raw(std::string_view s) { out += s; return *this; }
  Html& text(std::string_view s) { append_html_text(out, s); return *this; }
  // A word of the summary or a text of the engine (reason, format name, insight) in the language.
  std::string tr(std::string_view english) const { return render_message(english, language); }
};

constexpr TlsVersion kColumns[] = {TlsVersion::Tls13, TlsVersion::Tls12, TlsVersion::Tls11, TlsVersion::Tls10,
                                   TlsVersion::Ssl3,  TlsVersion::UnknownVersion, TlsVersion::None, TlsVersion::NoData};

std::string direction_name(Direction d) { return d == Direction::Inbound ? "Inbound" : "Outbound"; }

// The caption and the headers are the summary's own words: they are written in its language.
void table_start(Html& h, std::string_view caption, std::initializer_list<std::string_view> headers, size_t text_columns = 1) {
  h.raw("<table><caption>").text(h.tr(caption)).raw("</caption>\n<thead><tr>");
  size_t i = 0;
  for (std::string_view head : headers)
    h.raw(i++ < text_columns ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"n\">").text(h.tr(head)).raw("</th>");
  h.raw("</tr></thead>\n<tbody>\n");
}
void row_header(Html& h, std::string_view text) { h.raw("<tr><th scope=\"row\">").text(text).raw("</th>"); }
void cell(Html& h, std::string_view text) { h.raw("<td>").text(text).raw("</td>"); }
void num(Html& h, std::string_view text) { h.raw("<td class=\"n\">").text(text).raw("</td>"); }
void count(Html& h, uint64_t n) { num(h, format_count(n, h.language)); }
void share(Html& h, std::optional<double> value) { num(h, format_percent(value, 1, h.language)); }
std::string day_text(const Html& h, Day d) { return format_day(d, h.language); }
// A connector's own name as it is; the fixed labels ("(no connector)") in the language.
std::string connector_text(const Html& h, const std::optional<std::string>& name) {
  return name && !name->empty() ? *name : h.tr(connector_label(name));
}

void mix_cells(Html& h, const TlsMix& mix) {
  for (TlsVersion v : kColumns) count(h, mix[v].messages);
  count(h, mix.total().messages);
  share(h, mix.protected_share());
}

void sources(Html& h, const Aggregate& aggregate) {
  h.raw("<h2 id=\"sources\">").text(h.tr("Sources")).raw("</h2>\n");
  table_start(h, "Files this report was built from", {"File", "Format", "Records", "Messages", "Skipped", "Status"}, 2);
  for (const auto& s : aggregate.sources()) {
    row_header(h, s.name);
    cell(h, s.format_name.empty() ? s.format : h.tr(s.format_name));
    count(h, s.records);
    count(h, s.messages);
    count(h, s.skipped);
    h.raw(s.error.empty() ? "<td>" : "<td class=\"error\">").text(h.tr(s.error.empty() ? "read" : s.error)).raw("</td></tr>\n");
  }
  h.raw("</tbody></table>\n");
}

void overview(Html& h, const MailFlowOverview& o) {
  h.raw("<h2 id=\"overview\">").text(h.tr("Outbound and inbound mail flow")).raw("</h2>\n");
  table_start(h, "Messages and the share protected by TLS", {"Direction", "Messages", "With TLS data", "TLS protected"});
  for (Direction d : {Direction::Inbound, Direction::Outbound}) {
    const TlsMix& mix = o.totals[d];
    row_header(h, h.tr(direction_name(d)));
    count(h, mix.total().messages);
    count(h, mix.messages_with_tls_data());
    share(h, mix.protected_share());
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");

  h.raw("<h2 id=\"tls\">").text(h.tr("Message protected in transit (by TLS)")).raw("</h2>\n");
  table_start(h, "Messages per TLS version (share of the messages with TLS data)",
              {"TLS", "Inbound", "Inbound share", "Outbound", "Outbound share"});
  for (TlsVersion v : kColumns) {
    row_header(h, h.tr(std::string(tls_display_name(v))));
    for (Direction d : {Direction::Inbound, Direction::Outbound}) {
      count(h, o.totals[d][v].messages);
      num(h, v == TlsVersion::NoData ? "-" : format_percent(o.totals[d].share(v), 1, h.language));
    }
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");

  table_start(h, "TLS per day", {"Day", "Direction", "TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0", "SSL 3.0",
                                 "TLS, version unknown", "No TLS", "No TLS data", "Total", "TLS protected"}, 2);
  for (const auto& day : o.days) {
    for (Direction d : {Direction::Inbound, Direction::Outbound}) {
      row_header(h, day_text(h, day.day));
      cell(h, h.tr(direction_name(d)));
      mix_cells(h, day.mix[d]);
      h.raw("</tr>\n");
    }
  }
  h.raw("</tbody></table>\n");
}

void connectors(Html& h, const ConnectorReport& report, const std::vector<Insight>& insights) {
  h.raw("<h2 id=\"connectors\">").text(h.tr("Connector report")).raw("</h2>\n");
  table_start(h, "TLS usage per connector", {"Connector", "Direction", "TLS 1.3", "TLS 1.2", "TLS 1.1", "TLS 1.0",
                                             "SSL 3.0", "TLS, version unknown", "No TLS", "No TLS data", "Total",
                                             "TLS protected", "Insights"}, 2);
  for (const auto& c : report.connectors) {
    row_header(h, connector_text(h, c.name));
    cell(h, h.tr(direction_name(c.direction)));
    mix_cells(h, c.mix);
    std::string titles;
    for (const auto& in : insights)
      if (in.direction == c.direction && in.connector_name == c.name) append_listed(titles, "; ", h.tr(in.title));
    cell(h, titles);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
}

void daily_rows(Html& h, const std::vector<ConnectorCsvRow>& rows) {
  table_start(h, "Connector report per day", {"Day", "Direction", "Connector", "TLS 1.3", "TLS 1.2", "TLS 1.1",
                                              "TLS 1.0", "SSL 3.0", "TLS, version unknown", "No TLS", "No TLS data",
                                              "Total", "TLS protected"}, 3);
  for (const auto& r : rows) {
    row_header(h, day_text(h, r.day));
    cell(h, h.tr(direction_name(r.direction)));
    cell(h, connector_text(h, r.connector));
    mix_cells(h, r.mix);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
}

void insight_list(Html& h, const std::vector<Insight>& insights, bool hosts) {
  h.raw("<h2 id=\"insights\">").text(h.tr("Insights")).raw("</h2>\n");
  if (insights.empty()) {
    h.raw("<p>").text(h.tr("No insights for this range.")).raw("</p>\n");
    return;
  }
  table_start(h, "Insights", {"Insight", "Direction", "Connector", "Detail", "Messages", "Share"}, 4);
  for (const auto& in : insights) {
    row_header(h, h.tr(in.title));
    cell(h, h.tr(direction_name(in.direction)));
    cell(h, connector_text(h, in.connector_name));
    cell(h, h.tr(in.detail));
    count(h, in.messages);
    share(h, in.share);
    h.raw("</tr>\n");
  }
  h.raw("</tbody></table>\n");
  if (!hosts) {
    h.raw("<p>").text(h.tr("Remote host names were left out of this report.")).raw("</p>\n");
    return;
  }
  for (const auto& in : insights) {
    if (in.top_hosts.empty()) continue;
    table_start(h, h.tr("Top remote hosts") + ": " + h.tr(in.title) + " (" + h.tr(direction_name(in.direction)) + ", " +
                       connector_text(h, in.connector_name) + ")",
                {"Remote host", "Partner", "Messages"});
    for (const auto& host : in.top_hosts) {
      row_header(h, remote_host_label(host));
      h.raw("<td>");
      h.text(host.other ? "" : host.partner);
      h.raw("</td>");
      count(h, host.messages);
      h.raw("</tr>\n");
    }
    h.raw("</tbody></table>\n");
  }
}

}  // namespace

std::string summary_html(const Aggregate& aggregate, DateRange range, const SummaryOptions& options) {
  Html h;
  h.language = options.language;
  h.raw("<!doctype html>\n<html lang=\"").raw(language_key(h.language)).raw("\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>mailflow summary ")
      .text(day_text(h, range.from)).raw(" – ").text(day_text(h, range.to))
      .raw("</title>\n<style>").raw(kStyle).raw("</style>\n</head>\n<body>\n<main>\n<h1>")
      .text(h.tr("mailflow: mail flow TLS and connector report")).raw("</h1>\n<p class=\"meta\">")
      .text(day_text(h, range.from)).raw(" – ").text(day_text(h, range.to)).raw(" (")
      .text(format_plural(static_cast<uint64_t>(range.days()), h.tr("day"), h.tr("days"), h.language)).raw(")");
  if (!options.generated_at.empty()) h.raw(" · ").text(h.tr("generated")).raw(" ").text(options.generated_at);
  h.raw(" · ").text(h.tr("shares are taken over the messages whose TLS state the source records; “No TLS data” is kept apart."))
      .raw("</p>\n");

  const MailFlowOverview o = mail_flow_overview(aggregate, range);
  const ConnectorReport report = connector_report(aggregate, range, ConnectorChoice::all());
  const std::vector<Insight> insights = find_insights(aggregate, range);
  overview(h, o);
  connectors(h, report, insights);
  insight_list(h, insights, options.remote_hosts);
  daily_rows(h, connector_daily_rows(aggregate, range));
  sources(h, aggregate);
  h.raw("</main>\n</body>\n</html>\n");
  return std::move(h.out);
}

}  // namespace mailflow
