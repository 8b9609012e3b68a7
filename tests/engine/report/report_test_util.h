// Small helpers for building aggregates by hand in the report tests.
#pragma once

#include <optional>
#include <string_view>

#include "aggregate/aggregate.h"
#include "model/day.h"

namespace mailflow::test {

inline Day day(std::string_view text) { return *parse_day(text); }

// Adds `messages` messages (100 bytes each) for one cell.
inline void add(Aggregate& aggregate, std::string_view date, Direction direction,
                std::optional<std::string_view> connector, TlsVersion tls, uint64_t messages) {
  const ConnectorId id = aggregate.intern_connector(connector);
  aggregate.add(CellKey{day(date), direction, id, tls}, Volume{messages, messages * 100});
}

}  // namespace mailflow::test
