// What a reader running on a parse thread hands to the thread that counts: the events that need the
// session's message table (messages with a key, SMTP sessions of the protocol logs), in the order
// the reader gave them, with their text copied out of the reader's buffers (a batch's connector
// names once each, the events naming them by number). Replaying a batch into
// the table in that order gives the table exactly the calls it gets when the reader runs on the
// counting thread itself, so the answer does not depend on the threads (ingest/parse_worker.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"
#include "aggregate/remote_names.h"
#include "formats/format_reader.h"
#include "model/message_event.h"
#include "util/cache_line_allocator.h"
#include "util/flat_map64.h"
#include "util/name_memo.h"

namespace mailflow {

class MessageTable;

// A record's messages counted and further rows skipped by the replay; the source adds them to its
// report when the parse thread is done with it. Skips of further rows are benign (no line kept),
// so only their numbers per reason matter, never their order.
struct ReplayTally {
  uint64_t messages = 0;
  std::vector<std::pair<std::string, uint64_t>> further_rows;  // reason -> records

  void add_further_row(std::string_view reason);
  void add_to(SourceReport& report) const;
};

class RecordedEvents {
 public:
  // A row that turns out to be a further row of a message is skipped as benign, with no line kept
  // (ReplayTally), so the row's line is not recorded.
  void add_message(const MessageEvent& event, std::string_view further_reason);
  void add_tls_session(const TlsSessionEvidence& session);

  // Gives the messages recorded with MessageEvent::size_later their sizes, taken from the front of
  // `sizes` (FormatReader::take_later_sizes), in the recorded order; false when `sizes` runs out.
  bool fill_later_sizes(std::span<const std::optional<uint64_t>>& sizes);

  // Empties the batch, keeping its memory for the next one.
  void clear();
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  size_t text_bytes() const { return text_.size(); }

  // Gives every event to `table` as `source`, in the recorded order.
  void replay(MessageTable& table, size_t source, ReplayTally& tally) const;

  // The batch as bytes, for a session in another worker of the same build (ingest/detached_source.h);
  // appended to `out`, so that several batches travel in one message.
  void write_to(std::string& out) const;
  // The batches written to `out` so far, handed out; `out` keeps room for about as much again (the
  // next slice's or range's events): grown from nothing, or by doubling from just too little, the
  // text was copied again at each step (6% of a parse worker's time on a mailflow CSV; then 4% with
  // the room of the last).
  static std::string take_written(std::string& out);
  // Reads the next batch written by write_to from `in` (and moves `in` past it); false for bytes
  // that are not such a batch, leaving this batch empty.
  bool read_from(std::string_view& in);

  // One replayed message's connector and remote side, as MessageTable::add asks for their ids:
  // the batch numbers its distinct connector names, and the replay interns each of them once, on
  // the first message that needs it. A message's remote side is kept as its own and interned
  // when the table asks (once per message): numbering the batch's distinct sides on the parse
  // side cost it more than it spared the counting side (docs/profile-native.md).
  struct Names {
    static constexpr uint32_t kUnresolved = ~uint32_t{0};
    const RecordedEvents& batch;
    std::vector<uint32_t>& connector_ids;  // by the batch's number: the table's id, or kUnresolved
    uint32_t connector_number, remote_number;  // kNoName: none; remote_number indexes remotes_
    uint64_t side_key;                         // of the remote side, when it is named

    ConnectorId connector(Aggregate& table);
    bool names_remote() const { return remote_number != kNoName; }
    uint32_t remote(RemoteNames& table);
  };

 private:
  static constexpr uint32_t kNoName = ~uint32_t{0};
  struct Text {  // a view into text_
    uint32_t offset = 0, size = 0;
  };
  enum class Kind : uint8_t { Message, TlsSession };
  // What only one kind of entry holds, in the same place.
  struct MessageWords {
    uint64_t bytes;        // the size, if has_bytes
    uint64_t key;          // MessageTable::key_of, worked out on the parse thread (the message
                           // key's text is not kept: the table needs only this)
  };
  struct SessionWords {
    int64_t first_seconds, last_seconds;
  };
  union Words {
    MessageWords message;
    SessionWords session;
  };
  // Plain bytes, written and read as they lie in memory: 48 bytes, where fields for both kinds side
  // by side took 104 and then 72 (a parse worker's events for a 100 MB CSV: 94 MB at 72 bytes,
  // copied four times between the workers; 64 bytes more had cost its parsing 13%).
  struct Entry {
    Kind kind;
    bool tls_from_session;
    bool has_bytes;        // Message: the size is known; TlsSession: its TLS version is
    bool size_later;       // Message: MessageEvent::size_later, until fill_later_sizes
    bool saw_start;        // TlsSession
    bool resolved;         // Message: the time, as Timestamp has it (stamp())
    bool has_texts;        // a session id or peer IP: the next of texts_, in the entries' order
    Direction direction;
    TlsVersion tls;
    uint8_t first, second;
    int16_t year;          // an unresolved stamp's year as written: four digits at most
    uint16_t reason;       // Message: index into reasons_ (a batch holds at most 8,192 entries)
    uint32_t connector;    // index into connectors_, or kNoName (unknown)
    uint32_t remote;       // Message: index into remotes_, or kNoName (not named)
    int64_t utc_seconds;
    Words words;

    Timestamp stamp() const { return {resolved, utc_seconds, year, first, second}; }
  };
  static_assert(sizeof(Entry) == 48);
  // The session id and peer IP of the few entries that have them (the protocol logs' sessions, the
  // tracking log's messages that take their TLS from one), apart from the entries that have none.
  struct Texts {
    Text session_id, peer_ip;
  };
  // Keyed (RemoteNames::side_key) where the batch is replayed: the counting thread has time to
  // spare where the parse thread has none.
  struct Remote {
    Text host, domain;
  };

  Text keep(std::string_view text);
  std::string_view view(Text text) const { return std::string_view(text_.data() + text.offset, text.size); }
  uint32_t reason_index(std::string_view reason);
  uint32_t number_connector(std::optional<std::string_view> name);
  uint32_t keep_remote(std::string_view host, std::string_view domain);
  bool keep_texts(std::string_view session_id, std::string_view peer_ip);

  std::vector<Entry> entries_;
  std::vector<Texts> texts_;
  // The batch's texts, one after another: grown without zeroing, each text copied in (keep).
  std::vector<char, CacheLineAllocator<char>> text_;
  std::vector<std::string> reasons_;
  // The batch's distinct connector names, each kept once in text_, and found again by a hash of
  // the name; the messages' remote sides, one each.
  std::vector<Text> connectors_;
  std::vector<Remote> remotes_;
  FlatMap64<uint32_t> connector_numbers_;
  NameMemo connector_memo_;  // in front of connector_numbers_
};

}  // namespace mailflow
