#include "aggregate/aggregate.h"

#include <algorithm>

#include "util/hash.h"
#include "util/text.h"

namespace mailflow {

// Cell key layout: day (32 bits, offset so negatives sort first) | connector (24) | direction (4) |
// TLS (4). The connector limit (kMaxConnectors) keeps ids far below 2^24.
uint64_t Aggregate::pack(const CellKey& k) {
  const auto day = static_cast<uint64_t>(static_cast<uint32_t>(k.day) ^ 0x80000000u);
  return day << 32 | uint64_t{k.connector} << 8 | uint64_t{static_cast<uint8_t>(k.direction)} << 4 |
         uint64_t{static_cast<uint8_t>(k.tls)};
}

CellKey Aggregate::unpack(uint64_t p) {
  CellKey k;
  k.day = static_cast<Day>(static_cast<uint32_t>(p >> 32) ^ 0x80000000u);
  k.connector = static_cast<ConnectorId>((p >> 8) & 0xFFFFFF);
  k.direction = static_cast<Direction>((p >> 4) & 0xF);
  k.tls = static_cast<TlsVersion>(p & 0xF);
  return k;
}

Aggregate::Aggregate() : names_{"", ""} {}

namespace {
uint64_t name_hash(std::string_view name) { return hash64(name, 0xc0); }
}  // namespace

std::optional<ConnectorId> Aggregate::find_name(std::string_view name, uint64_t hash) const {
  const ConnectorId* known = ids_.find(hash);
  if (!known) return std::nullopt;
  if (same_name(names_[*known], name)) return *known;
  for (ConnectorId id = 2; id < names_.size(); ++id)
    if (same_name(names_[id], name)) return id;
  return std::nullopt;
}

ConnectorId Aggregate::intern_connector(std::optional<std::string_view> name) {
  if (!name) return kUnknownConnector;
  if (name->empty()) return kNoConnector;
  const auto name_of = [this](uint32_t id) { return std::string_view(names_[id]); };
  if (const uint32_t id = memo_.find(*name, name_of); id != NameMemo::kNone) return static_cast<ConnectorId>(id);
  const uint64_t hash = name_hash(*name);
  if (const auto id = find_name(*name, hash)) return memo_.put(*name, *id), *id;
  // Past the cap every new name is counted under one more entry, kOtherConnectors.
  if (names_.size() >= kMaxConnectors && *name != kOtherConnectors) return intern_connector(kOtherConnectors);
  const auto id = static_cast<ConnectorId>(names_.size());
  names_.emplace_back(*name);
  if (!ids_.find(hash)) ids_.insert(hash, id);
  memo_.put(*name, id);
  return id;
}

std::optional<std::string_view> Aggregate::connector_name(ConnectorId id) const {
  if (id == kUnknownConnector || id >= names_.size()) return std::nullopt;
  return std::string_view(names_[id]);
}

std::optional<ConnectorId> Aggregate::find_connector(std::optional<std::string_view> name) const {
  if (!name) return kUnknownConnector;
  if (name->empty()) return kNoConnector;
  return find_name(*name, name_hash(*name));
}

void Aggregate::add(const CellKey& key, Volume volume) { cells_[pack(key)] += volume; }


void Aggregate::merge(const Aggregate& other) {
  std::vector<ConnectorId> remap(other.names_.size());
  for (ConnectorId id = 0; id < other.names_.size(); ++id) remap[id] = intern_connector(other.connector_name(id));
  for (const auto& [packed, volume] : other.cells_) {
    CellKey key = unpack(packed);
    key.connector = remap[key.connector];
    cells_[pack(key)] += volume;
  }
  partners_.merge(other.partners_, remap);
  sources_.insert(sources_.end(), other.sources_.begin(), other.sources_.end());
  tls_reports_.merge(other.tls_reports_);
}

std::vector<AggregateRow> Aggregate::rows() const {
  std::vector<AggregateRow> out;
  out.reserve(cells_.size());
  for (const auto& [packed, volume] : cells_) {
    const CellKey k = unpack(packed);
    std::optional<std::string> name;
    if (auto n = connector_name(k.connector)) name = std::string(*n);
    out.push_back({k.day, k.direction, std::move(name), k.tls, volume});
  }
  std::sort(out.begin(), out.end(), [](const AggregateRow& a, const AggregateRow& b) {
    if (a.day != b.day) return a.day < b.day;
    if (a.direction != b.direction) return a.direction < b.direction;
    if (a.connector != b.connector) return a.connector < b.connector;  // nullopt (unknown) first
    return a.tls < b.tls;
  });
  return out;
}

std::optional<Day> Aggregate::first_day() const {
  std::optional<Day> first;
  for (const auto& [packed, v] : cells_) {
    const Day d = unpack(packed).day;
    if (!first || d < *first) first = d;
  }
  return first;
}

std::optional<Day> Aggregate::last_day() const {
  std::optional<Day> last;
  for (const auto& [packed, v] : cells_) {
    const Day d = unpack(packed).day;
    if (!last || d > *last) last = d;
  }
  return last;
}

Volume Aggregate::total() const {
  Volume t;
  for (const auto& [packed, v] : cells_) t += v;
  return t;
}

}  // namespace mailflow
