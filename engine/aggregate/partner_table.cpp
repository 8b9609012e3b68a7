#include "aggregate/partner_table.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace mailflow {

namespace {
// 23 bits of day (about 11,000 years either side of 1970: every year the parsers accept), 13 of
// connector (Aggregate keeps at most 4,096 names plus its fixed ones), 3 of TLS state, 1 of
// direction, 24 of endpoint (RemoteNames keeps far fewer).
constexpr uint64_t kDayMask = (uint64_t{1} << 23) - 1, kConnectorMask = (1u << 13) - 1, kEndpointMask = (1u << 24) - 1;
static_assert(RemoteNames::kMaxEndpoints < kEndpointMask);
}  // namespace

uint64_t PartnerCells::packed_day(Day day) {
  return static_cast<uint64_t>(std::clamp<int64_t>(int64_t{day} + kDayBias, 0, static_cast<int64_t>(kDayMask)));
}

uint64_t PartnerCells::pack(const PartnerCellKey& k) {
  static_assert(kEndpointBits == kEndpointMask);
  return packed_day(k.day) << 41 | uint64_t{k.connector & kConnectorMask} << 28 |
         uint64_t{static_cast<uint8_t>(k.tls)} << 25 | uint64_t{static_cast<uint8_t>(k.direction)} << 24 |
         (k.endpoint & kEndpointMask);
}

PartnerCellKey PartnerCells::unpack(uint64_t p) {
  return {static_cast<Day>(static_cast<int64_t>(p >> 41) - kDayBias), static_cast<Direction>((p >> 24) & 1),
          static_cast<ConnectorId>((p >> 28) & kConnectorMask), static_cast<TlsVersion>((p >> 25) & 7),
          static_cast<uint32_t>(p & kEndpointMask)};
}

uint64_t PartnerCells::day_of(uint64_t packed) { return packed >> 41; }

// The map that holds `day`'s cells, or kNoMap for a day not yet seen (before the shared map exists).
uint32_t PartnerCells::index_of(uint64_t day) const {
  if (day == last_day_) return last_index_;
  if (const uint32_t* index = day_index_.find(day)) return *index;
  return shared_index_;
}

bool PartnerCells::holds_days(uint32_t map, Day first, Day last) const {
  return map == shared_index_ || (day_of_map_[map] >= packed_day(first) && day_of_map_[map] <= packed_day(last));
}

std::vector<uint32_t> PartnerCells::maps_of_days(Day first, Day last) const {
  std::vector<uint32_t> maps;
  for (uint32_t map = 0; map < by_day_.size(); ++map)
    if (holds_days(map, first, last)) maps.push_back(map);
  std::sort(maps.begin(), maps.end(), [&](uint32_t a, uint32_t b) { return day_of_map_[a] < day_of_map_[b]; });
  return maps;
}

const FlatMap64<Volume>* PartnerCells::cells_of_day(uint64_t packed) const {
  const uint32_t index = index_of(day_of(packed));
  return index == kNoMap ? nullptr : &by_day_[index];
}

FlatMap64<Volume>& PartnerCells::cells_of_day_made(uint64_t packed) {
  const uint64_t day = day_of(packed);
  uint32_t index = index_of(day);
  if (index == kNoMap) {
    index = static_cast<uint32_t>(by_day_.size());
    by_day_.emplace_back();
    day_of_map_.push_back(day);
    if (by_day_.size() <= kMaxDayMaps) day_index_.insert(day, index);
    else shared_index_ = index;
  }
  last_day_ = day;
  last_index_ = index;
  return by_day_[index];
}

void PartnerCells::add(const PartnerCellKey& key, Volume volume) {
  uint64_t packed = pack(key);
  FlatMap64<Volume>& cells = cells_of_day_made(packed);
  cells.index_appended();
  if (Volume* cell = cells.find(packed)) {
    *cell += volume;
    return;
  }
  if (size_ >= kMaxCells && key.endpoint != RemoteNames::kOtherPartners) {
    overflowed_ = true;
    PartnerCellKey other = key;
    other.endpoint = RemoteNames::kOtherPartners;
    packed = pack(other);
    if (Volume* cell = cells.find(packed)) {
      *cell += volume;
      return;
    }
  }
  cells.insert(packed, volume);
  ++size_;
}

