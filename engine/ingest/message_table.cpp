#include "ingest/message_table.h"

#include <algorithm>
#include <string>
#include <vector>

#include "util/hash.h"
#include "util/text.h"

namespace mailflow {

namespace {
// 64 bits on every platform: a collision needs ~2^32 distinct messages.
uint64_t message_hash(std::string_view key, Direction direction) {
  return hash64(key, static_cast<uint64_t>(direction) + 1);
}
// The endpoint a session and a message are matched on: direction, connector (without case), IP.
uint64_t peer_hash(Direction direction, std::string_view connector, std::string_view ip) {
  std::string text;
  text.reserve(connector.size() + ip.size() + 1);
  for (char c : trim(connector)) text.push_back(ascii_lower(c));
  text.push_back('|');
  text.append(trim(ip));
  return hash64(text, static_cast<uint64_t>(direction) + 11);
}
uint64_t session_hash(std::string_view id) {
  const std::string_view t = trim(id);
  if (t.empty()) return 0;
  std::string folded;
  for (char c : t) folded.push_back(ascii_lower(c));
  return hash64(folded, 0x5e55) | 1;  // never 0, which means "no session named"
}
std::string percent(uint64_t n, uint64_t of) { return std::to_string(of ? (n * 100 + of / 2) / of : 0) + "%"; }
uint64_t source_bit(size_t source) { return uint64_t{1} << (source < 63 ? source : 63); }
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

std::vector<uint64_t> MessageTable::counted_elsewhere(size_t sources) const {
  std::vector<uint64_t> counts(sources, 0);
  entries_.for_each([&](uint64_t, const Entry& e) {
    const uint64_t others = e.described_by & ~source_bit(e.source);
    for (size_t s = 0; s < sources && s < 64; ++s)
      if (others & source_bit(s)) ++counts[s];
  });
  return counts;
}

bool MessageTable::add(const MessageEvent& event, size_t source) {
  const uint64_t key = message_hash(event.message_key, event.direction);
  Entry* found = entries_.find(key);
  if (!found) {
    Entry e{event.time, static_cast<uint32_t>(source), connectors_.intern_connector(event.connector),
            intern_host(event.remote_host), event.direction, event.tls, event.bytes.has_value(), event.bytes.value_or(0),
            source_bit(source)};
    entries_.try_emplace(key, e);
    if (event.tls_from_session) request_join(key, event, source);
    return true;
  }
  if (event.tls_from_session) request_join(key, event, source);
  Entry& e = *found;
  e.described_by |= source_bit(source);
  if (e.connector == kUnknownConnector && event.connector) e.connector = connectors_.intern_connector(event.connector);
  if (more_specific(event.tls, e.tls)) e.tls = event.tls;
  if (!e.has_bytes && event.bytes) e.has_bytes = true, e.bytes = *event.bytes;
  if (!e.remote_host) e.remote_host = intern_host(event.remote_host);
  if (!e.time.resolved && event.time.resolved) e.time = event.time;
  return false;
}

void MessageTable::drop_source(size_t source) {
  entries_.erase_if([source](uint64_t, const Entry& e) { return e.source == source; });
  std::erase_if(join_requests_, [source](const auto& item) { return item.second.source == source; });
  std::erase_if(tls_sessions_, [source](const auto& item) { return item.second.source == source; });
  ++generation_;
}

// One request per message: the one with the earliest time (the hop at the boundary comes first),
// so the answer does not depend on the order the rows arrive in.
void MessageTable::request_join(uint64_t key, const MessageEvent& event, size_t source) {
  if (!event.time.resolved) return;
  const JoinRequest request{session_hash(event.session_id),
                            peer_hash(event.direction, event.connector.value_or(""), event.peer_ip),
                            event.time.utc_seconds, static_cast<uint32_t>(source)};
  auto [it, inserted] = join_requests_.try_emplace(key, request);
  if (!inserted && request.time < it->second.time) it->second = request;
  ++generation_;
}

void MessageTable::add_tls_session(const TlsSessionEvidence& evidence, size_t source) {
  const uint64_t id = session_hash(evidence.session_id);
  if (!id) return;
  auto it = tls_sessions_.find(id);
  if (it == tls_sessions_.end()) {
    if (tls_sessions_.size() >= kMaxTlsSessions) {
      ++sessions_not_kept_;
      return;
    }
    it = tls_sessions_.emplace(id, TlsSession{evidence.first_seconds, evidence.last_seconds, 0,
                                              static_cast<uint32_t>(source), TlsVersion::None, false, false})
             .first;
  }
  // A session cut over two files: the union of what both parts say.
  TlsSession& s = it->second;
  s.first = std::min(s.first, evidence.first_seconds);
  s.last = std::max(s.last, evidence.last_seconds);
  if (!s.peer && !evidence.peer_ip.empty()) s.peer = peer_hash(evidence.direction, evidence.connector, evidence.peer_ip);
  if (evidence.tls && (!s.has_tls_line || static_cast<int>(*evidence.tls) > static_cast<int>(s.tls)))
    s.tls = *evidence.tls, s.has_tls_line = true;
  s.saw_start = s.saw_start || evidence.saw_start;
  ++generation_;
}

const MessageTable::JoinResult& MessageTable::joined() const {
  if (joined_generation_ == generation_) return joined_;
  joined_ = JoinResult();
  joined_generation_ = generation_;
  if (join_requests_.empty()) return joined_;
  // Sessions that tell something, by endpoint, for rule 2.
  std::unordered_map<uint64_t, std::vector<const TlsSession*>> by_peer;
  for (const auto& [id, s] : tls_sessions_)
    if ((s.has_tls_line || s.saw_start) && s.peer) by_peer[s.peer].push_back(&s);
  auto tls_of = [](const TlsSession& s) { return s.has_tls_line ? s.tls : TlsVersion::None; };
  for (const auto& [key, request] : join_requests_) {
    const Entry* entry = entries_.find(key);
    if (!entry || entry->tls != TlsVersion::NoData) continue;  // TLS known from elsewhere
    JoinStats& stats = joined_.stats[request.source];
    ++stats.asked;
    if (request.session) {
      auto s = tls_sessions_.find(request.session);
      if (s != tls_sessions_.end() && (s->second.has_tls_line || s->second.saw_start)) {
        joined_.tls[key] = tls_of(s->second);
        ++stats.by_session;
        continue;
      }
    }
    auto candidates = by_peer.find(request.peer);
    if (candidates == by_peer.end()) continue;
    std::optional<TlsVersion> found;
    bool conflict = false;
    for (const TlsSession* s : candidates->second) {
      if (request.time < s->first - kJoinSlackSeconds || request.time > s->last + kJoinSlackSeconds) continue;
      if (found && *found != tls_of(*s)) conflict = true;
      found = tls_of(*s);
    }
    if (conflict) {
      ++stats.ambiguous;
    } else if (found) {
      joined_.tls[key] = *found;
      ++stats.by_endpoint;
    }
  }
  return joined_;
}

std::optional<std::string> MessageTable::join_note(size_t source) const {
  bool asked = false;
  for (const auto& [key, request] : join_requests_) asked = asked || request.source == source;
  if (!asked) return std::nullopt;
  if (tls_sessions_.empty())
    return std::string("message tracking logs do not record TLS: drop the SMTP protocol logs (RECV*.LOG, SEND*.LOG) "
                       "of the same servers with them to get the TLS version of each message; until then it is "
                       "'no TLS data'");
  const JoinResult& result = joined();
  auto it = result.stats.find(static_cast<uint32_t>(source));
  const JoinStats stats = it == result.stats.end() ? JoinStats{} : it->second;
  const uint64_t matched = stats.by_session + stats.by_endpoint;
  std::string note = "TLS joined from the SMTP protocol logs for " + std::to_string(matched) + " of " +
                     std::to_string(stats.asked) + " messages (" + percent(matched, stats.asked) + "): " +
                     std::to_string(stats.by_session) + " by session id, " + std::to_string(stats.by_endpoint) +
                     " by connector, remote IP and time; " + std::to_string(stats.asked - matched) +
                     " stay 'no TLS data'";
  if (stats.ambiguous)
    note += " (" + std::to_string(stats.ambiguous) + " of them matched sessions that disagree on TLS)";
  if (sessions_not_kept_) note += "; " + std::to_string(sessions_not_kept_) + " sessions beyond the first " +
                                  std::to_string(kMaxTlsSessions) + " were not kept";
  return note;
}

}  // namespace mailflow
