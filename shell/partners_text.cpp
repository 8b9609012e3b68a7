#include "partners_text.h"

#include "export/text_table.h"
#include "report/number_format.h"
#include "report_text.h"
#include "text/messages.h"

namespace mailflow::shell {

namespace {

using Align = TextTable::Align;

std::string label(std::string_view english, Language language) { return render_message(english, language); }

std::string partner_name(const std::string& partner, bool other, Language language) {
  if (other) return label("(other partners)", language);
  return partner.empty() ? label("(not named by the source)", language) : printable(partner);
}

// "mx1.fabrikam.com (2), mail.fabrikam.com (1)", at most three and "+N more".
std::string hosts_text(const std::vector<PartnerHost>& hosts, Language language) {
  std::string text;
  for (size_t i = 0; i < hosts.size() && i < 3; ++i)
    text += (i ? ", " : "") + printable(hosts[i].host) + " (" + format_count(hosts[i].messages, language) + ")";
  if (hosts.size() > 3) text += ", +" + format_count(hosts.size() - 3, language);
  return text;
}

std::string filter_title(const PartnerFilter& filter, Language language) {
  std::string title = range_title(filter.range, language);
  if (filter.direction) title += ", " + label(filter.direction == Direction::Inbound ? "Inbound" : "Outbound", language);
  if (filter.connectors.kind != ConnectorChoice::Kind::All) {
    const std::optional<std::string> name =
        filter.connectors.kind == ConnectorChoice::Kind::Named ? std::optional<std::string>(filter.connectors.name)
        : filter.connectors.kind == ConnectorChoice::Kind::NoConnector ? std::optional<std::string>("")
                                                                        : std::nullopt;
    title += ", " + printable(connector_text(name, language));
  }
  return title;
}

}  // namespace

std::string partners_text(const PartnersView& view, Language language) {
  std::string out = label("Partners", language) + ", " + filter_title(view.filter, language) + "\n";
  if (view.rows.empty()) return out + "  " + label("No mail in this range.", language) + "\n";
  TextTable table({{label("Partner", language), Align::Left},
                   {label("Messages", language)},
                   {label("TLS protected", language)},
                   {"TLS 1.2+"},
                   {label("TLS 1.0/1.1", language)},
                   {label("No TLS", language)},
                   {label("No TLS data", language)},
                   {label("First day", language), Align::Left},
                   {label("Last day", language), Align::Left},
                   {label("Hosts", language), Align::Left}});
  for (const PartnerRow& row : view.rows) {
    const TlsMix& m = row.mix;
    table.add_row({partner_name(row.partner, row.other, language), format_count(row.messages(), language),
                   format_percent(m.protected_share(), 1, language),
                   format_count(m[TlsVersion::Tls12].messages + m[TlsVersion::Tls13].messages, language),
                   format_count(m[TlsVersion::Tls10].messages + m[TlsVersion::Tls11].messages +
                                    m[TlsVersion::Ssl3].messages + m[TlsVersion::UnknownVersion].messages,
                                language),
                   format_count(m[TlsVersion::None].messages, language),
                   format_count(m[TlsVersion::NoData].messages, language), format_day(row.first_day, language),
                   format_day(row.last_day, language), hosts_text(row.hosts, language)});
  }
  out += table.render("  ");
  if (view.bounded)
    out += "  " + label("More partners than the report keeps: the rest are counted as \"(other partners)\".", language) + "\n";
  return out;
}

std::string what_if_text(const WhatIf& r, Language language) {
  std::string out = label("What if: " + tls_policy_label(r.policy), language) + ", " + filter_title(r.filter, language) + "\n";
  const uint64_t judged = r.pass.messages + r.fail.messages;
  out += "  " + label("Would be refused: " + format_count(r.fail.messages) + " of " + format_count(judged) +
                          (judged == 1 ? " message" : " messages") + " with TLS data (" + format_count(r.fail.bytes) +
                          (r.fail.bytes == 1 ? " byte)" : " bytes)"),
                      language) + "\n";
  if (r.cannot_tell.messages)
    out += "  " + label("Cannot tell: " + format_count(r.cannot_tell.messages) +
                            (r.cannot_tell.messages == 1 ? " message" : " messages") + " without TLS data",
                        language) +
           "\n";
  if (r.concentration) out += "  " + label(concentration_text(r), language) + "\n";
  if (r.partners.empty()) return out;
  out += "\n";
  TextTable table({{label("Partner", language), Align::Left},
                   {label("Messages", language)},
                   {label("Share", language)},
                   {label("Worst TLS", language), Align::Left},
                   {label("Last seen", language), Align::Left},
                   {label("Hosts", language), Align::Left}});
  for (const WhatIfPartner& p : r.partners)
    table.add_row({partner_name(p.partner, p.other, language), format_count(p.fail.messages, language),
                   format_percent(p.share, 1, language), p.worst_tls ? label(tls_display_name(*p.worst_tls), language) : "",
                   format_day(p.last_seen, language), hosts_text(p.hosts, language)});
  out += table.render("  ");
  out += "\n";
  TextTable days({{label("Day", language), Align::Left},
                  {label("Would be refused", language)},
                  {label("Would pass", language)},
                  {label("Cannot tell", language)}});
  for (const WhatIfDay& d : r.days)
    days.add_row({format_day(d.day, language), format_count(d.fail.messages, language),
                  format_count(d.pass.messages, language), format_count(d.cannot_tell.messages, language)});
  out += days.render("  ");
  return out;
}

}  // namespace mailflow::shell
