// Merges the rows of one message, within a file and across files, by message key: an Extended
// report has several event rows per message, a message trace one row per recipient, and a trace
// detail export adds the TLS version and connector that the trace lacks. The first row of a message
// counts it (for the source that gave that row); later rows only fill what is still unknown.
//
// This is the engine's only per-message state, kept small so that a month of logs fits a browser
// tab. A message is "open" (a full entry, ~64 bytes, in a table small enough for the cache) until
// kOpenMessages younger ones have arrived: rows of one message lie close together in a log. Then,
// if complete (time, connector, TLS version and size known), it is "closed": counted into its
// source's cells and remembered by its key alone (~14 bytes), so that later rows of it are still
// recognised and counted once. An incomplete one "waits" with its full entry, since another file
// (a trace detail, the SMTP protocol logs) may still complete it. A message whose first row
// completes it and names its remote side closes at once: later rows could add nothing to it.
// Rows without a key (the EAC report, a mailflow CSV without a message_id column) never use it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "aggregate/aggregate.h"
#include "aggregate/partner_table.h"
#include "formats/format_reader.h"
#include "model/message_event.h"
#include "util/flat_map64.h"
#include "util/key_filter.h"
#include "util/tagged_key_set.h"

namespace mailflow {

// TLS joins (Exchange Server: the message tracking log names messages, the SMTP protocol logs hold
// TLS per session). Messages marked `tls_from_session` whose TLS is still "no data" when the
// aggregate is made take the TLS of one protocol-log session, found by
//   1. session id: the id the tracking log names (RECEIVE source-context) equals a session's id;
//   2. else endpoint and time: same direction, same connector (without case), same remote IP, and
//      the message's time within the session's first..last line (±kJoinSlackSeconds); when several
//      such sessions disagree on TLS the message stays unmatched (counted as ambiguous).
// A session's TLS: the version of its TLS line; none when its connect line is in the logs and no
// TLS line is; no evidence at all when it began in a file we were not given. The join is made
// when the aggregate is asked for, so files may come in any order. Sessions are kept up to
// kMaxTlsSessions (about 48 bytes each); later ones are counted but not kept.
class MessageTable {
 public:
  static constexpr size_t kMaxTlsSessions = 2'000'000;
  static constexpr int64_t kJoinSlackSeconds = 2;
  // Complete messages stay open until this many younger ones arrived: rows of one message lie close
  // together in a log, and a row that comes later still finds the closed key.
  static constexpr size_t kOpenMessages = 1u << 12;

  void add_tls_session(const TlsSessionEvidence& session, size_t source);
  // What the join gave for the messages of `source` (nullopt when it asked for none), in words.
  std::optional<std::string> join_note(size_t source) const;

