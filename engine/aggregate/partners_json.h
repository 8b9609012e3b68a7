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
// filter, sorted by day, direction, connector, TLS, endpoint index.
struct SortedPartners {
  struct Cell {
    PartnerCellKey key;
    Volume volume;
  };
  std::vector<uint32_t> endpoints;  // ids, in the section's order
  std::vector<int64_t> index;       // id -> position in `endpoints`, -1: other partners
  size_t cell_count() const { return places_.size(); }
  Cell cell(size_t i) const;  // in schema order

 private:
  friend SortedPartners sorted_partners(const Aggregate&, const JsonWriteOptions&);
  std::vector<std::pair<uint64_t, Volume>> places_;  // each cell's key as a sortable number
  std::vector<ConnectorId> by_rank_;                 // connector ids by their rank in the order
};
SortedPartners sorted_partners(const Aggregate& aggregate, const JsonWriteOptions& options);

// The section as compact JSON text appended to `out`, without building it as a JSON value first
// (half a million cells would take hundreds of MB and most of a large file's time).
void append_partners_json(std::string& out, const Aggregate& aggregate, const JsonWriteOptions& options);
// Adds the section's cells to `aggregate` (connectors interned there); false with `error` set when
// it is malformed.
bool partners_from_json(const nlohmann::ordered_json& j, Aggregate& aggregate, std::string& error);

}  // namespace mailflow
