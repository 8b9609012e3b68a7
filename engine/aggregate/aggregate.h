// The aggregate: the only thing that crosses from ingest to the views. Messages and bytes per
// (day, direction, connector, TLS version), the same per remote partner and host (bounded: see
// partner_table.h), and the report of every source that fed it. Its size depends on the number of
// days, connectors and partners kept, never on the number of messages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "aggregate/cell.h"
#include "aggregate/partner_table.h"
#include "aggregate/source_report.h"
#include "aggregate/tls_reports.h"
#include "model/day.h"
#include "model/direction.h"
#include "model/tls_version.h"
#include "util/flat_map64.h"
#include "util/name_memo.h"

namespace mailflow {

struct CellKey {
  Day day = 0;
  Direction direction = Direction::Inbound;
  ConnectorId connector = kUnknownConnector;
  TlsVersion tls = TlsVersion::NoData;
};

// One row of the schema: connector nullopt = unknown, "" = no connector.
struct AggregateRow {
  Day day;
  Direction direction;
  std::optional<std::string> connector;
  TlsVersion tls;
  Volume volume;
};

class Aggregate {
 public:
  // Beyond this many distinct connector names, further names are counted under kOtherConnectors,
  // so a hostile file cannot grow the aggregate without bound.
  static constexpr size_t kMaxConnectors = 4096;
  static constexpr std::string_view kOtherConnectors = "(other connectors)";

  Aggregate();

  ConnectorId intern_connector(std::optional<std::string_view> name);
  std::optional<std::string_view> connector_name(ConnectorId id) const;  // nullopt for unknown
  std::optional<ConnectorId> find_connector(std::optional<std::string_view> name) const;
  size_t connector_count() const { return names_.size(); }

  void add(const CellKey& key, Volume volume);
  void add_source(SourceReport report) { sources_.push_back(std::move(report)); }

  // Adds everything of `other` (cells, partners, sources). Merging is associative and commutative
  // for the cells and the partners (within the partner table's bounds).
  void merge(const Aggregate& other);

  // Rows sorted by day, direction, connector (unknown first, then "" then by name), TLS.
  std::vector<AggregateRow> rows() const;
  template <class F>
  void for_each_cell(F&& f) const {
    for (const auto& [packed, volume] : cells_) f(unpack(packed), volume);
  }

  // Messages per remote partner and host, by day (aggregate/partner_table.h).
  const PartnerTable& partners() const { return partners_; }
  PartnerTable& partners() { return partners_; }

  const std::vector<SourceReport>& sources() const { return sources_; }
  std::vector<SourceReport>& sources() { return sources_; }

  // TLS-RPT session counts (their own part: they carry no TLS version and count no messages).
  const TlsReports& tls_reports() const { return tls_reports_; }
  TlsReports& tls_reports() { return tls_reports_; }

  bool empty() const { return cells_.empty(); }
  std::optional<Day> first_day() const;
  std::optional<Day> last_day() const;
  Volume total() const;

 private:
  static uint64_t pack(const CellKey& key);
  static CellKey unpack(uint64_t packed);

  std::vector<std::string> names_;  // index = ConnectorId; [0], [1] are the fixed ids
  // A name's id found by the name's 64-bit hash (util/hash.h), checked against the name: interning
  // a name (once per message) hashes a few bytes and allocates nothing. Where two names share a hash
  // (never seen), the second is found by a walk over names_.
  FlatMap64<ConnectorId> ids_;
  NameMemo memo_;  // in front of ids_
  std::optional<ConnectorId> find_name(std::string_view name, uint64_t hash) const;
  std::unordered_map<uint64_t, Volume> cells_;
  PartnerTable partners_;
  std::vector<SourceReport> sources_;
  TlsReports tls_reports_;
};

}  // namespace mailflow
