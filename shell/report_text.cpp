#include "report_text.h"

#include <algorithm>
#include <string_view>

#include "export/text_table.h"
#include "report/number_format.h"
#include "text/messages.h"
#include "util/text.h"

namespace mailflow::shell {

namespace {

using Align = TextTable::Align;

constexpr size_t kProblemsShown = 10;

std::string count(uint64_t n, Language language) { return format_count(n, language); }

// A word of the report, or a text of the engine (reason, note, format name), in `language`.
std::string label(std::string_view english, Language language) { return render_message(english, language); }


// A day for reading: 2026-11-24 / 24.11.2026.
std::string day_text(Day day, Language language) { return format_day(day, language); }

// A share for reading: 84.7% / 84,7 %.
std::string percent(std::optional<double> share, Language language) { return format_percent(share, 1, language); }

struct TlsColumn {
  std::string title;
  TlsVersion tls;
};

// The states with TLS data, in the EAC's order. SSL 3.0 and TLS of unknown version are rare and
// shown only when the mix has any.
std::vector<TlsColumn> tls_columns(const TlsMix& everything, Language language) {
  std::vector<TlsColumn> columns = {{label("No TLS", language), TlsVersion::None},
                                    {"TLS 1.0", TlsVersion::Tls10},
                                    {"TLS 1.1", TlsVersion::Tls11},
                                    {"TLS 1.2", TlsVersion::Tls12},
                                    {"TLS 1.3", TlsVersion::Tls13}};
  if (everything[TlsVersion::Ssl3].messages > 0) columns.push_back({"SSL 3.0", TlsVersion::Ssl3});
  if (everything[TlsVersion::UnknownVersion].messages > 0) {
    columns.push_back({label("TLS, version unknown", language), TlsVersion::UnknownVersion});
  }
  return columns;
}

std::string direction_title(Direction d, Language language) {
  return label(d == Direction::Inbound ? "Inbound" : "Outbound", language);
}


std::string section(std::string_view title) { return std::string(title) + "\n"; }

// "host (50)", or "host (48-50)" when a TLS-RPT sketch may have overcounted it.
std::string host_text(const HostCount& host, Language language) {
  std::string text = printable(host.host) + " (";
  if (host.error > 0) text += count(host.messages > host.error ? host.messages - host.error : 0, language) + "-";
  return text + count(host.messages, language) + ")";
}

// "mx1.fabrikam.com (50)"
std::string host_text(const RemoteHostCount& host, Language language) {
  return printable(remote_host_label(host)) + " (" + count(host.messages, language) + ")";
}

}  // namespace

std::string connector_text(const std::optional<std::string>& name, Language language) {
  if (name && !name->empty()) return *name;
  return label(connector_label(name), language);
}

std::string range_title(DateRange range, Language language) {
  const int days = range.days();
  return day_text(range.from, language) + label(" to ", language) + day_text(range.to, language) + " (" +
         format_plural(static_cast<uint64_t>(days), label("day", language), label("days", language), language) + ")";
}

std::string sources_text(const Aggregate& aggregate, Language language) {
  std::string out = section(label("Sources", language));
  if (aggregate.sources().empty()) return out + "  (" + label("none", language) + ")\n";
  TextTable table({{label("File", language), Align::Left}, {label("Format", language), Align::Left},
                   {label("Records", language)}, {label("Messages", language)}, {label("Skipped", language)}});
  for (const SourceReport& s : aggregate.sources()) {
    table.add_row({s.name, s.format_name.empty() ? s.format : label(s.format_name, language),
                   count(s.records, language),
                   count(s.messages, language), count(s.skipped, language)});
  }
  out += table.render("  ");

  for (const SourceReport& s : aggregate.sources()) {
    const std::string name = printable(s.name);
    if (!s.error.empty())
      out += "  " + name + ": " + label("error", language) + ": " + printable(label(s.error, language)) + "\n";
    if (!s.skipped_by_reason.empty()) {
      std::string line = "  " + name + ": " + label("skipped", language) + " ";
      bool first = true;
      for (const auto& [reason, n] : s.skipped_by_reason) {
        if (!first) line += "; ";
        first = false;
        line += count(n, language) + " " + printable(label(reason, language));
      }
      out += line + "\n";
    }
    const size_t shown = std::min(s.problems.size(), kProblemsShown);
    for (size_t i = 0; i < shown; ++i) {
      const Problem& p = s.problems[i];
      std::string where = "  " + name;
      if (p.line > 0) where.append(" ").append(label("line", language)).append(" ").append(std::to_string(p.line));
      out += where + ": " + printable(label(p.reason, language)) + "\n";
    }
    if (s.problems.size() > shown) {
      const std::string more = std::to_string(s.problems.size() - shown) + " more problems not shown";
      out += "  " + name + ": " + label(more, language) + "\n";
    }
    for (const std::string& note : s.notes)
      out += "  " + name + ": " + label("note", language) + ": " + printable(label(note, language)) + "\n";
  }
  return out;
}

std::string overview_text(const MailFlowOverview& overview, Language language) {
  std::string out = section(label("Mail flow", language) + ", " + range_title(overview.range, language));
  TextTable totals({{label("Direction", language), Align::Left},
                    {label("Messages", language)},
                    {label("With TLS data", language)},
                    {label("Protected by TLS", language)},
                    {label("No TLS", language)},
                    {label("No TLS data", language)}});
  for (Direction d : {Direction::Inbound, Direction::Outbound}) {
    const TlsMix& mix = overview.totals[d];
    totals.add_row({direction_title(d, language), count(mix.total().messages, language),
                    count(mix.messages_with_tls_data(), language), percent(mix.protected_share(), language),
                    percent(mix.share(TlsVersion::None), language), count(mix[TlsVersion::NoData].messages, language)});
  }
  out += totals.render("  ");
  if (!overview.has_tls_data) {
    out += label("  No message in this range carries TLS data: the inputs do not record TLS, so no TLS\n"
                 "  share can be given. Add a source with TLS (protocol logs, MTA logs, a TLS report).\n",
                 language);
  }
  out += "\n";

  TextTable days({{label("Day", language), Align::Left}, {label("Inbound", language)}, {label("Protected", language)},
                  {label("Outbound", language)}, {label("Protected", language)}});
  for (const DayMix& day : overview.days) {
    days.add_row({day_text(day.day, language), count(day.mix.inbound.total().messages, language),
                  percent(day.mix.inbound.protected_share(), language),
                  count(day.mix.outbound.total().messages, language),
                  percent(day.mix.outbound.protected_share(), language)});
  }
  out += days.render("  ");
  return out;
}

std::string tls_per_day_text(const MailFlowOverview& overview, Direction direction, Language language) {
  const TlsMix& total = overview.totals[direction];
  const std::vector<TlsColumn> columns = tls_columns(total, language);
  const std::string name = label(std::string(direction_key(direction)), language);

  std::vector<TextTable::Column> count_columns = {{label("Day", language), Align::Left}};
  for (const TlsColumn& c : columns) count_columns.push_back({c.title});
  std::vector<TextTable::Column> percent_columns = count_columns;
  count_columns.push_back({label("No TLS data", language)});
  count_columns.push_back({label("Total", language)});
  TextTable counts(count_columns);
  TextTable percents(percent_columns);

  const auto add = [&](std::string label, const TlsMix& mix) {
    std::vector<std::string> count_row = {label}, percent_row = {std::move(label)};
    for (const TlsColumn& c : columns) {
      count_row.push_back(count(mix[c.tls].messages, language));
      percent_row.push_back(percent(mix.share(c.tls), language));
    }
    count_row.push_back(count(mix[TlsVersion::NoData].messages, language));
    count_row.push_back(count(mix.total().messages, language));
    counts.add_row(std::move(count_row));
    percents.add_row(std::move(percent_row));
  };
  for (const DayMix& day : overview.days) add(day_text(day.day, language), day.mix[direction]);
  add(label("Total", language), total);

  std::string out = section(label("TLS per day", language) + ", " + name + " (" + label("messages", language) + ")");
  out += counts.render("  ");
  out += "\n";
  out += section(label("TLS per day", language) + ", " + name + " (" +
                 label("percent of messages with TLS data", language) + ")");
  out += percents.render("  ");
  return out;
}

std::string connectors_text(const ConnectorReport& report, Language language) {
  std::string out = section(label("Connectors, TLS usage (percent of messages with TLS data)", language));
  if (report.connectors.empty()) return out + "  (" + label("no mail in this range", language) + ")\n";
  TlsMix everything;
  for (const ConnectorSummary& c : report.connectors) everything.add(c.mix);
  const std::vector<TlsColumn> columns = tls_columns(everything, language);

  std::vector<TextTable::Column> header = {{label("Direction", language), Align::Left},
                                           {label("Connector", language), Align::Left}, {label("Messages", language)}};
  for (const TlsColumn& c : columns) header.push_back({c.title});
  header.push_back({label("No TLS data", language)});
  TextTable table(header);
  for (const ConnectorSummary& c : report.connectors) {
    std::vector<std::string> row = {direction_title(c.direction, language), connector_text(c.name, language),
                                    count(c.mix.total().messages, language)};
    for (const TlsColumn& column : columns) row.push_back(percent(c.mix.share(column.tls), language));
    row.push_back(count(c.mix[TlsVersion::NoData].messages, language));
    table.add_row(std::move(row));
  }
  return out + table.render("  ");
}

std::string connector_days_text(const ConnectorReport& report, Language language) {
  std::string what;
  switch (report.choice.kind) {
    case ConnectorChoice::Kind::All: what = label("all connectors", language); break;
    case ConnectorChoice::Kind::NoConnector: what = label("mail without a connector", language); break;
    case ConnectorChoice::Kind::Unknown: what = label("mail through an unknown connector", language); break;
    case ConnectorChoice::Kind::Named:
      what = label("connector", language) + " \"" + printable(report.choice.name) + "\"";
      break;
  }
  std::string out = section(label("Mail flow of", language) + " " + what + ", " +
                            label("per day (TLS in percent of messages with TLS data)", language));
  TlsMix everything;
  everything.add(report.totals.inbound);
  everything.add(report.totals.outbound);
  const std::vector<TlsColumn> columns = tls_columns(everything, language);

  std::vector<TextTable::Column> header = {{label("Day", language), Align::Left},
                                           {label("Direction", language), Align::Left}, {label("Messages", language)}};
  for (const TlsColumn& c : columns) header.push_back({c.title});
  header.push_back({label("No TLS data", language)});
  TextTable table(header);
  for (Direction d : {Direction::Inbound, Direction::Outbound}) {
    if (report.totals[d].total().messages == 0) continue;  // a direction the choice never carries
    for (const DayMix& day : report.days) {
      const TlsMix& mix = day.mix[d];
      std::vector<std::string> row = {day_text(day.day, language), direction_title(d, language),
                                      count(mix.total().messages, language)};
      for (const TlsColumn& c : columns) row.push_back(percent(mix.share(c.tls), language));
      row.push_back(count(mix[TlsVersion::NoData].messages, language));
      table.add_row(std::move(row));
    }
  }
  if (table.row_count() == 0) return out + "  (" + label("no mail in this range", language) + ")\n";
  return out + table.render("  ");
}

std::string insights_text(const std::vector<Insight>& insights, const MailFlowOverview& overview, Language language) {
  std::string out = section(label("Insights", language));
  if (insights.empty()) {
    if (!overview.has_tls_data)
      return out + "  " + label("None: without TLS data no connector can be judged.", language) + "\n";
    return out + "  " + label("None: no connector crossed a threshold in this range.", language) + "\n";
  }
  for (const Insight& i : insights) {
    out += "  " + label(i.title, language) + " (" + label(std::string(direction_key(i.direction)), language) + ", " +
           printable(connector_text(i.connector_name, language)) + ")\n";
    out += "    " + printable(label(i.detail, language)) + "\n";
    if (!i.top_hosts.empty()) {
      std::string hosts;
      for (const RemoteHostCount& h : i.top_hosts) append_listed(hosts, ", ", host_text(h, language));
      out += "    " + label("Top hosts", language) + ": " + hosts + "\n";
    }
  }
  return out;
}

std::string connector_rows_text(const std::vector<ConnectorCsvRow>& rows, Language language) {
  TlsMix everything;
  for (const ConnectorCsvRow& r : rows) everything.add(r.mix);
  const std::vector<TlsColumn> columns = tls_columns(everything, language);
  std::vector<TextTable::Column> header = {{label("Date", language), Align::Left},
                                           {label("Direction", language), Align::Left},
                                           {label("Connector", language), Align::Left}};
  for (const TlsColumn& c : columns) header.push_back({c.title});
  header.push_back({label("No TLS data", language)});
  header.push_back({label("Volume", language)});
  TextTable table(header);
  for (const ConnectorCsvRow& r : rows) {
    std::vector<std::string> row = {day_text(r.day, language), direction_title(r.direction, language),
                                    connector_text(r.connector, language)};
    for (const TlsColumn& c : columns) row.push_back(count(r.mix[c.tls].messages, language));
    row.push_back(count(r.mix[TlsVersion::NoData].messages, language));
    row.push_back(count(r.mix.total().messages, language));
    table.add_row(std::move(row));
  }
  if (rows.empty()) return "(" + label("no mail in this range", language) + ")\n";
  return table.render();
}

std::string tlsrpt_text(const TlsRptView& view, Language language) {
  std::string out = section(label("TLS reports (TLS-RPT, sessions not messages)", language) + ", " +
                            range_title(view.range, language));
  if (view.totals.total() == 0) return out + "  (" + label("no TLS-RPT sessions in this range", language) + ")\n";
  TextTable domains({{label("Policy domain", language), Align::Left},
                     {label("Policy", language), Align::Left},
                     {label("Sessions", language)},
                     {label("Successful", language)},
                     {label("Failed", language)},
                     {label("Success rate", language)},
                     {label("Top failure", language), Align::Left}});
  bool overlap = false;
  for (const TlsRptDomain& d : view.domains) {
    // Each policy with its own sessions when reports evaluated the same sessions against several.
    std::string types;
    for (const TlsRptPolicyCounts& p : d.policies) {
      append_listed(types, ", ", printable(p.type));
      if (d.policies_overlap) types.append(" ").append(count(p.counts.total(), language));
    }
    overlap = overlap || d.policies_overlap;
    domains.add_row({printable(d.domain), types, count(d.counts.total(), language),
                     count(d.counts.successful, language),
                     count(d.counts.failed, language), percent(d.counts.success_share(), language),
                     d.failures.empty() ? "" : printable(label(d.failures[0].result, language))});
  }
  out += domains.render("  ");
  if (overlap)
    out += label("  Reports that evaluated the same sessions against several policies of a domain (DANE and MTA-STS)\n"
                 "  count them once; the policy column gives each policy's own sessions.\n",
                 language);
  out += "\n";
  TextTable days({{label("Day", language), Align::Left}, {label("Sessions", language)}, {label("Failed", language)},
                  {label("Success rate", language)}});
  for (const TlsRptDay& d : view.days)
    days.add_row({day_text(d.day, language), count(d.counts.total(), language), count(d.counts.failed, language),
                  percent(d.counts.success_share(), language)});
  out += days.render("  ");
  if (!view.failure_types.empty()) {
    out += "\n";
    TextTable failures({{label("Failure", language), Align::Left},
                        {label("Sessions", language)},
                        {label("Top sending MTAs (all days)", language), Align::Left},
                        {label("Receiving MX", language), Align::Left}});
    auto hosts = [language](const std::vector<HostCount>& list) {
      std::string text;
      for (const HostCount& h : list) append_listed(text, ", ", host_text(h, language));
      return text;
    };
    for (const TlsRptFailureType& f : view.failure_types)
      failures.add_row({printable(label(f.result, language)), count(f.sessions, language), hosts(f.sending_mtas),
                        hosts(f.receiving_mx)});
    out += failures.render("  ");
  }
  std::string orgs;
  for (const HostCount& o : view.organizations) append_listed(orgs, ", ", host_text(o, language));
  out += "  " + label("Reports", language) + ": " + count(view.reports, language) +
         (orgs.empty() ? "" : ", " + label("from", language) + " " + orgs) + "\n";
  return out;
}

}  // namespace mailflow::shell