  // Returns true when the event created a new message.
  bool add(const MessageEvent& event, size_t source) { return add(event, source, key_of(event)); }
  // The same with `key_of(event)` worked out already (on a parse thread); prefetch(key) a few
  // events ahead hides the wait for memory that a large table's lookups have.
  bool add(const MessageEvent& event, size_t source, uint64_t key) {
    EventNames names{event};
    return add(event, source, key, names);
  }
  // The same, with the ids of the event's connector and remote side asked of `names` only where
  // they are needed: EventNames interns the event's own names; a replayed batch numbers its
  // distinct names and interns each once (RecordedEvents::Names), which gives the same ids in the
  // same order, since interning a name again changes nothing.
  template <class Names>
  bool add(const MessageEvent& event, size_t source, uint64_t key, Names& names);
  struct EventNames {
    const MessageEvent& event;
    ConnectorId connector(Aggregate& table) const { return table.intern_connector(event.connector); }
    bool names_remote() const { return !event.remote_host.empty() || !event.remote_domain.empty(); }
    uint32_t remote(RemoteNames& table) const { return table.intern_remote(event.remote_host, event.remote_domain); }
  };
  static uint64_t key_of(const MessageEvent& event);
  void prefetch(uint64_t key) const { closed_keys_.prefetch(key); }
  // The same for a remote side's lookup (RemoteNames::side_key).
  void prefetch_side(uint64_t side_key) const { remotes_.prefetch_side(side_key); }
  // Forgets the messages a source created (when its ingest is cancelled).
  void drop_source(size_t source);
  // Messages `source` had rows of that another source counted first (so they appear once).
  uint64_t counted_elsewhere(size_t source) const;
  // The source that counted most of `source`'s messages first (nullopt: none, or not known: the
  // table tells sources apart up to the 126th).
  std::optional<size_t> counted_mostly_by(size_t source) const;
  // What a snapshot of the table takes from one pass over it, which dates each message once: the
  // first and last day of the messages each source counted here (index = source; nullopt: none),
  // and the open and waiting messages (every message of a message trace waits) summed into their
  // cells, in the table's ids, each cell where its first message came.
  struct Summed {
    std::vector<std::optional<std::pair<Day, Day>>> days;
    std::vector<std::pair<PartnerCellKey, Volume>> cells;
  };
  // `order_of(source)` gives the date order of a source's file.
  template <class OrderOf>
  Summed summed(size_t sources, OrderOf&& order_of) const;
  // Adds every message to `out`: the closed ones, then the open and waiting ones as `summed` has them.
  void render_into(Aggregate& out, const Summed& summed) const&;
  // The same, the closed messages' cells handed over instead of copied (the table is dropped after).
  void render_into(Aggregate& out, const Summed& summed) &&;

 private:
  struct Entry {
    Timestamp time;
    uint32_t source;
    uint32_t connector;    // into connectors_ (kUnknownConnector / kNoConnector as in Aggregate)
    uint32_t endpoint;     // into remotes_; kNoEndpoint until a row names the remote side
    Direction direction;
    TlsVersion tls;
    bool has_bytes;
    bool stub;          // the message is closed already; this entry only notes who else has rows of it
    uint64_t bytes;
    uint64_t described_by;  // one bit per source that had rows of it (sources past 63 share bit 63)
  };
  // What a source's closed messages add up to, in the table's connector and host ids.
  struct Closed {
    // Messages per day, direction, connector, TLS and endpoint, in the table's connector and endpoint
    // ids: the aggregate's rows are these summed over the endpoints.
    PartnerCells partners;
    uint64_t counted_elsewhere = 0;
    std::unordered_map<uint32_t, uint64_t> counted_by;  // the source that counted them -> messages
  };
  static constexpr uint32_t kNoEndpoint = ~uint32_t{0};

  Closed& closed(size_t source);
  const Entry* find_entry(uint64_t key) const;
  // A waiting message: the messages appended since the last lookup are indexed first.
  Entry* find_waiting(uint64_t key) const {
    waiting_.index_appended();
    return waiting_.find(key);
  }
  template <class Names>
  void fill(uint64_t key, Entry& entry, const MessageEvent& event, size_t source, Names& names);
  template <class Names>
  void attach_remote(Entry& entry, Names& names);
  uint32_t endpoint_of(const Entry& entry) const;
  void note_row_of(Entry& entry, size_t source);
  bool complete(uint64_t key, const Entry& entry) const;
  void close_old();
  // A complete message goes to closing_; close_all() counts the batch into its sources' cells.
  void close(const Entry& entry);
  void close_all();

  struct TlsSession {
    int64_t first, last;
    uint64_t peer;  // hash of direction, connector and remote IP
    uint32_t source;
    TlsVersion tls;
    bool has_tls_line, saw_start;
  };
  struct JoinRequest {
    uint64_t session;  // hash of the session id; 0 = none named
    uint64_t peer;
    int64_t time;
    uint32_t source;
  };
  struct JoinStats {
    uint64_t asked = 0, by_session = 0, by_endpoint = 0, ambiguous = 0;
  };
  struct JoinResult {
    std::unordered_map<uint64_t, TlsVersion> tls;  // message key -> joined TLS
    std::unordered_map<uint32_t, JoinStats> stats;  // by source
  };
  const JoinResult& joined() const;  // recomputed only after a change
  void request_join(uint64_t key, const MessageEvent& event, size_t source);

