// One large file read by several threads at once (native builds, SessionOptions::threads > 1, a
// format whose FormatInfo::cuts says where): its bytes are cut at record boundaries
// (ingest/record_cutter.h) into ranges of about SessionOptions::range_bytes, and each range is parsed
// on a worker thread by a source of its own that reads the file's header first. The caller's thread
// takes the ranges back in file order: it takes over what the range gave (its reader's state and
// what the reader left to it, such as the sizes of a log's deliveries whose arrival may lie in an
// earlier range; its report with line numbers moved to where the range lies in the file; its own
// cells) and replays the range's recorded messages into the session's message table, so the table
// sees the same calls in the same order as with one thread and the file's reader ends in the same
// state: the answer is the same, bit for bit. Whenever the caller would wait for a range, it parses
// the next one no worker has begun itself.
//
// A range whose reader cannot be taken over exactly (a hostile file's 33rd event name, say) is read
// again, with every later byte, by the file's own reader on the caller's thread. At most threads + 2
// ranges are out at once, so memory stays that of a few ranges however large the file.
#pragma once

#include "ingest/parse_worker.h"  // MAILFLOW_PARSE_THREADS

#ifdef MAILFLOW_PARSE_THREADS

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "formats/format_reader.h"
#include "ingest/record_cutter.h"
#include "ingest/recorded_events.h"
#include "util/byte_buffer.h"

namespace mailflow {

class Source;

class RangeReading {
 public:
  // The threads from which a file whose format cuts so is parsed in ranges. A CSV file's counting
  // is a thread's work: with two threads one parse thread per file (ingest/parse_worker.h) is
  // faster, streaming the file's messages to the counting thread batch by batch, where ranges wait
  // to be taken back whole and cost a copy of the bytes (measured: README "How it works"). A log's
  // counting is a few percent of its reading: with two threads both parse ranges.
  static constexpr unsigned min_threads(RecordCuts cuts) {
    return cuts == RecordCuts::Lines ? 2 : cuts == RecordCuts::CsvRecords ? 3 : ~0u;
  }

  // `file`: the source whose reader has read the file up to here; the next record starts after
  // `cutter` has found its end. `header`: the text a range's reader reads first.
  RangeReading(Source& file, std::string header, RecordCutter cutter);
  ~RangeReading();  // what was not taken back is dropped
  RangeReading(const RangeReading&) = delete;
  RangeReading& operator=(const RangeReading&) = delete;

  // Caller's thread: the file's next plain bytes.
  void feed(const uint8_t* data, size_t size);
  // The same for the first `size` bytes of `buffer`, taken as they are into a range where they hold
  // its end (a log's line break; not copied): `buffer` is left holding one a range is done with,
  // or none, for the caller's next chunk.
  void feed(ByteBuffer& buffer, size_t size);
  // Caller's thread: the file's end; every range is taken back.
  void finish();
  // Caller's thread: what was fed is parsed and counted, as with one thread; the file's end is not.
  void stop();

 private:
  struct Range;
  void start_filling();
  void send(std::unique_ptr<Range> range);
  void take_back(bool wait_for_all);
  void take_back_front();
  void read_alone(const uint8_t* data, size_t size);
  void run_worker();
  void parse(Range& range);
  RecordedEvents spare_batch();

  Source& file_;
  const std::string header_;
  RecordCutter cutter_;
  const size_t range_bytes_;
  const size_t max_out_;
  const size_t max_workers_;
  bool found_first_end_ = false;  // the bytes before it are the file reader's own
  bool reading_alone_ = false;    // a range could not be taken over: the file's reader reads on
  std::unique_ptr<Range> filling_;
  std::vector<std::vector<uint8_t>> spare_bytes_;
  std::vector<ByteBuffer> spare_chunks_;
  std::vector<uint8_t> tail_;  // a chunk's bytes after the range it ended

  std::mutex mutex_;
  std::condition_variable to_workers_, to_caller_;
  std::deque<Range*> to_parse_;
  std::deque<std::unique_ptr<Range>> out_;  // sent, in file order, until taken back
  std::vector<RecordedEvents> spare_batches_;
  bool stopping_ = false;
  bool threads_refused_ = false;  // the system gave no thread (util/optional_thread.h)
  std::vector<std::thread> workers_;
};

}  // namespace mailflow

#endif  // MAILFLOW_PARSE_THREADS
