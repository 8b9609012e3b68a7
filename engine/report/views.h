// The report views: pure functions of an Aggregate and a date range, returning plain structs that
// the web app draws and the shell prints. Nothing here knows about a UI.
//
// Shares of TLS are taken over the messages whose TLS state the source knows: "no-data" is shown
// apart and never counts as "no TLS".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aggregate/aggregate.h"

namespace mailflow {

struct DateRange {
  Day from = 0;  // inclusive
  Day to = 0;    // inclusive
  int days() const { return to - from + 1; }
  bool contains(Day d) const { return d >= from && d <= to; }
};

inline constexpr int kDefaultRangeDays = 7;  // Microsoft's widget: the last week
inline constexpr int kMaxStandardRangeDays = 30;  // Microsoft's Filter maximum

// The last `days` days of the data (ending on its last day); nullopt when there is no data.
// `days` is a standard range length and is clamped to 1..kMaxStandardRangeDays; longer ranges are
// asked for explicitly (see resolve_range).
std::optional<DateRange> last_days(const Aggregate& aggregate, int days = kDefaultRangeDays);
// The whole span of the data.
std::optional<DateRange> full_range(const Aggregate& aggregate);
// The range a user asked for, as the dashboard's filter and the shell read it:
//   from and to given: exactly that range, any length (nullopt when to < from);
//   only from: `days` days starting there; only to: `days` days ending there;
//   neither: last_days(aggregate, days) (nullopt when there is no data).
std::optional<DateRange> resolve_range(const Aggregate& aggregate, std::optional<Day> from,
                                       std::optional<Day> to, int days = kDefaultRangeDays);

// Messages per TLS state, with the shares people read.
struct TlsMix {
  std::array<Volume, kTlsVersionCount> by_tls{};

  void add(TlsVersion tls, Volume v) { by_tls[static_cast<size_t>(tls)] += v; }
  void add(const TlsMix& other);
  const Volume& operator[](TlsVersion tls) const { return by_tls[static_cast<size_t>(tls)]; }
  Volume total() const;
  uint64_t messages_with_tls_data() const;  // all but no-data
  uint64_t encrypted_messages() const;      // SSL 3 .. TLS 1.3 and unknown version
  // Share of messages (0..1) among those with TLS data; nullopt when none has TLS data, and
  // always for NoData (it is not part of the denominator).
  std::optional<double> share(TlsVersion tls) const;
  std::optional<double> protected_share() const;
};

struct DirectionMix {
  TlsMix inbound;
  TlsMix outbound;
  TlsMix& operator[](Direction d) { return d == Direction::Inbound ? inbound : outbound; }
  const TlsMix& operator[](Direction d) const { return d == Direction::Inbound ? inbound : outbound; }
};

struct DayMix {
  Day day;
  DirectionMix mix;
};

// "Outbound and inbound mail flow" card and the "Message protected in transit (by TLS)" flyout:
// totals over the range and one entry per day of the range (days without mail included).
struct MailFlowOverview {
  DateRange range;
  DirectionMix totals;
  std::vector<DayMix> days;
  bool has_tls_data = false;  // false when every message in range is no-data
};
MailFlowOverview mail_flow_overview(const Aggregate& aggregate, DateRange range);

// Which connectors the connector report shows.
struct ConnectorChoice {
  enum class Kind { All, NoConnector, Unknown, Named } kind = Kind::All;
  std::string name;  // for Named
  bool matches(const Aggregate& aggregate, ConnectorId id) const;

  static ConnectorChoice all() { return {}; }
  static ConnectorChoice no_connector() { return {Kind::NoConnector, {}}; }
  static ConnectorChoice unknown() { return {Kind::Unknown, {}}; }
  static ConnectorChoice named(std::string connector) { return {Kind::Named, std::move(connector)}; }
  static ConnectorChoice of(const Aggregate& aggregate, ConnectorId id);  // just that connector
};

// One connector over the range, per direction.
struct ConnectorSummary {
  Direction direction;
  ConnectorId id;
  std::optional<std::string> name;  // nullopt = unknown, "" = no connector
  TlsMix mix;
};

// The connector report: every (direction, connector) over the range, and per day the chosen
// connector(s) ("Mail flow" for one, "All mail flow" for all), which the "TLS usage" view shows
// in percent.
struct ConnectorReport {
  DateRange range;
  ConnectorChoice choice;
  std::vector<ConnectorSummary> connectors;  // sorted by direction, then volume (largest first)
  std::vector<DayMix> days;                  // the choice, per day of the range
  DirectionMix totals;                       // the choice over the range
};
ConnectorReport connector_report(const Aggregate& aggregate, DateRange range, const ConnectorChoice& choice);

// The connectors a user picks from: the named ones by volume over the range (both directions, the
// busiest first, names breaking ties), then "(no connector)" and "(unknown connector)" when the
// range has such mail. The report opens on the first.
std::vector<ConnectorChoice> connector_choices(const ConnectorReport& report);
bool same_choice(const ConnectorChoice& a, const ConnectorChoice& b);

// Display name: the connector's name, "(no connector)" or "(unknown connector)".
std::string connector_label(const std::optional<std::string>& name);
// The order connectors are listed in when volume does not decide: unknown first, then no
// connector, then by name.
bool connector_name_less(const std::optional<std::string>& a, const std::optional<std::string>& b);

// One row of the connector-report CSV, with the columns admins know from the EAC export.
struct ConnectorCsvRow {
  Day day;
  Direction direction;
  std::optional<std::string> connector;
  TlsMix mix;
};
// One row per (day, direction, connector) that has mail in the range and matches `choice`
// (days without mail have no row), sorted by day, direction, then connector (unknown first, then
// no connector, then by name).
std::vector<ConnectorCsvRow> connector_daily_rows(const Aggregate& aggregate, DateRange range,
                                                  const ConnectorChoice& choice = {});

}  // namespace mailflow