std::optional<std::pair<Day, Day>> PartnerCells::day_span() const {
  std::optional<std::pair<Day, Day>> span;
  const auto cover = [&](uint64_t packed) {
    const Day day = unpack(packed).day;
    span = span ? std::pair(std::min(span->first, day), std::max(span->second, day)) : std::pair(day, day);
  };
  for (size_t i = 0; i < by_day_.size(); ++i) {
    if (i == shared_index_) by_day_[i].for_each([&](uint64_t packed, const Volume&) { cover(packed); });
    else if (!by_day_[i].empty()) cover(day_of_map_[i] << 41);
  }
  return span;
}

void PartnerCells::add_new(const PartnerCellKey& key, Volume volume) {
  if (size_ >= kMaxCells) return add(key, volume);  // the bound as add() keeps it
  const uint64_t packed = pack(key);
  cells_of_day_made(packed).append(packed, volume);
  ++size_;
}

namespace {
constexpr uint32_t kUnmapped = ~uint32_t{0};
}

uint32_t PartnerTable::endpoint_in(const RemoteNames& names, uint32_t endpoint, std::vector<uint32_t>& endpoint_of) {
  if (endpoint_of.size() <= endpoint) endpoint_of.resize(names.endpoint_count(), kUnmapped);
  uint32_t& mapped = endpoint_of[endpoint];
  if (mapped == kUnmapped)
    mapped = endpoint == RemoteNames::kOtherPartners ? RemoteNames::kOtherPartners
                                                     : names_.intern(names.partner(endpoint), names.host(endpoint));
  return mapped;
}

// Into an empty table, in the same connector ids (a snapshot of one file), the names and cells
// are copied as they are: adding half a million cells one by one was most of a snapshot. The
// endpoint ids are then the names', and names no cell uses are kept, as a range's are when its
// file takes it over (Source::take_over_range).
bool PartnerTable::keeps_as_they_are(const RemoteNames& names, const std::vector<ConnectorId>& connector_of,
                                     std::vector<uint32_t>& endpoint_of) {
  bool same_ids = true;
  for (size_t id = 0; id < connector_of.size() && same_ids; ++id) same_ids = connector_of[id] == id;
  if (!empty() || names_.endpoint_count() != 1 || !endpoint_of.empty() || !same_ids) return false;
  names_ = names;
  endpoint_of.resize(names.endpoint_count());
  std::iota(endpoint_of.begin(), endpoint_of.end(), uint32_t{0});
  return true;
}

void PartnerTable::add_cells(PartnerCells&& cells, const RemoteNames& names,
                             const std::vector<ConnectorId>& connector_of, std::vector<uint32_t>& endpoint_of) {
  if (keeps_as_they_are(names, connector_of, endpoint_of)) cells_ = std::move(cells);
  else add_cells(std::as_const(cells), names, connector_of, endpoint_of);
}

void PartnerTable::add_cells(const PartnerCells& cells, const RemoteNames& names,
                             const std::vector<ConnectorId>& connector_of, std::vector<uint32_t>& endpoint_of) {
  if (keeps_as_they_are(names, connector_of, endpoint_of)) {
    cells_ = cells;
    return;
  }
  cells.for_each([&](PartnerCellKey key, const Volume& volume) {
    key.connector = connector_of[key.connector];
    key.endpoint = endpoint_in(names, key.endpoint, endpoint_of);
    add(key, volume);
  });
  overflowed_ = overflowed_ || cells.overflowed() || names.overflowed();
}

void PartnerTable::merge(const PartnerTable& other, const std::vector<ConnectorId>& connector_of) {
  std::vector<uint32_t> endpoint_of;
  add_cells(other.cells_, other.names_, connector_of, endpoint_of);
  overflowed_ = overflowed_ || other.overflowed();
}

}  // namespace mailflow
