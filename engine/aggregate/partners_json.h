// The "partners" section of the aggregate JSON (see aggregate_json.h and partner_table.h):
//   "partners":{"overflowed":bool,                a bound was reached: "other partners" holds the rest
//     "endpoints":[[partner,host]],               sorted
//     "cells":[[day,direction,connector,tls,endpoint,messages,bytes]]}
// `endpoint` indexes "endpoints", or is null for "other partners"; cells sorted by day, direction,
// connector, tls, endpoint. The date filter applies; the saved report's packed form carries the
// same section.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate.h"
#include "aggregate/aggregate_json.h"

namespace mailflow {

// The section's content in schema order, for the writers of this section and of the saved
// report's packed form: the endpoints used, sorted by (partner, host), and the cells in the date
// filter by day, direction, connector, TLS, endpoint index. The cells come in parts, each wholly
// after the one before: a day's cells each as the table keeps them, sorted when asked for (in
// cache, and parts on several threads), or all in one part once days share the table's last map.
// It reads the aggregate's table: the aggregate outlives it.
class SortedPartners {
 public:
  struct Cell {
    PartnerCellKey key;
    Volume volume;
  };
  // A cell's place in the order as one number, and its volume (cell() reads the cell back).
  using Place = std::pair<uint64_t, Volume>;

  std::vector<uint32_t> endpoints;  // ids, in the section's order
  std::vector<int64_t> index;       // id -> position in `endpoints`, -1: other partners

  size_t part_count() const { return days_apart_ ? maps_.size() : !maps_.empty(); }
  size_t part_size(size_t part) const;  // cells at most (the date filter may drop a few)
  // The part's cells as places, in order; `scratch` is the sort's room (kept between calls).
  void sort_part(size_t part, std::vector<Place>& places, std::vector<Place>& scratch) const;
  Cell cell(const Place& place) const;

 private:
  friend SortedPartners sorted_partners(const Aggregate&, const JsonWriteOptions&);
  template <class F>
  void for_each_of_part(size_t part, F&& f) const;
  bool in_filter(Day day) const { return day >= from_ && day <= to_; }
  const PartnerCells* cells_ = nullptr;
  std::vector<uint32_t> maps_;  // the table's maps of the filter's days, in day order
  bool days_apart_ = true;      // each map holds one day (none is the shared map)
  Day from_ = 0, to_ = 0;
  std::vector<uint32_t> rank_;        // connector id -> its rank in the order
  std::vector<ConnectorId> by_rank_;  // and back
};
SortedPartners sorted_partners(const Aggregate& aggregate, const JsonWriteOptions& options);

// The section as compact JSON text appended to `out`, without building it as a JSON value first
// (half a million cells would take hundreds of MB and most of a large file's time).
void append_partners_json(std::string& out, const Aggregate& aggregate, const JsonWriteOptions& options);
// Adds the section's cells to `aggregate` (connectors interned there); false with `error` set when
// it is malformed.
bool partners_from_json(const nlohmann::ordered_json& j, Aggregate& aggregate, std::string& error);

}  // namespace mailflow
