// What the aggregate's cells are counted in: connector ids and volumes.
#pragma once

#include <cstdint>

namespace mailflow {

// A connector name, interned. Two ids are fixed: "unknown" (the source cannot tell) and
// "no connector" (the message used none; an empty name in the schema).
using ConnectorId = uint32_t;
inline constexpr ConnectorId kUnknownConnector = 0;
inline constexpr ConnectorId kNoConnector = 1;

struct Volume {
  uint64_t messages = 0;
  uint64_t bytes = 0;
  // Saturating: hostile sizes near 2^64 must not wrap around to small totals.
  Volume& operator+=(const Volume& o) {
    messages = messages > UINT64_MAX - o.messages ? UINT64_MAX : messages + o.messages;
    bytes = bytes > UINT64_MAX - o.bytes ? UINT64_MAX : bytes + o.bytes;
    return *this;
  }
};

}  // namespace mailflow
