// A source's parse thread (native builds only): the caller's chunks are copied into a short queue
// and parsed on this thread, in order, while the caller's thread counts what the previous chunks
// gave. What the parse needs counted in the session's message table comes back as batches of
// RecordedEvents (ingest/recorded_events.h), in the order the reader gave them; the caller
// replays them into the table, so the table sees the same calls in the same order as with one
// thread, and the answer is the same, bit for bit.
//
// Both queues are bounded (a few chunks in, a few batches out), so memory stays that of a few
// chunks however far one side runs ahead. While the caller waits for room in the input queue or
// for the end, it replays the batches that come back: neither side can wait for the other forever.
#pragma once

#if !defined(__EMSCRIPTEN__)
#define MAILFLOW_PARSE_THREADS 1
#endif

#ifdef MAILFLOW_PARSE_THREADS

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ingest/recorded_events.h"
#include "util/byte_buffer.h"

namespace mailflow {

class ParseWorker {
 public:
  static constexpr size_t kMaxChunks = 3;   // chunks waiting to be parsed
  static constexpr size_t kMaxBatches = 4;  // batches waiting to be counted

  using ParseFn = std::function<void(const uint8_t* data, size_t size)>;
  using FinishFn = std::function<void()>;
  using ReplayFn = std::function<void(const RecordedEvents& batch)>;

  // `parse` runs for each chunk and then `finish` once, on the new thread; none when the system
  // refuses a thread (util/optional_thread.h): the caller then parses on its own.
  static std::unique_ptr<ParseWorker> start(ParseFn parse, FinishFn finish);
  ~ParseWorker();  // drops what is queued and joins, if still running
  ParseWorker(const ParseWorker&) = delete;
  ParseWorker& operator=(const ParseWorker&) = delete;

  // Caller's thread. Queues a copy of the chunk, replaying returned batches while the queue is full.
  void feed(const uint8_t* data, size_t size, const ReplayFn& replay);
  // The same for the first `size` bytes of `buffer`, queued without a copy: `buffer` is left
  // holding one the parse thread is done with (or none), for the caller's next chunk.
  void feed(ByteBuffer& buffer, size_t size, const ReplayFn& replay);
  // Caller's thread. The rest of the input is read through `read` (after the chunks queued before)
  // until it gives 0, by whichever thread is idle: the parse thread when it has no chunk, the
  // caller when it has no batch to replay (a wide CSV's parsing outlasts its counting; the file's
  // reading, a tenth of the parse thread's time, then moves to the counting thread). Calls of
  // `read` never overlap. Returns when the reading has ended (finish() still follows).
  void read_here(const ReadChunkFn& read, const ReplayFn& replay);
  // Caller's thread. Replays the batches returned so far, without waiting.
  void replay_ready(const ReplayFn& replay);
  // Caller's thread. Ends the input, replays every batch until every chunk is parsed and (with
  // `run_finish`) `finish` has run, and joins the thread.
  void finish(const ReplayFn& replay, bool run_finish = true);

  // Parse thread. Returns a batch to the caller; waits while kMaxBatches are not yet replayed.
  // Gives back an empty batch to fill next (one the caller is done with: its memory is reused).
  RecordedEvents hand_off(RecordedEvents&& batch);

 private:
  struct Chunk {
    ByteBuffer bytes;  // the chunk is its first `size` bytes
    size_t size = 0;
  };
  ParseWorker(ParseFn parse, FinishFn finish) : parse_(std::move(parse)), finish_(std::move(finish)) {}
  void run();
  ByteBuffer take_spare();  // under mutex_: a parsed chunk's buffer, or none
  ByteBuffer spare_buffer();
  void queue(Chunk chunk, const ReplayFn& replay);
  bool take_batches(std::vector<RecordedEvents>& out);  // under mutex_
  void replay_and_return(std::vector<RecordedEvents>& ready, const ReplayFn& replay);

  ParseFn parse_;
  FinishFn finish_;
  std::mutex mutex_;
  std::condition_variable to_worker_, to_caller_;
  std::deque<Chunk> chunks_;
  std::vector<ByteBuffer> spare_chunks_;  // parsed chunks' buffers, for the next ones
  std::deque<RecordedEvents> batches_;
  std::vector<RecordedEvents> replayed_;  // emptied batches for the parse thread to fill again
  const ReadChunkFn* read_ = nullptr;  // set while the input is read through read_here's function
  bool reading_ = false;                // a thread is in that function
  bool input_ended_ = false, run_finish_ = true, cancelled_ = false, done_ = false;
  std::thread thread_;
};

}  // namespace mailflow

#endif  // MAILFLOW_PARSE_THREADS
