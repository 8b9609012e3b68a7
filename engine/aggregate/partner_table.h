// Exact messages and bytes per (day, direction, connector, TLS state, endpoint): what the partners
// view, the TLS "what if" and the insights' hosts are counted from, over any range, direction and
// connector. An endpoint is a (partner, remote host) pair of RemoteNames.
//
// Bounded: past RemoteNames' bounds, or past kMaxCells cells, a message is counted under the
// "other partners" endpoint of its (day, direction, connector, TLS) cell, so totals stay whole.
// Cost: about 40 bytes a cell (a cell per partner host, day and TLS state seen) plus the names.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "aggregate/cell.h"
#include "aggregate/remote_names.h"
#include "model/day.h"
#include "model/direction.h"
#include "model/tls_version.h"
#include "util/flat_map64.h"

namespace mailflow {

struct PartnerCellKey {
  Day day = 0;
  Direction direction = Direction::Inbound;
  ConnectorId connector = 0;  // of the aggregate that holds the table
  TlsVersion tls = TlsVersion::NoData;
  uint32_t endpoint = RemoteNames::kOtherPartners;
};

// The cells alone, in the ids of a RemoteNames and connector names kept elsewhere (the message
// table counts each source's messages in its own ids this way).
class PartnerCells {
 public:
  static constexpr size_t kMaxCells = size_t{1} << 19;
  // A cell's day is kept as day + kDayBias in 23 bits (clamped): from 2^22 days before 1970.
  static constexpr int64_t kDayBias = int64_t{1} << 22;

  void add(const PartnerCellKey& key, Volume volume);
  // The same for a key known to be new (cells read back from a table's image): appended without a
  // lookup, found only once a later add() indexes its day (most images are never added to).
  void add_new(const PartnerCellKey& key, Volume volume);
  // A cell's key as one number: two keys are the same cell when their numbers are equal.
  static uint64_t pack(const PartnerCellKey& key);
  // The two steps of asking for a cell's memory ahead of add() (see FlatMap64::prefetch_slot).
  // Without a prefetch instruction (wasm) nothing: packing the key and finding its day are calls
  // the compiler cannot drop, and the entry's step probes the slots.
  void prefetch_slot(const PartnerCellKey& key) const {
    if constexpr (kNativePrefetch) {
      const uint64_t packed = pack(key);
      if (const FlatMap64<Volume>* cells = cells_of_day(packed)) cells->prefetch_slot(packed);
    }
  }
  void prefetch_cell(const PartnerCellKey& key) const {
    if constexpr (kNativePrefetch) {
      const uint64_t packed = pack(key);
      if (const FlatMap64<Volume>* cells = cells_of_day(packed)) cells->prefetch_entry(packed);
    }
  }
  template <class F>  // f(PartnerCellKey, Volume): the days as they came, each day's cells as made
  void for_each(F&& f) const {
    for (const auto& cells : by_day_)
      cells.for_each([&](uint64_t packed, const Volume& volume) { f(unpack(packed), volume); });
  }
  // The same, skipping the days before `first` and after `last` a map at a time (a week of a
  // month's cells is a quarter of them). A few cells of other days may still come (the days past
  // kMaxDayMaps share a map): the caller checks each cell's day as it would for for_each.
  template <class F>
  void for_each_of_days(Day first, Day last, F&& f) const {
    for (uint32_t map = 0; map < by_day_.size(); ++map)
      if (holds_days(map, first, last)) for_each_in_map(map, f);
  }
  // The maps that may hold days in [first, last] (as for_each_of_days picks them), in day order:
  // a writer of sorted cells sorts them a map at a time, in cache, and maps on several threads.
  // A map holds one day's cells, but for the shared one (spans_days), which holds the days past
  // kMaxDayMaps in any order.
  std::vector<uint32_t> maps_of_days(Day first, Day last) const;
  bool spans_days(uint32_t map) const { return map == shared_index_; }
  size_t map_size(uint32_t map) const { return by_day_[map].size(); }
  template <class F>  // f(PartnerCellKey, Volume): the map's cells as made
  void for_each_in_map(uint32_t map, F&& f) const {
    by_day_[map].for_each([&](uint64_t packed, const Volume& volume) { f(unpack(packed), volume); });
  }
  // The same summed over the endpoints: one call per (day, direction, connector, TLS), endpoint
  // kOtherPartners (what the aggregate's rows are made of; a day's few dozen rows summed apart).
  template <class F>
  void for_each_row(F&& f) const {
    FlatMap64<Volume> rows;
    for (const auto& cells : by_day_) {
      rows.clear();
      cells.for_each([&](uint64_t packed, const Volume& volume) {
        const uint64_t row = packed & ~uint64_t{kEndpointBits};
        if (Volume* sum = rows.find(row)) *sum += volume;
        else rows.insert(row, volume);
      });
      rows.for_each([&](uint64_t row, const Volume& volume) { f(unpack(row), volume); });
    }
  }
  // The first and last day of the cells (nullopt: none), without walking them.
  std::optional<std::pair<Day, Day>> day_span() const;
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  bool overflowed() const { return overflowed_; }

