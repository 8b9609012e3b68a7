// Merges the rows of one message, within a file and across files, by message key: an Extended
// report has ~16 event rows per message, a message trace one row per recipient, and a trace detail
// export adds the TLS version and connector that the trace lacks. The first row of a message counts
// it (for the source that gave that row); later rows only fill what is still unknown.
//
// This is the engine's only per-message state. It holds one entry per distinct (message,
// direction) of the sources that need it (about 40 bytes each, plus the host names, which are
// interned); sources with one row per message (mailflow CSV, the EAC report) never use it.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "aggregate/aggregate.h"
#include "model/message_event.h"

namespace mailflow {

class MessageTable {
 public:
  // Returns true when the event created a new message.
  bool add(const MessageEvent& event, size_t source);
  // Forgets the messages a source created (when its ingest is cancelled).
  void drop_source(size_t source);
  // Adds every message to `out`; `order_of(source)` gives the date order of a source's file.
  template <class OrderOf>
  void render_into(Aggregate& out, OrderOf&& order_of) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    Timestamp time;
    uint32_t source;
    uint32_t connector;    // into connectors_ (kUnknownConnector / kNoConnector as in Aggregate)
    uint32_t remote_host;  // into hosts_; 0 = none
    Direction direction;
    TlsVersion tls;
    bool has_bytes;
    uint64_t bytes;
  };
  uint32_t intern_host(std::string_view host);

  std::unordered_map<uint64_t, Entry> entries_;
  Aggregate connectors_;  // only its connector names are used
  std::vector<std::string> hosts_{""};
  std::unordered_map<std::string, uint32_t> host_ids_;
};

template <class OrderOf>
void MessageTable::render_into(Aggregate& out, OrderOf&& order_of) const {
  std::vector<ConnectorId> remap(connectors_.connector_count());
  for (ConnectorId id = 0; id < remap.size(); ++id) remap[id] = out.intern_connector(connectors_.connector_name(id));
  for (const auto& [key, e] : entries_) {
    const auto day = e.time.day(order_of(e.source));
    if (!day) continue;
    const ConnectorId connector = remap[e.connector];
    out.add({*day, e.direction, connector, e.tls}, {1, e.has_bytes ? e.bytes : 0});
    if (e.remote_host) out.add_remote_host(e.direction, connector, e.tls, hosts_[e.remote_host]);
  }
}

}  // namespace mailflow
