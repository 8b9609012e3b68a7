// A file parsed apart from the session that counts it: the page's parse workers each run one
// (web/page/worker_glue.js) while the ingest worker's session counts, since a browser page's
// workers share no memory. It is the parse thread of ingest/parse_worker.h with messages for the
// queues: the events that need the session's message table (messages with a key, SMTP sessions)
// are recorded as on a parse thread and sent as bytes (take_events), in the reader's order; the
// session replays them into its table (Session::replay_detached) in file order, so the table sees
// the same calls in the same order as when it reads the file itself and the answer is the same,
// bit for bit. Everything else of the file (its report, its messages without a key) comes at the
// end (state), with the file's date order, which dates the table's messages of this file.
//
//   parsing side                              counting side (the session)
//   DetachedSource file(name, options);      id = session.add_source(name)
//   file.feed(...)                           (file.detachable() == true)  session.detach(id)
//   file.take_events()                  -->  session.replay_detached(id, events)
//   file.progress()                     -->  session.show_detached_progress(id, progress)
//   file.finish(); file.take_events(), file.state()  -->  replay_detached, finish_detached
//
// A file the session must read itself (a zip archive: its entries become sources of the session;
// Postfix and Sendmail logs, which ask the count as they read) says so by detachable() == false
// once its format is known; the session then reads it from the start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aggregate/aggregate.h"
#include "ingest/message_table.h"
#include "ingest/session_options.h"
#include "ingest/source.h"

namespace mailflow {

class DetachedSource {
 public:
  DetachedSource(std::string name, SessionOptions options);

  void feed(const uint8_t* data, size_t size) { source_.feed(data, size); }
  void finish() { source_.finish(); }
  // nullopt until the format is chosen (see above).
  std::optional<bool> detachable() const { return source_.detachable(); }
  // The file can be cut into ranges (Session::range_plan): the session had better read it in ranges.
  bool cuts_into_ranges() const { return !source_.range_plan().empty(); }
  bool stopped() const { return source_.stopped(); }

  // The events recorded since the last call, for Session::replay_detached ("" when none).
  std::string take_events();
  // The counts so far, for Session::show_detached_progress.
  std::string progress() const;
  // After finish(): the rest of what the file gave, for Session::finish_detached.
  std::string state() const;

 private:
  SessionOptions options_;  // before source_, which keeps a reference
  MessageTable table_;      // asked nothing once the format is chosen: its events are recorded
  Source source_;
  std::string events_;
};

// The counting side's reading of progress() and state(); false for text they did not write.
bool read_detached_progress(std::string_view text, SourceReport& seen, DateOrder& order);
bool read_detached_state(std::string_view text, Aggregate& cells, uint64_t& bytes_read, DateOrder& order,
                         std::string& error);

}  // namespace mailflow
