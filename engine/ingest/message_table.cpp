#include "ingest/message_table.h"

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ingest/recorded_events.h"
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

// The tag of a message's key in closed_keys_: the source that counted it (sources past 125 share
// 127).
uint8_t source_tag(size_t source) { return static_cast<uint8_t>(source < 126 ? source + 1 : 127); }

MessageTable::Closed& MessageTable::closed(size_t source) {
  if (closed_.size() <= source) closed_.resize(source + 1);
  return closed_[source];
}

uint64_t MessageTable::counted_elsewhere(size_t source) const {
  return source < closed_.size() ? closed_[source].counted_elsewhere : 0;
}

std::optional<size_t> MessageTable::counted_mostly_by(size_t source) const {
  if (source >= closed_.size()) return std::nullopt;
  std::optional<size_t> best;
  uint64_t most = 0;
  for (const auto& [other, n] : closed_[source].counted_by)
    if (n > most || (n == most && best && other < *best)) most = n, best = other;
  return best;
}

const MessageTable::Entry* MessageTable::find_entry(uint64_t key) const {
  if (const Entry* e = find_open(key)) return e;
  return find_waiting(key);
}

// The first row that names the remote side names it for the message.
template <class Names>
void MessageTable::attach_remote(Entry& e, Names& names) {
  if (e.endpoint != kNoEndpoint || !names.names_remote()) return;
  e.endpoint = names.remote(remotes_);
}

// A message no row named the remote side of counts under the partner "" (not named).
uint32_t MessageTable::endpoint_of(const Entry& e) const {
  return e.endpoint != kNoEndpoint ? e.endpoint : unnamed_endpoint_;
}

void MessageTable::note_row_of(Entry& e, size_t source) {
  const uint64_t bit = source_bit(source);
  if (e.described_by & bit) return;
  e.described_by |= bit;
  if (source != e.source) {
    ++closed(source).counted_elsewhere;
    ++closed(source).counted_by[e.source];
  }
}

template <class Names>
void MessageTable::fill(uint64_t key, Entry& e, const MessageEvent& event, size_t source, Names& names) {
  note_row_of(e, source);
  if (e.stub) return;
  if (event.tls_from_session) request_join(key, event, source);
  if (e.connector == kUnknownConnector && event.connector) e.connector = names.connector(connectors_);
  if (more_specific(event.tls, e.tls)) e.tls = event.tls;
  if (!e.has_bytes && event.bytes) e.has_bytes = true, e.bytes = *event.bytes;
  attach_remote(e, names);
  if (!e.time.resolved && event.time.resolved) e.time = event.time;
}

uint64_t MessageTable::key_of(const MessageEvent& event) { return message_hash(event.message_key, event.direction); }

template <class Names>
bool MessageTable::add(const MessageEvent& event, size_t source, uint64_t key, Names& names) {
  closed_keys_.prefetch(key);
  if (Entry* e = find_open(key)) {
    fill(key, *e, event, source, names);
    return false;
  }
  // The entry a new message would get, made while the prefetch above is on its way (interning a
  // name for a message that turns out known is harmless).
  Entry e{event.time, static_cast<uint32_t>(source), names.connector(connectors_),
          kNoEndpoint, event.direction, event.tls, event.bytes.has_value(), false, event.bytes.value_or(0),
          source_bit(source)};
  // Every message's key goes into closed_keys_ when it opens (one probe for the lookup and the
  // insertion): while open_ holds the message that entry is never asked.
  if (const uint8_t tag = closed_keys_.find_or_insert(key, source_tag(source))) {
    if (Entry* waiting = find_waiting(key)) {
      fill(key, *waiting, event, source, names);
    } else if (tag != source_tag(source)) {
      // Counted and closed already. A row from another source reopens it as a stub, so that the
      // rest of that source's rows of it are known to be counted elsewhere once.
      Entry stub{};
      stub.source = static_cast<uint32_t>(source);  // dropped with this source
      stub.stub = true;
      stub.described_by = source_bit(tag - 1u) | source_bit(source);
      open(key, stub);
      ++closed(source).counted_elsewhere;
      if (tag < source_tag(126)) ++closed(source).counted_by[tag - 1u];  // tags past 126 share one value
      close_old();
    }
    return false;
  }
  attach_remote(e, names);
  // Complete on its first row, its remote side named: no later row can add to it, so it is
  // counted now, without an open entry (most rows of a mailflow CSV).
  if (e.endpoint != kNoEndpoint && !event.tls_from_session && complete(key, e)) {
    close(e);
    if (closing_.size() >= kClosingBatch) close_all();
    return true;
  }
  open(key, e);
  if (event.tls_from_session) request_join(key, event, source);
  close_old();
  return true;
}

template bool MessageTable::add(const MessageEvent&, size_t, uint64_t, EventNames&);
template bool MessageTable::add(const MessageEvent&, size_t, uint64_t, RecordedEvents::Names&);

bool MessageTable::complete(uint64_t key, const Entry& e) const {
  return e.time.resolved && e.connector != kUnknownConnector && e.has_bytes && e.tls != TlsVersion::NoData &&
         e.tls != TlsVersion::UnknownVersion && !join_requests_.contains(key);
}