  std::unordered_map<uint64_t, TlsSession> tls_sessions_;
  std::unordered_map<uint64_t, JoinRequest> join_requests_;
  std::vector<uint64_t> join_requests_of_;  // how many of join_requests_ each source made (for its note)
  void count_join_request(uint32_t source, int delta);
  uint64_t sessions_not_kept_ = 0;
  uint64_t generation_ = 0;
  mutable uint64_t joined_generation_ = ~uint64_t{0};
  mutable JoinResult joined_;

  struct Closing {
    uint32_t source;
    PartnerCellKey cell;
    Volume volume;
  };
  // Closed messages not yet in their cells (counted in batches: see close_all()).
  static constexpr size_t kClosingBatch = 256;
  std::vector<Closing> closing_;
  FlatMap64<Entry> open_;     // in the order the messages opened
  // The keys of open_ (rebuilt when messages leave it): a new message's key, most rows of most
  // logs, is found absent here without a cache miss in open_'s slots.
  KeyFilter open_keys_;
  const Entry* find_open(uint64_t key) const { return open_keys_.may_hold(key) ? open_.find(key) : nullptr; }
  Entry* find_open(uint64_t key) { return const_cast<Entry*>(std::as_const(*this).find_open(key)); }
  void open(uint64_t key, const Entry& entry) {
    open_.insert(key, entry);
    open_keys_.add(key);
  }
  template <class Pred>
  void erase_open_if(Pred pred);
  // Old and incomplete. Appended without an index, which the first lookup makes: a message
  // trace's every message waits (a trace detail may still bring its TLS), and most are never asked
  // for again (the waiting table's slots were a cache miss per message).
  mutable FlatMap64<Entry> waiting_;
  // Every message that left open_, closed or waiting, tagged with the source that counted it (see
  // source_tag); whether it waits is waiting_'s to say (asked only when a row finds its key here).
  TaggedKeySet closed_keys_;
  template <class Self>
  static void render(Self&& self, Aggregate& out, const Summed& summed);
  std::vector<Closed> closed_;  // by source
  Aggregate connectors_;        // only its connector names are used
  RemoteNames remotes_;
  uint32_t unnamed_endpoint_ = remotes_.intern("", "");
};

template <class OrderOf>
MessageTable::Summed MessageTable::summed(size_t sources, OrderOf&& order_of) const {
  Summed out;
  out.days.resize(sources);
  auto cover = [&](size_t source, Day first, Day last) {
    if (source >= out.days.size()) return;
    auto& span = out.days[source];
    span = span ? std::pair(std::min(span->first, first), std::max(span->second, last)) : std::pair(first, last);
  };
  for (size_t i = 0; i < closed_.size(); ++i)
    if (const auto span = closed_[i].partners.day_span()) cover(i, span->first, span->second);
  for (const Closing& c : closing_) cover(c.source, c.cell.day, c.cell.day);
  FlatMap64<uint32_t> index_of_cell;
  const JoinResult& joins = joined();
  StampDays day_of_stamp;
  auto sum = [&](uint64_t key, const Entry& e) {
    if (e.stub) return;
    const auto day = day_of_stamp(e.time, order_of(e.source));
    if (!day) return;
    cover(e.source, *day, *day);
    TlsVersion tls = e.tls;
    if (tls == TlsVersion::NoData && !joins.tls.empty())
      if (auto it = joins.tls.find(key); it != joins.tls.end()) tls = it->second;
    const Volume volume{1, e.has_bytes ? e.bytes : 0};
    const PartnerCellKey cell{*day, e.direction, e.connector, tls, endpoint_of(e)};
    const uint64_t packed = PartnerCells::pack(cell);
    if (const uint32_t* at = index_of_cell.find(packed)) {
      out.cells[*at].second += volume;
    } else {
      index_of_cell.insert(packed, static_cast<uint32_t>(out.cells.size()));
      out.cells.emplace_back(cell, volume);
    }
  };
  open_.for_each(sum);
  waiting_.for_each(sum);
  return out;
}

}  // namespace mailflow
