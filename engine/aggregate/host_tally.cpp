#include "aggregate/host_tally.h"

#include "util/hash.h"

namespace mailflow {

uint32_t HostNames::intern(std::string_view host) {
  if (host.empty()) return 0;
  const uint64_t key = hash64(host);
  if (const uint32_t* id = ids_.find(key)) return *id;
  if (names_.size() > kMaxHosts) return 0;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.emplace_back(host);
  ids_.insert(key, id);
  return id;
}

bool HostTally::count(Direction direction, ConnectorId connector, TlsVersion tls, uint32_t host, uint64_t messages) {
  const uint64_t key = uint64_t{connector} << 40 | uint64_t{static_cast<uint8_t>(direction)} << 36 |
                       uint64_t{static_cast<uint8_t>(tls)} << 32 | host;
  if (uint64_t* n = counts_.find(key)) {
    *n += messages;
    return true;
  }
  if (counts_.size() >= kMaxPairs) return false;
  counts_.insert(key, messages);
  return true;
}

void HostTally::render_into(Aggregate& out, const std::vector<ConnectorId>& remap, const HostNames& names) const {
  counts_.for_each([&](uint64_t key, uint64_t messages) {
    const auto connector = static_cast<ConnectorId>(key >> 40);
    const auto direction = static_cast<Direction>((key >> 36) & 0xF);
    const auto tls = static_cast<TlsVersion>((key >> 32) & 0xF);
    out.add_remote_host(direction, remap[connector], tls, names.name(static_cast<uint32_t>(key)), messages);
  });
}

}  // namespace mailflow
