// A range of a large file parsed apart from the session that reads the file: the page's parse
// workers each parse one at a time while the ingest worker reads the file's other ranges itself
// and takes theirs over in file order (web/page/worker_glue.js), since a browser page's workers
// share no memory. The ranges are cut by offsets alone (ingest/range_end.h); whether a cut fell
// between two records is known only once the file's reader has read up to it, and a range whose
// cut did not is refused and read again by the file's reader: a guess checked, never trusted.
//
//   counting side (the session)                  parsing side
//   plan = session.range_plan(id)          -->   DetachedRange range(name, options, plan, start, cut)
//   session.feed(id, ...) up to begin            range.feed(bytes from start on) while it asks for more
//                                                range.finish()
//   session.take_over_range(id, outcome, events) <-- range.outcome(), range.take_events()
//
// Taken over, the range counts as on a thread of the shell (ingest/range_reading.h): the file's
// reader takes over the range's reader and its report, and its recorded events are replayed into
// the session's message table in file order: the answer is the same, bit for bit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/message_table.h"
#include "ingest/range_end.h"
#include "ingest/session_options.h"
#include "ingest/source.h"

namespace mailflow {

class DetachedRange {
 public:
  // `plan`: Session::range_plan of the file. The range begins just past the first line break at or
  // after file offset `start` and ends just past the first at or after `cut` (the next range's
  // start), or at the file's end.
  DetachedRange(std::string name, SessionOptions options, std::string_view plan, uint64_t start, uint64_t cut);

  // False when the plan cannot be read: nothing is parsed.
  bool planned() const { return planned_; }
  // The file's bytes from `start` on, in chunks cut anywhere: true while more are wanted.
  bool feed(const uint8_t* data, size_t size);
  // At the range's end, or the file's end before it.
  void finish();

  // The events recorded since the last call ("" when none).
  std::string take_events();
  // After finish(): what the range gave beside its events, for Session::take_over_range.
  std::string outcome() const;
  uint64_t begin() const { return begin_ ? *begin_ : skip_.offset(); }
  uint64_t end() const { return end_.offset(); }

 private:
  SessionOptions options_;  // before source_, which keeps a reference
  MessageTable unused_;     // a range counts no keyed message itself: it records them
  Source source_;
  bool planned_;
  RangeEnd skip_;  // the bytes before the range
  RangeEnd end_;   // made once the range's start is known
  std::optional<uint64_t> begin_;
  uint64_t cut_;
  std::string events_;
};

}  // namespace mailflow
