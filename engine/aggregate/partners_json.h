// The "partners" section of the aggregate JSON (see aggregate_json.h and partner_table.h):
//   "partners":{"overflowed":bool,                a bound was reached: "other partners" holds the rest
//     "endpoints":[[partner,host]],               sorted
//     "cells":[[day,direction,connector,tls,endpoint,messages,bytes]]}
// `endpoint` indexes "endpoints", or is null for "other partners"; cells sorted by day, direction,
// connector, tls, endpoint. The date filter applies; the saved report's packed form carries the
// same section.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate.h"
#include "aggregate/aggregate_json.h"

namespace mailflow {

nlohmann::ordered_json partners_to_json(const Aggregate& aggregate, const JsonWriteOptions& options);
// The same section as compact JSON text appended to `out`, without building it as a JSON value
// first (half a million cells would take hundreds of MB and most of a large file's time).
void append_partners_json(std::string& out, const Aggregate& aggregate, const JsonWriteOptions& options);
// Adds the section's cells to `aggregate` (connectors interned there); false with `error` set when
// it is malformed.
bool partners_from_json(const nlohmann::ordered_json& j, Aggregate& aggregate, std::string& error);

}  // namespace mailflow
