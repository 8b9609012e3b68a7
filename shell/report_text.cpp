#include "report_text.h"

#include <algorithm>
#include <string_view>

#include "export/text_table.h"
#include "report/number_format.h"

namespace mailflow::shell {

namespace {

using Align = TextTable::Align;

constexpr size_t kProblemsShown = 10;

struct TlsColumn {
  std::string_view title;
  TlsVersion tls;
};

// The states with TLS data, in the EAC's order. SSL 3.0 and TLS of unknown version are rare and
// shown only when the mix has any.
std::vector<TlsColumn> tls_columns(const TlsMix& everything) {
  std::vector<TlsColumn> columns = {{"No TLS", TlsVersion::None},
                                    {"TLS 1.0", TlsVersion::Tls10},
                                    {"TLS 1.1", TlsVersion::Tls11},
                                    {"TLS 1.2", TlsVersion::Tls12},
                                    {"TLS 1.3", TlsVersion::Tls13}};
  if (everything[TlsVersion::Ssl3].messages > 0) columns.push_back({"SSL 3.0", TlsVersion::Ssl3});
  if (everything[TlsVersion::UnknownVersion].messages > 0) {
    columns.push_back({"TLS, version unknown", TlsVersion::UnknownVersion});
  }
  return columns;
}

std::string_view direction_title(Direction d) { return d == Direction::Inbound ? "Inbound" : "Outbound"; }

std::string count(uint64_t n) { return format_count(n); }

std::string section(std::string_view title) { return std::string(title) + "\n"; }

// "host (50)", or "host (48-50)" when the sketch may have overcounted it.
std::string host_text(const HostCount& host) {
  std::string text = printable(host.host) + " (";
  if (host.error > 0) text += count(host.messages > host.error ? host.messages - host.error : 0) + "-";
  return text + count(host.messages) + ")";
}

}  // namespace

std::string range_title(DateRange range) {
  const int days = range.days();
  return format_day(range.from) + " to " + format_day(range.to) + " (" + std::to_string(days) +
         (days == 1 ? " day)" : " days)");
}

std::string sources_text(const Aggregate& aggregate) {
  std::string out = section("Sources");
  if (aggregate.sources().empty()) return out + "  (none)\n";
  TextTable table({{"File", Align::Left}, {"Format", Align::Left}, {"Records"}, {"Messages"}, {"Skipped"}});
  for (const SourceReport& s : aggregate.sources()) {
    table.add_row({s.name, s.format_name.empty() ? s.format : s.format_name, count(s.records),
                   count(s.messages), count(s.skipped)});
  }
  out += table.render("  ");

  for (const SourceReport& s : aggregate.sources()) {
    const std::string name = printable(s.name);
    if (!s.error.empty()) out += "  " + name + ": error: " + printable(s.error) + "\n";
    if (!s.skipped_by_reason.empty()) {
      std::string line = "  " + name + ": skipped ";
      bool first = true;
      for (const auto& [reason, n] : s.skipped_by_reason) {
        if (!first) line += "; ";
        first = false;
        line += count(n) + " " + printable(reason);
      }
      out += line + "\n";
    }
    const size_t shown = std::min(s.problems.size(), kProblemsShown);
    for (size_t i = 0; i < shown; ++i) {
      const Problem& p = s.problems[i];
      out += "  " + name + (p.line > 0 ? " line " + std::to_string(p.line) : std::string()) + ": " +
             printable(p.reason) + "\n";
    }
    if (s.problems.size() > shown) {
      out += "  " + name + ": " + count(s.problems.size() - shown) + " more problems not shown\n";
    }
    for (const std::string& note : s.notes) out += "  " + name + ": note: " + printable(note) + "\n";
  }
  return out;
}

std::string overview_text(const MailFlowOverview& overview) {
  std::string out = section("Mail flow, " + range_title(overview.range));
  TextTable totals({{"Direction", Align::Left},
                    {"Messages"},
                    {"With TLS data"},
                    {"Protected by TLS"},
                    {"No TLS"},
                    {"No TLS data"}});
  for (Direction d : {Direction::Inbound, Direction::Outbound}) {
    const TlsMix& mix = overview.totals[d];
    totals.add_row({std::string(direction_title(d)), count(mix.total().messages),
                    count(mix.messages_with_tls_data()), format_percent(mix.protected_share()),
                    format_percent(mix.share(TlsVersion::None)), count(mix[TlsVersion::NoData].messages)});
  }
  out += totals.render("  ");
  if (!overview.has_tls_data) {
    out += "  No message in this range carries TLS data: the inputs do not record TLS, so no TLS\n"
           "  share can be given. Add a source with TLS (protocol logs, MTA logs, a TLS report).\n";
  }
  out += "\n";

  TextTable days({{"Day", Align::Left}, {"Inbound"}, {"Protected"}, {"Outbound"}, {"Protected"}});
  for (const DayMix& day : overview.days) {
    days.add_row({format_day(day.day), count(day.mix.inbound.total().messages),
                  format_percent(day.mix.inbound.protected_share()),
                  count(day.mix.outbound.total().messages),
                  format_percent(day.mix.outbound.protected_share())});
  }
  out += days.render("  ");
  return out;
}

std::string tls_per_day_text(const MailFlowOverview& overview, Direction direction) {
  const TlsMix& total = overview.totals[direction];
  const std::vector<TlsColumn> columns = tls_columns(total);
  const std::string name(direction_key(direction));

  std::vector<TextTable::Column> count_columns = {{"Day", Align::Left}};
  for (const TlsColumn& c : columns) count_columns.push_back({std::string(c.title)});
  std::vector<TextTable::Column> percent_columns = count_columns;
  count_columns.push_back({"No TLS data"});
  count_columns.push_back({"Total"});
  TextTable counts(count_columns);
  TextTable percents(percent_columns);

  const auto add = [&](std::string label, const TlsMix& mix) {
    std::vector<std::string> count_row = {label}, percent_row = {std::move(label)};
    for (const TlsColumn& c : columns) {
      count_row.push_back(count(mix[c.tls].messages));
      percent_row.push_back(format_percent(mix.share(c.tls)));
    }
    count_row.push_back(count(mix[TlsVersion::NoData].messages));
    count_row.push_back(count(mix.total().messages));
    counts.add_row(std::move(count_row));
    percents.add_row(std::move(percent_row));
  };
  for (const DayMix& day : overview.days) add(format_day(day.day), day.mix[direction]);
  add("Total", total);

  std::string out = section("TLS per day, " + name + " (messages)");
  out += counts.render("  ");
  out += "\n";
  out += section("TLS per day, " + name + " (percent of messages with TLS data)");
  out += percents.render("  ");
  return out;
}

std::string connectors_text(const ConnectorReport& report) {
  std::string out = section("Connectors, TLS usage (percent of messages with TLS data)");
  if (report.connectors.empty()) return out + "  (no mail in this range)\n";
  TlsMix everything;
  for (const ConnectorSummary& c : report.connectors) everything.add(c.mix);
  const std::vector<TlsColumn> columns = tls_columns(everything);

  std::vector<TextTable::Column> header = {{"Direction", Align::Left}, {"Connector", Align::Left}, {"Messages"}};
  for (const TlsColumn& c : columns) header.push_back({std::string(c.title)});
  header.push_back({"No TLS data"});
  TextTable table(header);
  for (const ConnectorSummary& c : report.connectors) {
    std::vector<std::string> row = {std::string(direction_title(c.direction)), connector_label(c.name),
                                    count(c.mix.total().messages)};
    for (const TlsColumn& column : columns) row.push_back(format_percent(c.mix.share(column.tls)));
    row.push_back(count(c.mix[TlsVersion::NoData].messages));
    table.add_row(std::move(row));
  }
  return out + table.render("  ");
}

std::string connector_days_text(const ConnectorReport& report) {
  std::string label;
  switch (report.choice.kind) {
    case ConnectorChoice::Kind::All: label = "all connectors"; break;
    case ConnectorChoice::Kind::NoConnector: label = "mail without a connector"; break;
    case ConnectorChoice::Kind::Unknown: label = "mail through an unknown connector"; break;
    case ConnectorChoice::Kind::Named: label = "connector \"" + printable(report.choice.name) + "\""; break;
  }
  std::string out = section("Mail flow of " + label + ", per day (TLS in percent of messages with TLS data)");
  TlsMix everything;
  everything.add(report.totals.inbound);
  everything.add(report.totals.outbound);
  const std::vector<TlsColumn> columns = tls_columns(everything);

  std::vector<TextTable::Column> header = {{"Day", Align::Left}, {"Direction", Align::Left}, {"Messages"}};
  for (const TlsColumn& c : columns) header.push_back({std::string(c.title)});
  header.push_back({"No TLS data"});
  TextTable table(header);
  for (Direction d : {Direction::Inbound, Direction::Outbound}) {
    if (report.totals[d].total().messages == 0) continue;  // a direction the choice never carries
    for (const DayMix& day : report.days) {
      const TlsMix& mix = day.mix[d];
      std::vector<std::string> row = {format_day(day.day), std::string(direction_title(d)),
                                      count(mix.total().messages)};
      for (const TlsColumn& c : columns) row.push_back(format_percent(mix.share(c.tls)));
      row.push_back(count(mix[TlsVersion::NoData].messages));
      table.add_row(std::move(row));
    }
  }
  if (table.row_count() == 0) return out + "  (no mail in this range)\n";
  return out + table.render("  ");
}

std::string insights_text(const std::vector<Insight>& insights, const MailFlowOverview& overview) {
  std::string out = section("Insights");
  if (insights.empty()) {
    if (!overview.has_tls_data) return out + "  None: without TLS data no connector can be judged.\n";
    return out + "  None: no connector crossed a threshold in this range.\n";
  }
  for (const Insight& i : insights) {
    out += "  " + i.title + " (" + std::string(direction_key(i.direction)) + ", " +
           printable(connector_label(i.connector_name)) + ")\n";
    out += "    " + printable(i.detail) + "\n";
    if (!i.top_hosts.empty()) {
      std::string hosts;
      for (const HostCount& h : i.top_hosts) hosts += (hosts.empty() ? "" : ", ") + host_text(h);
      out += "    Top hosts (over all days of the data): " + hosts + "\n";
    }
  }
  return out;
}

std::string connector_rows_text(const std::vector<ConnectorCsvRow>& rows) {
  TlsMix everything;
  for (const ConnectorCsvRow& r : rows) everything.add(r.mix);
  const std::vector<TlsColumn> columns = tls_columns(everything);
  std::vector<TextTable::Column> header = {{"Date", Align::Left}, {"Direction", Align::Left}, {"Connector", Align::Left}};
  for (const TlsColumn& c : columns) header.push_back({std::string(c.title)});
  header.push_back({"No TLS data"});
  header.push_back({"Volume"});
  TextTable table(header);
  for (const ConnectorCsvRow& r : rows) {
    std::vector<std::string> row = {format_day(r.day), std::string(direction_title(r.direction)),
                                    connector_label(r.connector)};
    for (const TlsColumn& c : columns) row.push_back(count(r.mix[c.tls].messages));
    row.push_back(count(r.mix[TlsVersion::NoData].messages));
    row.push_back(count(r.mix.total().messages));
    table.add_row(std::move(row));
  }
  if (rows.empty()) return "(no mail in this range)\n";
  return table.render();
}

std::string tlsrpt_text(const TlsRptView& view) {
  std::string out = section("TLS reports (TLS-RPT, sessions not messages), " + range_title(view.range));
  if (view.totals.total() == 0) return out + "  (no TLS-RPT sessions in this range)\n";
  TextTable domains({{"Policy domain", Align::Left}, {"Policy", Align::Left}, {"Sessions"}, {"Successful"},
                     {"Failed"}, {"Success rate"}, {"Top failure", Align::Left}});
  bool overlap = false;
  for (const TlsRptDomain& d : view.domains) {
    // Each policy with its own sessions when reports evaluated the same sessions against several.
    std::string types;
    for (const TlsRptPolicyCounts& p : d.policies)
      types += (types.empty() ? "" : ", ") + printable(p.type) +
               (d.policies_overlap ? " " + count(p.counts.total()) : std::string());
    overlap = overlap || d.policies_overlap;
    domains.add_row({printable(d.domain), types, count(d.counts.total()), count(d.counts.successful),
                     count(d.counts.failed), format_percent(d.counts.success_share()),
                     d.failures.empty() ? "" : printable(d.failures[0].result)});
  }
  out += domains.render("  ");
  if (overlap)
    out += "  Reports that evaluated the same sessions against several policies of a domain (DANE and MTA-STS)\n"
           "  count them once; the policy column gives each policy's own sessions.\n";
  out += "\n";
  TextTable days({{"Day", Align::Left}, {"Sessions"}, {"Failed"}, {"Success rate"}});
  for (const TlsRptDay& d : view.days)
    days.add_row({format_day(d.day), count(d.counts.total()), count(d.counts.failed),
                  format_percent(d.counts.success_share())});
  out += days.render("  ");
  if (!view.failure_types.empty()) {
    out += "\n";
    TextTable failures({{"Failure", Align::Left}, {"Sessions"}, {"Top sending MTAs (all days)", Align::Left},
                        {"Receiving MX", Align::Left}});
    auto hosts = [](const std::vector<HostCount>& list) {
      std::string text;
      for (const HostCount& h : list) text += (text.empty() ? "" : ", ") + host_text(h);
      return text;
    };
    for (const TlsRptFailureType& f : view.failure_types)
      failures.add_row({printable(f.result), count(f.sessions), hosts(f.sending_mtas), hosts(f.receiving_mx)});
    out += failures.render("  ");
  }
  std::string orgs;
  for (const HostCount& o : view.organizations) orgs += (orgs.empty() ? "" : ", ") + host_text(o);
  out += "  Reports: " + count(view.reports) + (orgs.empty() ? "" : ", from " + orgs) + "\n";
  return out;
}

}  // namespace mailflow::shell
