// The Partners page: one row per remote partner (the remote side of the SMTP hop) for the Filter's
// range, a direction and a connector, with its messages per TLS state, hosts, days and connectors;
// searchable, sortable, exportable as CSV. Below it the "what if" of a TLS policy: what requiring
// TLS (or TLS 1.2, or TLS 1.3) would have refused over the range, per day, and the partners that
// cause it, ranked, exportable as a contact list. Messages without TLS data "cannot tell": they are
// shown apart and never counted as passing or failing.
//
// The figures come from report/partners.h; they are computed once per data and filter (not every
// frame: frames follow the mouse, and an aggregate may hold 100 000 partners).
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "app/app.h"
#include "app/layout.h"
#include "app/charts.h"
#include "app/theme.h"
#include "export/partners_csv.h"
#include "imgui.h"
#include "platform/platform.h"
#include "util/text.h"

namespace mfapp {

using mailflow::ConnectorChoice;
using mailflow::Direction;
using mailflow::TlsPolicy;
using mailflow::TlsVersion;

namespace {

// view() lists at most this many partners ("partner_count" says how many the search shows; the
// table on screen has them all): the view JSON is
// rebuilt every frame.
constexpr size_t kViewPartners = 200;
// view() lists at most this many hosts per partner ("host_count" says how many there are).
constexpr size_t kViewHosts = 100;
// Names longer than this are cut in the tables, in full on hover.
constexpr size_t kShownNameBytes = 44;

constexpr TlsVersion kColumns[] = {TlsVersion::Tls13, TlsVersion::Tls12,          TlsVersion::Tls11,
                                   TlsVersion::Tls10, TlsVersion::Ssl3,           TlsVersion::UnknownVersion,
                                   TlsVersion::None,  TlsVersion::NoData};

const char* column_title(TlsVersion v) {
  switch (v) {
    case TlsVersion::Ssl3: return "SSL 3";
    case TlsVersion::UnknownVersion: return "TLS version unknown";
    default: return nullptr;  // tls_label()
  }
}


std::string direction_choice_key(const std::optional<Direction>& d) {
  return d ? std::string(mailflow::direction_key(*d)) : "both";
}

// Cut at a character boundary (UTF-8), with an ellipsis.
std::string shortened(const std::string& text) {
  if (text.size() <= kShownNameBytes) return text;
  size_t cut = kShownNameBytes - 1;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string shown_partner(const std::string& partner, bool other) {
  if (other) return tr("(other partners)");
  return partner.empty() ? tr("(not named by the source)") : partner;
}

std::string worst_label(const std::optional<TlsVersion>& worst) {
  return worst ? tls_label(*worst) : tr("No TLS data");
}

std::string hosts_text(const std::vector<mailflow::PartnerHost>& hosts, size_t at_most) {
  std::string text;
  for (size_t i = 0; i < hosts.size() && i < at_most; ++i)
    text += (i ? "\n" : "") + hosts[i].host + "  (" + fmt_count(hosts[i].messages) + ")";
  if (hosts.size() > at_most) text += "\n… " + fmt_count(hosts.size() - at_most);
  return text;
}

nlohmann::json hosts_json(const std::vector<mailflow::PartnerHost>& hosts) {
  nlohmann::json out = nlohmann::json::array();
  for (size_t i = 0; i < hosts.size() && i < kViewHosts; ++i)
    out.push_back({{"host", hosts[i].host}, {"messages", hosts[i].messages}});
  return out;
}

nlohmann::json volume_json(const mailflow::Volume& v) { return {{"messages", v.messages}, {"bytes", v.bytes}}; }

bool matches_search(const mailflow::PartnerRow& row, const std::string& needle) {
  if (needle.empty()) return true;
  if (lower(shown_partner(row.partner, row.other)).find(needle) != std::string::npos) return true;
  return std::any_of(row.hosts.begin(), row.hosts.end(),
                     [&](const mailflow::PartnerHost& h) { return lower(h.host).find(needle) != std::string::npos; });
}

// What the page shows for one data version and filter: computed when either changes.
struct Figures {
  uint64_t generation = 0;  // counts recomputations: what is built from the figures keys on it
  uint64_t data_version = UINT64_MAX;
  mailflow::PartnerFilter filter;
  std::optional<TlsPolicy> policy;
  mailflow::PartnersView view;
  mailflow::TlsMix connector_totals;  // the same filter as the connector report counts it
  std::optional<mailflow::WhatIf> what_if;
  std::vector<ConnectorChoice> connector_items;
};

bool same_filter(const mailflow::PartnerFilter& a, const mailflow::PartnerFilter& b) {
  return a.range.from == b.range.from && a.range.to == b.range.to && a.direction == b.direction &&
         mailflow::same_choice(a.connectors, b.connectors);
}

const Figures& figures(const AppState& s, const mailflow::PartnerFilter& filter) {
  static Figures f;
  if (f.data_version == s.data_version && same_filter(f.filter, filter) && f.policy == s.partners_policy) return f;
  const bool same_data = f.data_version == s.data_version && f.filter.range.from == filter.range.from &&
                         f.filter.range.to == filter.range.to;
  if (!same_data) {
    const auto all = mailflow::connector_report(s.aggregate, filter.range, ConnectorChoice::all());
    f.connector_items = mailflow::connector_choices(all);
  }
  ++f.generation;
  f.data_version = s.data_version;
  f.filter = filter;
  f.policy = s.partners_policy;
  f.view = mailflow::partners_view(s.aggregate, filter);
  const auto report = mailflow::connector_report(s.aggregate, filter.range, filter.connectors);
  f.connector_totals = {};
  for (Direction d : {Direction::Inbound, Direction::Outbound})
    if (!filter.direction || *filter.direction == d) f.connector_totals.add(report.totals[d]);
  f.what_if.reset();
  if (s.partners_policy) f.what_if = mailflow::what_if(s.aggregate, filter, *s.partners_policy);
  return f;
}

std::string range_suffix(const mailflow::DateRange& range) {
  return mailflow::format_day(range.from) + "_" + mailflow::format_day(range.to);
}

// ---- the controls above the table ----

void draw_controls(AppState& s, const std::vector<ConnectorChoice>& items) {
  const float sc = s.scale;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Direction"));
  struct Option { const char* label; const char* key; std::optional<Direction> d; };
  const Option options[] = {{"Both", "both", std::nullopt},
                            {"Inbound", "inbound", Direction::Inbound},
                            {"Outbound", "outbound", Direction::Outbound}};
  for (const auto& o : options) {
    same_line_if_fits(radio_width(tr(o.label)));
    if (ImGui::RadioButton(tr(o.label), s.partners_direction == o.d)) s.partners_direction = o.d;
    record_control(s, (std::string("partners-direction:") + o.key).c_str());
  }

  // All connectors, then the connectors of the range as the connector report lists them.
  if (s.partners_connector.kind != ConnectorChoice::Kind::All &&
      std::none_of(items.begin(), items.end(),
                   [&](const ConnectorChoice& c) { return mailflow::same_choice(c, s.partners_connector); }))
    s.partners_connector = ConnectorChoice::all();
  same_line_if_fits(ImGui::CalcTextSize(tr("Connector")).x + ImGui::GetStyle().ItemSpacing.x + 280 * sc, 20 * sc);
  ImGui::TextUnformatted(tr("Connector"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(280 * sc);
  if (ImGui::BeginCombo("##partners-connector", connector_choice_label(s.partners_connector, "All connectors").c_str())) {
    if (ImGui::Selectable(tr("All connectors"), s.partners_connector.kind == ConnectorChoice::Kind::All))
      s.partners_connector = ConnectorChoice::all();
    for (size_t i = 0; i < items.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::Selectable(connector_choice_label(items[i], "All connectors").c_str(), mailflow::same_choice(items[i], s.partners_connector)))
        s.partners_connector = items[i];
      ImGui::PopID();
    }
    ImGui::EndCombo();
  }
  record_control(s, "partners-connector");

  same_line_if_fits(240 * sc, 20 * sc);
  ImGui::SetNextItemWidth(240 * sc);
  ImGui::InputTextWithHint("##partners-search", tr("Search partners and hosts"), s.partners_search,
                           sizeof s.partners_search);
  record_control(s, "partners-search");
}

// ---- the partner table ----

Table partner_table(const mailflow::PartnersView& view, const std::vector<size_t>& shown, const std::string& expanded) {
  Table t;
  t.headers = {tr("Partner"), tr("Hosts"), tr("Messages"), tr("Bytes")};
  for (TlsVersion v : kColumns) t.headers.push_back(column_title(v) ? tr(column_title(v)) : tls_label(v));
  for (const char* h : {"First day", "Last day", "Connectors"}) t.headers.push_back(tr(h));
  // Numbers and days are formatted only for the rows on screen (shown_text).
  auto num = [](uint64_t n) { return TableCell::number(static_cast<double>(n), TableCell::Number::Count); };
  auto day = [](mailflow::Day d) { return TableCell::number(static_cast<double>(d), TableCell::Number::Day); };
  for (size_t i : shown) {
    const auto& row = view.rows[i];
    const std::string name = shown_partner(row.partner, row.other);
    std::vector<TableCell> cells;
    TableCell partner{shortened(name), 0, false, false, row.other ? muted_text_color() : 0};
    if (partner.text != name) partner.tooltip = name;
    const std::string hosts_list = hosts_text(row.hosts, 12);
    if (!row.hosts.empty()) partner.tooltip += (partner.tooltip.empty() ? "" : "\n") + hosts_list;
    cells.push_back(partner);
    // A button that lists the hosts beneath the table (the tooltip of the partner lists them too).
    TableCell hosts{row.hosts.empty() ? "" : fmt_plural(row.hosts.size(), "host", "hosts") +
                                                 (!row.other && row.partner == expanded ? " ▲" : " ▼"),
                    static_cast<double>(row.hosts.size()), true, true};
    hosts.tooltip = hosts_list;
    if (!row.other) hosts.control = "partner-hosts:" + row.partner;
    cells.push_back(hosts);
    cells.push_back(num(row.messages()));
    const auto bytes = row.mix.total().bytes;
    cells.push_back(TableCell::number(static_cast<double>(bytes), TableCell::Number::Bytes));
    for (TlsVersion v : kColumns) cells.push_back(num(row.mix[v].messages));
    cells.push_back(day(row.first_day));
    cells.push_back(day(row.last_day));
    std::string connectors;
    for (const auto& c : row.connectors) mailflow::append_listed(connectors, ", ", connector_label_shown(c));
    TableCell conn{shortened(connectors)};
    if (conn.text != connectors) conn.tooltip = connectors;
    cells.push_back(conn);
    t.rows.push_back(std::move(cells));
  }
  return t;
}

void draw_expanded_hosts(AppState& s, const mailflow::PartnersView& view) {
  if (s.partners_expanded.empty()) return;
  auto it = std::find_if(view.rows.begin(), view.rows.end(), [&](const mailflow::PartnerRow& r) {
    return !r.other && r.partner == s.partners_expanded;
  });
  if (it == view.rows.end()) {
    s.partners_expanded.clear();
    return;
  }
  ImGui::TextUnformatted((std::string(tr("Hosts of")) + " " + it->partner).c_str());
  same_line_if_fits(button_width(tr("Close")));
  if (ImGui::SmallButton(tr("Close"))) s.partners_expanded.clear();
  record_control(s, "partners-hosts:close");
  // The heaviest hosts (the CSV export has them all).
  constexpr size_t kListedHosts = 1000;
  Table t;
  t.headers = {tr("Remote host"), tr("Messages")};
  for (size_t i = 0; i < it->hosts.size() && i < kListedHosts; ++i)
    t.rows.push_back({{it->hosts[i].host}, {fmt_count(it->hosts[i].messages), static_cast<double>(it->hosts[i].messages), true}});
  if (it->hosts.size() > kListedHosts)
    text_disabled_wrapped(fmt_count(kListedHosts) + " " + tr("heaviest hosts listed; the CSV export has them all."));
  draw_table("partner-hosts", t, 200 * s.scale);
  s.view["expanded"] = {{"partner", it->partner}, {"hosts", hosts_json(it->hosts)}};
}

nlohmann::json partner_json(const mailflow::PartnerRow& row) {
  nlohmann::json by = nlohmann::json::object();
  for (auto v : mailflow::kAllTlsVersions) by[std::string(mailflow::tls_key(v))] = row.mix[v].messages;
  nlohmann::json connectors = nlohmann::json::array();
  for (const auto& c : row.connectors) connectors.push_back(c ? nlohmann::json(*c) : nlohmann::json(nullptr));
  const auto worst = row.worst_tls();
  return {{"partner", row.partner},
          {"label", mailflow::partner_label(row)},
          {"other", row.other},
          {"messages", row.messages()},
          {"bytes", row.mix.total().bytes},
          {"by_tls", by},
          {"worst_tls", worst ? nlohmann::json(std::string(mailflow::tls_key(*worst))) : nlohmann::json(nullptr)},
          {"hosts", hosts_json(row.hosts)},
          {"host_count", row.hosts.size()},
          {"first_day", mailflow::format_day(row.first_day)},
          {"last_day", mailflow::format_day(row.last_day)},
          {"connectors", connectors}};
}

// ---- the what if ----

const char* policy_label(const std::optional<TlsPolicy>& p) {
  if (!p) return "Off";
  switch (*p) {
    case TlsPolicy::RequireTls: return "Require TLS";
    case TlsPolicy::RequireTls12: return "Require TLS 1.2 or later";
    case TlsPolicy::RequireTls13: return "Require TLS 1.3";
  }
  return "Off";
}

// The concentration sentence in the UI's language: the engine's catalogue renders it when it has
// the sentence; until then the German is built here from the same figures.
std::string concentration_shown(const mailflow::WhatIf& w) {
  const std::string english = mailflow::concentration_text(w);
  const std::string& rendered = tr_engine(english);
  if (ui_language() != mailflow::Language::De || rendered != english || !w.concentration) return rendered;
  const auto& c = *w.concentration;
  const char* mail = !w.filter.direction                        ? "der E-Mails"
                     : *w.filter.direction == Direction::Inbound ? "der eingehenden E-Mails"
                                                                 : "der ausgehenden E-Mails";
  const char* refuser = w.policy == TlsPolicy::RequireTls     ? "eine TLS-Pflicht"
                        : w.policy == TlsPolicy::RequireTls12 ? "TLS 1.2"
                                                              : "TLS 1.3";
  return fmt_count(c.partners) + (c.partners == 1 ? " Partner sendet " : " Partner senden ") + fmt_percent(c.share, 0) +
         " " + mail + ", die " + refuser + " ablehnen würde";
}

StackedBars what_if_chart(const mailflow::WhatIf& w) {
  StackedBars chart;
  chart.series = {{tr("Would be refused"), error_color()},
                  {tr("Cannot tell"), tls_color(TlsVersion::NoData), false},
                  {tr("Would pass"), tls_color(TlsVersion::Tls13)}};
  for (const auto& day : w.days) {
    chart.x_labels.push_back(fmt_day_short(day.day));
    chart.x_titles.push_back(fmt_day(day.day));
    chart.values.push_back({static_cast<double>(day.fail.messages), static_cast<double>(day.cannot_tell.messages),
                            static_cast<double>(day.pass.messages)});
    chart.notes.emplace_back();
  }
  return chart;
}

nlohmann::json what_if_json(const mailflow::WhatIf& w) {
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : w.days)
    days.push_back({{"day", mailflow::format_day(d.day)}, {"fail", volume_json(d.fail)}, {"pass", volume_json(d.pass)},
                    {"cannot_tell", volume_json(d.cannot_tell)}});
  nlohmann::json partners = nlohmann::json::array();
  for (size_t i = 0; i < w.partners.size() && i < kViewPartners; ++i) {
    const auto& p = w.partners[i];
    partners.push_back({{"partner", p.partner},
                        {"other", p.other},
                        {"messages", p.fail.messages},
                        {"bytes", p.fail.bytes},
                        {"share", p.share},
                        {"worst_tls", p.worst_tls ? nlohmann::json(std::string(mailflow::tls_key(*p.worst_tls)))
                                                  : nlohmann::json(nullptr)},
                        {"last_seen", mailflow::format_day(p.last_seen)},
                        {"hosts", hosts_json(p.hosts)},
                        {"host_count", p.hosts.size()}});
  }
  nlohmann::json concentration = nullptr;
  if (w.concentration) {
    const std::string text = mailflow::concentration_text(w);
    concentration = {{"partners", w.concentration->partners},
                     {"share", w.concentration->share},
                     {"messages", w.concentration->messages},
                     {"text", text},
                     {"text_shown", concentration_shown(w)}};
  }
  return {{"policy", std::string(mailflow::tls_policy_key(w.policy))},
          {"fail", volume_json(w.fail)},
          {"pass", volume_json(w.pass)},
          {"cannot_tell", volume_json(w.cannot_tell)},
          {"days", days},
          {"partners", partners},
          {"partner_count", w.partners.size()},
          {"concentration", concentration}};
}

Table what_if_table(const mailflow::WhatIf& w) {
  Table t;
  t.headers = {tr("Partner"), tr("Messages"), tr("Bytes"), tr("Share"), tr("Worst TLS"), tr("Last seen"), tr("Hosts")};
  for (const auto& p : w.partners) {
    const std::string name = shown_partner(p.partner, p.other);
    TableCell partner{shortened(name), 0, false, false, p.other ? muted_text_color() : 0};
    if (partner.text != name) partner.tooltip = name;
    std::string hosts;
    for (size_t i = 0; i < p.hosts.size() && hosts.size() <= kShownNameBytes; ++i)
      mailflow::append_listed(hosts, ", ", p.hosts[i].host);
    TableCell hosts_cell{shortened(hosts)};
    if (!p.hosts.empty()) hosts_cell.tooltip = hosts_text(p.hosts, 12);
    t.rows.push_back({partner,
                      TableCell::number(static_cast<double>(p.fail.messages), TableCell::Number::Count),
                      TableCell::number(static_cast<double>(p.fail.bytes), TableCell::Number::Bytes),
                      {fmt_percent(p.share), p.share, true},
                      {worst_label(p.worst_tls), 0, false, false, p.worst_tls ? tls_color(*p.worst_tls) : 0},
                      TableCell::number(static_cast<double>(p.last_seen), TableCell::Number::Day),
                      hosts_cell});
  }
  return t;
}

void draw_what_if(AppState& s, const std::optional<mailflow::WhatIf>& w, const mailflow::DateRange& range,
                  uint64_t generation) {
  const float sc = s.scale;
  ImGui::TextUnformatted(tr("What if a TLS policy were enforced?"));
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", tr("Policy"));
  const std::optional<TlsPolicy> policies[] = {std::nullopt, TlsPolicy::RequireTls, TlsPolicy::RequireTls12,
                                               TlsPolicy::RequireTls13};
  for (const auto& p : policies) {
    same_line_if_fits(radio_width(tr(policy_label(p))));
    if (ImGui::RadioButton(tr(policy_label(p)), s.partners_policy == p)) s.partners_policy = p;
    record_control(s, (std::string("policy:") + (p ? std::string(mailflow::tls_policy_key(*p)) : "off")).c_str());
  }
  if (!w) {
    text_disabled_wrapped(tr("Choose a policy to see which mail of this range it would have refused, and from whom."));
    s.view["what_if"] = nullptr;
    return;
  }
  // The policy may have changed this frame: the figures are the next frame's.
  if (w->policy != s.partners_policy) return;

  auto volume_text = [](const mailflow::Volume& v) {
    return fmt_plural(v.messages, "message", "messages") + " · " + fmt_bytes(static_cast<double>(v.bytes));
  };
  const std::string refused = std::string(tr("Would be refused")) + ": " + volume_text(w->fail);
  const std::string passed = std::string(tr("Would pass")) + ": " + volume_text(w->pass);
  const std::string unknown = std::string(tr("Cannot tell")) + ": " + volume_text(w->cannot_tell);
  ImGui::PushStyleColor(ImGuiCol_Text, error_color());
  ImGui::TextUnformatted(refused.c_str());
  ImGui::PopStyleColor();
  same_line_if_fits(ImGui::CalcTextSize(passed.c_str()).x, 24 * sc);
  ImGui::TextUnformatted(passed.c_str());
  same_line_if_fits(ImGui::CalcTextSize(unknown.c_str()).x, 24 * sc);
  ImGui::TextDisabled("%s", unknown.c_str());
  text_disabled_wrapped(w->policy == TlsPolicy::RequireTls
                            ? tr("Cannot tell: messages without TLS data; never counted as passing or failing.")
                            : tr("Cannot tell: messages without TLS data or with TLS of unknown version; never counted as passing or failing."));
  if (w->concentration) {
    ImGui::PushStyleColor(ImGuiCol_Text, warning_color());
    ImGui::Bullet();
    ImGui::TextWrapped("%s", concentration_shown(*w).c_str());
    ImGui::PopStyleColor();
  }

  const ImVec2 chart_at = ImGui::GetCursorScreenPos();
  const float chart_w = ImGui::GetContentRegionAvail().x;
  draw_stacked_bars("what-if-chart", what_if_chart(*w), 200 * sc);
  record_chart(s, chart_at, chart_w);

  ImGui::TextUnformatted(tr("Partners whose mail would be refused"));
  same_line_if_fits(button_width(tr("Export contact list")));
  if (ImGui::SmallButton(tr("Export contact list"))) {
    mfplat::download("mailflow-contact-list-tls-" + std::string(mailflow::tls_policy_key(w->policy)) + "-" +
                         range_suffix(range) + ".csv",
                     "text/csv", mailflow::contact_list_csv(*w));
  }
  record_control(s, "partners:export-contacts");
  // Rebuilt only when the figures, the language or the theme change (it may list 100 000 partners).
  static struct {
    uint64_t generation = 0;
    Lang lang = Lang::En;
    bool dark = false;
    Table table;
    nlohmann::json json;  // view()'s what_if
  } cache;
  if (cache.generation != generation || cache.lang != s.lang || cache.dark != s.dark) {
    cache = {generation, s.lang, s.dark, what_if_table(*w), what_if_json(*w)};
    cache.table.version = next_table_version();
  }
  draw_table("what-if-partners", cache.table, 280 * sc);
  s.view["what_if"] = cache.json;
}

}  // namespace

void draw_partners(AppState& s) {
  const float sc = s.scale;
  s.view["view"] = "partners";
  s.view["page"] = "partners";
  begin_card("partners", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  draw_filter(s);
  auto range = selected_range(s);
  if (!range) {
    ImGui::TextDisabled("%s", tr("No data loaded yet."));
    ImGui::EndChild();
    return;
  }
  mailflow::PartnerFilter filter{*range, s.partners_direction, s.partners_connector};
  const Figures* f = &figures(s, filter);
  draw_controls(s, f->connector_items);
  // A control may have changed the filter: show this frame what it now selects.
  filter = {*range, s.partners_direction, s.partners_connector};
  f = &figures(s, filter);
  const auto& view = f->view;

  const std::string needle = lower(s.partners_search);
  s.view["direction"] = direction_choice_key(s.partners_direction);
  s.view["connector"] = connector_choice_json(s.partners_connector);
  s.view["connector_label"] = connector_choice_label(s.partners_connector, "All connectors");
  s.view["search"] = std::string(s.partners_search);
  nlohmann::json items = nlohmann::json::array();
  items.push_back("all");
  for (const auto& c : f->connector_items) items.push_back(connector_choice_json(c));
  s.view["connector_items"] = items;

  // Without partner data the table would be empty for a reason the user should read.
  if (s.aggregate.partners().empty()) {
    const bool saved_without = s.report && !s.report->remote_hosts;
    ImGui::PushStyleColor(ImGuiCol_Text, warning_color());
    ImGui::TextWrapped("%s", saved_without
                                 ? tr("This report was saved without remote partners and host names, so it cannot list partners. "
                                      "Drop the mail flow exports it was built from to see them.")
                                 : tr("The loaded data names no remote partners: its sources count mail per connector "
                                      "only (such as the EAC reports), or it was saved without them."));
    ImGui::PopStyleColor();
    s.view["partners_note"] = saved_without ? "saved-without-partners" : "no-partner-data";
  }

  // The rows the search shows and their table: rebuilt only when the figures, the search, the
  // expanded row, the language or the theme change (frames follow the mouse; 100 000 partners).
  static struct {
    uint64_t generation = 0;
    std::string needle, expanded;
    Lang lang = Lang::En;
    bool dark = false;
    std::vector<size_t> shown;
    Table table;
    nlohmann::json partners;  // view()'s list
  } cache;
  if (cache.generation != f->generation || cache.needle != needle || cache.expanded != s.partners_expanded ||
      cache.lang != s.lang || cache.dark != s.dark) {
    cache.generation = f->generation;
    cache.needle = needle;
    cache.expanded = s.partners_expanded;
    cache.lang = s.lang;
    cache.dark = s.dark;
    cache.shown.clear();
    for (size_t i = 0; i < view.rows.size(); ++i)
      if (matches_search(view.rows[i], needle)) cache.shown.push_back(i);
    cache.table = partner_table(view, cache.shown, s.partners_expanded);
    cache.table.version = next_table_version();
    cache.partners = nlohmann::json::array();
    for (size_t k = 0; k < cache.shown.size() && k < kViewPartners; ++k)
      cache.partners.push_back(partner_json(view.rows[cache.shown[k]]));
  }
  const std::vector<size_t>& shown = cache.shown;

  const auto& totals = view.totals;
  // Partners the sources name (not the rows for mail whose remote side is not named, nor "other").
  const auto named = static_cast<uint64_t>(std::count_if(view.rows.begin(), view.rows.end(), [](const mailflow::PartnerRow& r) {
    return !r.other && !r.partner.empty();
  }));
  std::string figures = "· " + fmt_plural(totals.total().messages, "message", "messages") + " · " +
                        fmt_bytes(static_cast<double>(totals.total().bytes)) + " · " +
                        fmt_percent(totals.protected_share()) + " " + tr("TLS protected");
  if (!needle.empty()) figures += std::string(" · ") + fmt_count(shown.size()) + " " + tr("match the search");
  ImGui::TextUnformatted(fmt_plural(named, "partner", "partners").c_str());
  same_line_if_fits(ImGui::CalcTextSize(figures.c_str()).x);
  ImGui::TextDisabled("%s", figures.c_str());
  same_line_if_fits(button_width(tr("Export CSV")), 20 * sc);
  if (ImGui::SmallButton(tr("Export CSV"))) {
    mailflow::PartnersView exported{view.filter, {}, view.totals, view.bounded};  // the rows shown (the search applies)
    for (size_t i : shown) exported.rows.push_back(view.rows[i]);
    mfplat::download("mailflow-partners-" + range_suffix(*range) + ".csv", "text/csv", mailflow::partners_csv(exported));
  }
  record_control(s, "partners:export-csv");

  const uint64_t missing = f->connector_totals.total().messages > totals.total().messages
                               ? f->connector_totals.total().messages - totals.total().messages
                               : 0;
  if (missing > 0 && !s.aggregate.partners().empty())
    ImGui::TextDisabled("%s %s", fmt_plural(missing, "message", "messages").c_str(),
                        tr("of this range come from sources that do not name the remote side per message (such as the EAC reports): they are not in this table."));
  if (view.bounded)
    ImGui::TextDisabled("%s", tr("(other partners): the data holds more distinct partners than are counted one by one; "
                                 "the rest are counted together in the last row."));

  const TableClick click = draw_table("partners", cache.table, 360 * sc);
  if (click.row >= 0) {
    const auto& row = view.rows[shown[static_cast<size_t>(click.row)]];
    s.partners_expanded = s.partners_expanded == row.partner ? std::string() : row.partner;
  }
  draw_expanded_hosts(s, view);

  s.view["partners"] = cache.partners;
  s.view["partner_count"] = shown.size();
  nlohmann::json t = mix_json(totals);
  t["bytes"] = totals.total().bytes;
  t["partners"] = named;
  s.view["totals"] = t;
  s.view["bounded"] = view.bounded;
  s.view["not_in_table"] = missing;

  ImGui::Separator();
  draw_what_if(s, f->what_if, *range, f->generation);
  ImGui::EndChild();
}

}  // namespace mfapp