// Once the open table has doubled, one pass over it (oldest first) moves every message with at
// least kOpenMessages younger ones out: complete ones close, incomplete ones wait. So open_ stays
// small enough for the cache, and when a message moves depends only on the order of the rows.
void MessageTable::close_old() {
  if (open_.size() < 2 * kOpenMessages) return;
  const size_t young_from = open_.size() - kOpenMessages;
  size_t index = 0;
  erase_open_if([&](uint64_t key, const Entry& e) {
    if (index++ >= young_from) return false;
    if (e.stub) return true;
    if (complete(key, e))
      close(e);
    else
      waiting_.append(key, e);
    return true;
  });
  close_all();
}

template <class Pred>
void MessageTable::erase_open_if(Pred pred) {
  open_.erase_if(pred);
  open_keys_.clear();
  open_.for_each([this](uint64_t key, const Entry&) { open_keys_.add(key); });
}

void MessageTable::close(const Entry& e) {
  closed(e.source);  // so that closed_[e.source] is there for close_all()
  // Written in place: a Closing made on the stack and copied was read back whole before its
  // field-by-field stores had landed (a store-forwarding stall on every closed message).
  Closing& c = closing_.emplace_back();
  c.source = e.source;
  c.cell.day = day_of(e.time.utc_seconds);
  c.cell.direction = e.direction;
  c.cell.connector = e.connector;
  c.cell.tls = e.tls;
  c.cell.endpoint = endpoint_of(e);
  c.volume = {1, e.bytes};
}

// A month of partner cells outgrows the cache, and the messages closing together mostly fall into
// different cells: each cell's memory is asked for a few messages ahead, so the waits overlap.
void MessageTable::close_all() {
  constexpr size_t kSlotAhead = 16, kCellAhead = 8;
  const size_t n = closing_.size();
  auto cells = [&](size_t i) -> PartnerCells& { return closed_[closing_[i].source].partners; };
  for (size_t i = 0; i < n; ++i) {
    if (i + kSlotAhead < n) cells(i + kSlotAhead).prefetch_slot(closing_[i + kSlotAhead].cell);
    if (i + kCellAhead < n) cells(i + kCellAhead).prefetch_cell(closing_[i + kCellAhead].cell);
    cells(i).add(closing_[i].cell, closing_[i].volume);
  }
  closing_.clear();
}

void MessageTable::drop_source(size_t source) {
  erase_open_if([source](uint64_t, const Entry& e) { return e.source == source; });
  waiting_.erase_if([source](uint64_t, const Entry& e) { return e.source == source; });
  std::erase_if(closing_, [source](const Closing& c) { return c.source == source; });
  // Keys of sources past 125 share one tag: dropping one of them forgets the others' closed keys
  // too (their messages stay counted; a later row of one would be counted again).
  const uint8_t tag = source_tag(source);
  closed_keys_.erase_if([tag](uint8_t t) { return t == tag; });
  if (source < closed_.size()) closed_[source] = Closed();
  std::erase_if(join_requests_, [source](const auto& item) { return item.second.source == source; });
  if (source < join_requests_of_.size()) join_requests_of_[source] = 0;
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
  if (inserted) {
    count_join_request(request.source, +1);
  } else if (request.time < it->second.time) {
    count_join_request(it->second.source, -1);
    count_join_request(request.source, +1);
    it->second = request;
  }
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

// Self: const MessageTable& copies the closed messages' cells, MessageTable hands them over.
template <class Self>
void MessageTable::render(Self&& self, Aggregate& out, const Summed& summed) {
  const RemoteNames& remotes = self.remotes_;
  std::vector<ConnectorId> remap(self.connectors_.connector_count());
  for (ConnectorId id = 0; id < remap.size(); ++id) remap[id] = out.intern_connector(self.connectors_.connector_name(id));
  std::vector<uint32_t> endpoint_remap;
  auto add = [&](const PartnerCellKey& cell, const Volume& volume) {  // `cell` in the table's ids
    out.add({cell.day, cell.direction, remap[cell.connector], cell.tls}, volume);
    out.partners().add({cell.day, cell.direction, remap[cell.connector], cell.tls,
                        out.partners().endpoint_in(remotes, cell.endpoint, endpoint_remap)},
                       volume);
  };
  for (auto& c : self.closed_) {
    c.partners.for_each_row([&](const PartnerCellKey& key, const Volume& volume) {
      out.add({key.day, key.direction, remap[key.connector], key.tls}, volume);
    });
    if constexpr (std::is_const_v<std::remove_reference_t<Self>>)
      out.partners().add_cells(c.partners, remotes, remap, endpoint_remap);
    else
      out.partners().add_cells(std::move(c.partners), remotes, remap, endpoint_remap);
  }
  // The open and waiting messages come as cells, each where its first message came: the aggregate
  // and its partner table see each cell made in the order they would message by message, which
  // decides which cells past the table's bound go to "other partners" (two cells of the table's
  // ids that fall into one of `out`'s add up there, as their messages would).
  for (const Closing& c : self.closing_) add(c.cell, c.volume);
  for (const auto& [cell, volume] : summed.cells) add(cell, volume);
}

void MessageTable::render_into(Aggregate& out, const Summed& summed) const& { render(*this, out, summed); }
void MessageTable::render_into(Aggregate& out, const Summed& summed) && { render(std::move(*this), out, summed); }

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
    const Entry* entry = find_entry(key);
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

void MessageTable::count_join_request(uint32_t source, int delta) {
  if (join_requests_of_.size() <= source) join_requests_of_.resize(source + 1);
  if (delta > 0) ++join_requests_of_[source];
  else --join_requests_of_[source];
}

std::optional<std::string> MessageTable::join_note(size_t source) const {
  if (source >= join_requests_of_.size() || join_requests_of_[source] == 0) return std::nullopt;
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