 private:
  static constexpr uint64_t kEndpointBits = (uint64_t{1} << 24) - 1;  // pack()'s lowest bits
  static PartnerCellKey unpack(uint64_t packed);
  static uint64_t day_of(uint64_t packed);
  static uint64_t packed_day(Day day);
  uint32_t index_of(uint64_t day) const;
  bool holds_days(uint32_t map, Day first, Day last) const;
  const FlatMap64<Volume>* cells_of_day(uint64_t packed) const;
  FlatMap64<Volume>& cells_of_day_made(uint64_t packed);

  // A map of cells per day: mail comes about in time order, so the day being counted keeps its
  // few thousand cells and their slots together in cache, where one map of every day's cells
  // spreads them over megabytes (a cache miss or two per message). Past kMaxDayMaps days (a
  // file's dates scattered over centuries) the further days share one map: memory stays bounded.
  static constexpr size_t kMaxDayMaps = 4096;
  std::vector<FlatMap64<Volume>> by_day_;
  std::vector<uint64_t> day_of_map_;  // as packed; that of the first day of the shared map
  FlatMap64<uint32_t> day_index_;  // day (as packed) -> index into by_day_
  static constexpr uint32_t kNoMap = ~uint32_t{0};
  uint32_t shared_index_ = kNoMap;  // the map of the days past kMaxDayMaps
  uint64_t last_day_ = ~uint64_t{0};
  uint32_t last_index_ = 0;
  size_t size_ = 0;
  bool overflowed_ = false;  // a cell went to "other partners" past kMaxCells
};

class PartnerTable {
 public:
  RemoteNames& names() { return names_; }
  const RemoteNames& names() const { return names_; }

  void add(const PartnerCellKey& key, Volume volume) { cells_.add(key, volume); }
  void add_new(const PartnerCellKey& key, Volume volume) { cells_.add_new(key, volume); }
  // Adds cells counted in `names`' endpoints and `connector_of`'s connectors (index: the cells'
  // connector id, value: this table's). `endpoint_of` caches the mapping between calls.
  void add_cells(const PartnerCells& cells, const RemoteNames& names, const std::vector<ConnectorId>& connector_of,
                 std::vector<uint32_t>& endpoint_of);
  // The same, taking the cells over when they can be kept as they are (see add_cells).
  void add_cells(PartnerCells&& cells, const RemoteNames& names, const std::vector<ConnectorId>& connector_of,
                 std::vector<uint32_t>& endpoint_of);
  // Adds every cell of `other`, its connector c counted as `connector_of[c]` here.
  void merge(const PartnerTable& other, const std::vector<ConnectorId>& connector_of);
  uint32_t endpoint_in(const RemoteNames& names, uint32_t endpoint, std::vector<uint32_t>& endpoint_of);

  template <class F>  // f(PartnerCellKey, Volume)
  void for_each(F&& f) const {
    cells_.for_each(f);
  }
  template <class F>  // f(PartnerCellKey, Volume): as PartnerCells::for_each_of_days
  void for_each_of_days(Day first, Day last, F&& f) const {
    cells_.for_each_of_days(first, last, f);
  }
  const PartnerCells& cells() const { return cells_; }
  bool empty() const { return cells_.empty(); }
  size_t cell_count() const { return cells_.size(); }
  // Some message was counted under "other partners" because a bound was reached.
  bool overflowed() const { return overflowed_ || cells_.overflowed() || names_.overflowed(); }
  void mark_overflowed() { overflowed_ = true; }  // read back from a table that had

 private:
  bool keeps_as_they_are(const RemoteNames& names, const std::vector<ConnectorId>& connector_of,
                         std::vector<uint32_t>& endpoint_of);
  RemoteNames names_;
  PartnerCells cells_;
  bool overflowed_ = false;  // a merged or loaded table had overflowed
};

}  // namespace mailflow
