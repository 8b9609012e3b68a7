// The report views: plain sums over the aggregate's cells. An aggregate holds at most
// days x 2 x connectors x 8 cells, so a full pass per view is cheap enough to redo every frame.
#include "report/views.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

namespace mailflow {

// ---- Date ranges ---------------------------------------------------------------------------

std::optional<DateRange> last_days(const Aggregate& aggregate, int days) {
  const std::optional<Day> last = aggregate.last_day();
  if (!last) return std::nullopt;
  days = std::clamp(days, 1, kMaxStandardRangeDays);
  return DateRange{*last - days + 1, *last};
}

std::optional<DateRange> full_range(const Aggregate& aggregate) {
  const std::optional<Day> first = aggregate.first_day();
  const std::optional<Day> last = aggregate.last_day();
  if (!first || !last) return std::nullopt;
  return DateRange{*first, *last};
}

std::optional<DateRange> resolve_range(const Aggregate& aggregate, std::optional<Day> from,
                                       std::optional<Day> to, int days) {
  days = std::max(days, 1);
  if (from && to) {
    if (*to < *from) return std::nullopt;
    return DateRange{*from, *to};
  }
  if (from) return DateRange{*from, *from + days - 1};
  if (to) return DateRange{*to - days + 1, *to};
  return last_days(aggregate, days);
}

// ---- TLS mix -------------------------------------------------------------------------------

void TlsMix::add(const TlsMix& other) {
  for (size_t i = 0; i < by_tls.size(); ++i) by_tls[i] += other.by_tls[i];
}

Volume TlsMix::total() const {
  Volume sum;
  for (const Volume& v : by_tls) sum += v;
  return sum;
}

uint64_t TlsMix::messages_with_tls_data() const {
  return total().messages - (*this)[TlsVersion::NoData].messages;
}

uint64_t TlsMix::encrypted_messages() const {
  uint64_t sum = 0;
  for (TlsVersion tls : kAllTlsVersions) {
    if (is_encrypted(tls)) sum += (*this)[tls].messages;
  }
  return sum;
}

std::optional<double> TlsMix::share(TlsVersion tls) const {
  const uint64_t known = messages_with_tls_data();
  if (known == 0 || tls == TlsVersion::NoData) return std::nullopt;
  return static_cast<double>((*this)[tls].messages) / static_cast<double>(known);
}

std::optional<double> TlsMix::protected_share() const {
  const uint64_t known = messages_with_tls_data();
  if (known == 0) return std::nullopt;
  return static_cast<double>(encrypted_messages()) / static_cast<double>(known);
}

// ---- Mail flow overview --------------------------------------------------------------------

namespace {

// One DayMix per day of the range, in order; empty for an empty range.
std::vector<DayMix> empty_days(DateRange range) {
  std::vector<DayMix> days;
  if (range.days() <= 0) return days;
  days.reserve(static_cast<size_t>(range.days()));
  for (Day d = range.from; d <= range.to; ++d) days.push_back(DayMix{d, {}});
  return days;
}

}  // namespace

MailFlowOverview mail_flow_overview(const Aggregate& aggregate, DateRange range) {
  MailFlowOverview overview;
  overview.range = range;
  overview.days = empty_days(range);
  aggregate.for_each_cell([&](const CellKey& key, const Volume& volume) {
    if (!range.contains(key.day)) return;
    overview.totals[key.direction].add(key.tls, volume);
    overview.days[static_cast<size_t>(key.day - range.from)].mix[key.direction].add(key.tls, volume);
  });
  overview.has_tls_data = overview.totals.inbound.messages_with_tls_data() > 0 ||
                          overview.totals.outbound.messages_with_tls_data() > 0;
  return overview;
}

// ---- Connector report ----------------------------------------------------------------------

ConnectorChoice ConnectorChoice::of(const Aggregate& aggregate, ConnectorId id) {
  if (id == kUnknownConnector) return unknown();
  if (id == kNoConnector) return no_connector();
  return named(std::string(aggregate.connector_name(id).value_or("")));
}

bool ConnectorChoice::matches(const Aggregate& aggregate, ConnectorId id) const {
  switch (kind) {
    case Kind::All: return true;
    case Kind::NoConnector: return id == kNoConnector;
    case Kind::Unknown: return id == kUnknownConnector;
    case Kind::Named: {
      if (id == kUnknownConnector || id == kNoConnector) return false;
      const std::optional<std::string_view> connector = aggregate.connector_name(id);
      return connector && *connector == name;
    }
  }
  return false;
}

std::string connector_label(const std::optional<std::string>& name) {
  if (!name) return "(unknown connector)";
  if (name->empty()) return "(no connector)";
  return *name;
}

namespace {

std::optional<std::string> owned_name(const Aggregate& aggregate, ConnectorId id) {
  const std::optional<std::string_view> name = aggregate.connector_name(id);
  if (!name) return std::nullopt;
  return std::string(*name);
}

}  // namespace

bool connector_name_less(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  if (!a || !b) return !a && b;
  return *a < *b;
}

ConnectorReport connector_report(const Aggregate& aggregate, DateRange range,
                                 const ConnectorChoice& choice) {
  ConnectorReport report;
  report.range = range;
  report.choice = choice;
  report.days = empty_days(range);

  // Index by (direction, connector): at most 2 x kMaxConnectors entries.
  std::map<std::pair<Direction, ConnectorId>, TlsMix> per_connector;
  aggregate.for_each_cell([&](const CellKey& key, const Volume& volume) {
    if (!range.contains(key.day)) return;
    per_connector[{key.direction, key.connector}].add(key.tls, volume);
    if (!choice.matches(aggregate, key.connector)) return;
    report.totals[key.direction].add(key.tls, volume);
    report.days[static_cast<size_t>(key.day - range.from)].mix[key.direction].add(key.tls, volume);
  });

  report.connectors.reserve(per_connector.size());
  for (const auto& [key, mix] : per_connector) {
    report.connectors.push_back(
        ConnectorSummary{key.first, key.second, owned_name(aggregate, key.second), mix});
  }
  std::sort(report.connectors.begin(), report.connectors.end(),
            [](const ConnectorSummary& a, const ConnectorSummary& b) {
              if (a.direction != b.direction) return a.direction < b.direction;
              const uint64_t va = a.mix.total().messages, vb = b.mix.total().messages;
              if (va != vb) return va > vb;
              return connector_name_less(a.name, b.name);
            });
  return report;
}

std::vector<ConnectorChoice> connector_choices(const ConnectorReport& report) {
  std::map<std::string, uint64_t> named;
  bool no_connector = false, unknown = false;
  for (const ConnectorSummary& c : report.connectors) {
    if (!c.name) unknown = true;
    else if (c.name->empty()) no_connector = true;
    else named[*c.name] += c.mix.total().messages;
  }
  std::vector<std::pair<std::string, uint64_t>> by_volume(named.begin(), named.end());
  std::stable_sort(by_volume.begin(), by_volume.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<ConnectorChoice> choices;
  for (auto& [name, volume] : by_volume) choices.push_back(ConnectorChoice::named(std::move(name)));
  if (no_connector) choices.push_back(ConnectorChoice::no_connector());
  if (unknown) choices.push_back(ConnectorChoice::unknown());
  return choices;
}

bool same_choice(const ConnectorChoice& a, const ConnectorChoice& b) {
  return a.kind == b.kind && (a.kind != ConnectorChoice::Kind::Named || a.name == b.name);
}

std::vector<ConnectorCsvRow> connector_daily_rows(const Aggregate& aggregate, DateRange range,
                                                  const ConnectorChoice& choice) {
  std::map<std::tuple<Day, Direction, ConnectorId>, TlsMix> cells;
  aggregate.for_each_cell([&](const CellKey& key, const Volume& volume) {
    if (!range.contains(key.day) || !choice.matches(aggregate, key.connector)) return;
    cells[{key.day, key.direction, key.connector}].add(key.tls, volume);
  });

  std::vector<ConnectorCsvRow> rows;
  rows.reserve(cells.size());
  for (const auto& [key, mix] : cells) {
    const auto& [day, direction, id] = key;
    if (mix.total().messages == 0) continue;
    rows.push_back(ConnectorCsvRow{day, direction, owned_name(aggregate, id), mix});
  }
  // Connector ids follow first appearance, not names: sort by name for a stable file.
  std::stable_sort(rows.begin(), rows.end(), [](const ConnectorCsvRow& a, const ConnectorCsvRow& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.direction != b.direction) return a.direction < b.direction;
    return connector_name_less(a.connector, b.connector);
  });
  return rows;
}

}  // namespace mailflow
