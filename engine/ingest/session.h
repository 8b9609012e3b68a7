// The engine's facade, used alike by the shell and by the browser's ingest worker.
//
//   Session session(options);
//   auto id = session.add_source("export.csv");
//   session.feed(id, bytes, size);   // any number of chunks, cut anywhere
//   session.finish(id);              // end of input
//   Aggregate result = session.aggregate();
//
// The answer never depends on where the chunks were cut: the decoder carries partial code units,
// the readers carry partial records, and nothing is decided from a chunk's size. gzip input is
// unpacked on the way, and a zip archive's entries become sources of their own (ingest/unpack.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"
#include "aggregate/source_report.h"
#include "ingest/session_options.h"
#include "util/byte_buffer.h"

namespace mailflow {

class Source;
class MessageTable;

class Session {
 public:
  using SourceId = size_t;

  explicit Session(SessionOptions options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  SourceId add_source(std::string name);
  void feed(SourceId id, const uint8_t* data, size_t size);
  // The same for the first `size` bytes of `buffer`. A source that parses on a thread of its own
  // takes the buffer as it is, where the other feed() copies the chunk, and leaves in its place a
  // buffer it is done with (of any size, maybe none) for the caller to read the next chunk into.
  void feed(SourceId id, ByteBuffer& buffer, size_t size);
  // The rest of the source's bytes, each chunk fed as it is read through `read` until it gives 0 or
  // the source stops. A source that parses on a thread of its own reads its chunks there: a chunk
  // read on one core and parsed on another crosses between their caches (the kernel's copy into a
  // buffer last read by the other core took four times as long; docs/profile-native.md).
  // `buffer`: the caller's, for the chunks read here.
  void read_rest(SourceId id, ByteBuffer& buffer, const ReadChunkFn& read);
  void finish(SourceId id);
  // Drops what the source gave; its report stays, marked as cancelled.
  void cancel(SourceId id);
  // The file could not be read to its end (`why`, as its reader said): what was fed is counted, and
  // the source's error says where it stopped and why.
  void finish_unreadable(SourceId id, std::string_view why);

  // A source parsed apart, by a DetachedSource elsewhere (ingest/detached_source.h): from
  // detach() on it is not fed; what the DetachedSource sends is given here in the order it was
  // sent. False (the source then has an error) for bytes or text it did not write.
  void detach(SourceId id);
  bool replay_detached(SourceId id, std::string_view events);
  bool show_detached_progress(SourceId id, std::string_view progress);
  bool finish_detached(SourceId id, std::string_view state);

  // A large file cut into ranges parsed apart, by DetachedRanges elsewhere (ingest/detached_range.h):
  // what they need of the source ("" while it cannot be cut), and the take-over of one, which must
  // begin where the bytes fed so far end. False, changing nothing, when the range cannot be taken
  // over (a cut inside a quoted field): the caller then feeds its bytes here itself.
  std::string range_plan(SourceId id) const;
  bool take_over_range(SourceId id, std::string_view outcome, std::string_view events);

  // With options.threads > 1 a source may parse on a thread of its own between its first feed()
  // and finish(): its report and the aggregate are then asked after finish(); stopped() any time.
  const SourceReport& report(SourceId id) const;
  // The source reads no further (it has an error): feeding it more is no use.
  bool stopped(SourceId id) const;
  size_t source_count() const;
  // A zip archive's entries become sources of their own as the archive is fed (ids after the
  // archive's, named "archive.zip/inner.csv"); this is the archive an entry came from.
  std::optional<SourceId> parent(SourceId id) const;

  // Adds a finished aggregate (a saved report or an aggregate JSON) as if it were a source.
  void add_aggregate(Aggregate aggregate);

  // A snapshot of everything so far: finished sources, sources still being read, and loaded
  // aggregates. Cheap enough to call while ingesting to update a dashboard.
  Aggregate aggregate() const&;
  // The same at the session's end (the shell's last step): the counted cells are handed over
  // instead of copied.
  Aggregate aggregate() &&;

 private:
  // Table: const MessageTable& copies the table's cells, MessageTable&& hands them over.
  template <class Table>
  static Aggregate aggregate_of(const Session& session, Table&& messages);
  std::string counted_by_name(size_t source) const;  // the file that counted its messages first, or ""
  SessionOptions options_;
  Source* add_child(SourceId parent, std::string name);
  void allow_archives(SourceId id, int depth);

  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<std::optional<SourceId>> parents_;
  std::unique_ptr<MessageTable> messages_;  // shared by sources that join rows by message id
  Aggregate loaded_;
};

}  // namespace mailflow
