// Exact message counts per (direction, connector, TLS version, remote host) while ingesting, fed to
// an Aggregate's Space-Saving sketches in one weighted pass when a snapshot is made. Counting a
// host is then one table increment instead of a sketch update per message (a scan of its entries
// and, past its capacity, an eviction).
//
// Both tables are bounded, so hostile input cannot grow them: past kMaxHosts distinct names or
// kMaxPairs distinct (group, host) pairs, the caller counts the message straight into the sketch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"
#include "util/flat_map64.h"

namespace mailflow {

// Host names interned to small ids (0 = none).
class HostNames {
 public:
  static constexpr size_t kMaxHosts = 1u << 16;
  // The id of `host`; 0 for an empty name or when the table is full.
  uint32_t intern(std::string_view host);
  std::string_view name(uint32_t id) const { return names_[id]; }

 private:
  std::vector<std::string> names_{""};
  FlatMap64<uint32_t> ids_;  // by hash64 of the name: two names colliding need ~2^32 of them
};

class HostTally {
 public:
  static constexpr size_t kMaxPairs = 1u << 18;
  // Counts messages of host `host` (an id of some HostNames) in the group; false when the pair is
  // new and the tally is full.
  bool count(Direction direction, ConnectorId connector, TlsVersion tls, uint32_t host, uint64_t messages = 1);
  // Adds every count to `out`, connectors mapped by `remap`, names from `names`.
  void render_into(Aggregate& out, const std::vector<ConnectorId>& remap, const HostNames& names) const;

 private:
  FlatMap64<uint64_t> counts_;  // (connector << 40 | direction << 36 | tls << 32 | host) -> messages
};

}  // namespace mailflow
