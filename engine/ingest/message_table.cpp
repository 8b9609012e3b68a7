#include "ingest/message_table.h"

#include "util/hash.h"

namespace mailflow {

namespace {
// 64 bits on every platform: a collision needs ~2^32 distinct messages.
uint64_t message_hash(std::string_view key, Direction direction) {
  return hash64(key, static_cast<uint64_t>(direction) + 1);
}
bool more_specific(TlsVersion candidate, TlsVersion current) {
  if (current == TlsVersion::NoData) return candidate != TlsVersion::NoData;
  return current == TlsVersion::UnknownVersion && candidate != TlsVersion::NoData && candidate != TlsVersion::UnknownVersion;
}
}  // namespace

uint32_t MessageTable::intern_host(std::string_view host) {
  if (host.empty()) return 0;
  auto [it, inserted] = host_ids_.try_emplace(std::string(host), static_cast<uint32_t>(hosts_.size()));
  if (inserted) hosts_.emplace_back(host);
  return it->second;
}

bool MessageTable::add(const MessageEvent& event, size_t source) {
  const uint64_t key = message_hash(event.message_key, event.direction);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    Entry e{event.time, static_cast<uint32_t>(source), connectors_.intern_connector(event.connector),
            intern_host(event.remote_host), event.direction, event.tls, event.bytes.has_value(), event.bytes.value_or(0)};
    entries_.emplace(key, e);
    return true;
  }
  Entry& e = it->second;
  if (e.connector == kUnknownConnector && event.connector) e.connector = connectors_.intern_connector(event.connector);
  if (more_specific(event.tls, e.tls)) e.tls = event.tls;
  if (!e.has_bytes && event.bytes) e.has_bytes = true, e.bytes = *event.bytes;
  if (!e.remote_host) e.remote_host = intern_host(event.remote_host);
  if (!e.time.resolved && event.time.resolved) e.time = event.time;
  return false;
}

void MessageTable::drop_source(size_t source) {
  std::erase_if(entries_, [source](const auto& item) { return item.second.source == source; });
}

}  // namespace mailflow
