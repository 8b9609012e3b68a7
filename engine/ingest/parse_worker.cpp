#include "ingest/parse_worker.h"

#ifdef MAILFLOW_PARSE_THREADS

#include "util/optional_thread.h"

namespace mailflow {

std::unique_ptr<ParseWorker> ParseWorker::start(ParseFn parse, FinishFn finish) {
  std::unique_ptr<ParseWorker> worker(new ParseWorker(std::move(parse), std::move(finish)));
  auto thread = try_start_thread([w = worker.get()] { w->run(); });
  if (!thread) return nullptr;
  worker->thread_ = std::move(*thread);
  return worker;
}

ParseWorker::~ParseWorker() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    chunks_.clear();
    batches_.clear();
  }
  to_worker_.notify_all();
  thread_.join();
}

void ParseWorker::run() {
  for (;;) {
    Chunk chunk;
    const ReadChunkFn* read = nullptr;
    {
      std::unique_lock lock(mutex_);
      to_worker_.wait(lock, [this] { return cancelled_ || input_ended_ || !chunks_.empty() || (read_ && !reading_); });
      if (cancelled_) break;
      if (!chunks_.empty()) {
        chunk = std::move(chunks_.front());
        chunks_.pop_front();
      } else if (read_) {
        read = read_;
        reading_ = true;
        chunk.bytes = take_spare();
      } else {  // the input ended and every chunk is parsed
        const bool run_finish = run_finish_;
        lock.unlock();
        if (run_finish) finish_();
        break;
      }
    }
    if (read) {
      chunk.size = (*read)(chunk.bytes);
      {
        std::lock_guard lock(mutex_);
        reading_ = false;
        if (chunk.size == 0) read_ = nullptr;
      }
      to_caller_.notify_all();  // the caller may read, or the reading has ended
      if (chunk.size == 0) continue;
    } else {
      to_caller_.notify_all();  // room in the input queue
    }
    parse_(chunk.bytes.data(), chunk.size);
    std::lock_guard lock(mutex_);
    if (spare_chunks_.size() < kMaxChunks) spare_chunks_.push_back(std::move(chunk.bytes));
  }
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  to_caller_.notify_all();
}

RecordedEvents ParseWorker::hand_off(RecordedEvents&& batch) {
  RecordedEvents next;
  {
    std::unique_lock lock(mutex_);
    to_worker_.wait(lock, [this] { return cancelled_ || batches_.size() < kMaxBatches; });
    if (cancelled_) return next;
    batches_.push_back(std::move(batch));
    if (!replayed_.empty()) {
      next = std::move(replayed_.back());
      replayed_.pop_back();
    }
  }
  to_caller_.notify_all();
  return next;
}

bool ParseWorker::take_batches(std::vector<RecordedEvents>& out) {
  if (batches_.empty()) return false;
  for (auto& batch : batches_) out.push_back(std::move(batch));
  batches_.clear();
  return true;
}

// Outside the lock: the replay is the counting thread's work, done while the parse thread goes on.
void ParseWorker::replay_and_return(std::vector<RecordedEvents>& ready, const ReplayFn& replay) {
  if (ready.empty()) return;
  for (auto& batch : ready) {
    replay(batch);
    batch.clear();
  }
  {
    std::lock_guard lock(mutex_);
    for (auto& batch : ready)
      if (replayed_.size() < kMaxBatches) replayed_.push_back(std::move(batch));
  }
  ready.clear();
}

ByteBuffer ParseWorker::take_spare() {
  if (spare_chunks_.empty()) return {};
  ByteBuffer buffer = std::move(spare_chunks_.back());
  spare_chunks_.pop_back();
  return buffer;
}

ByteBuffer ParseWorker::spare_buffer() {
  std::lock_guard lock(mutex_);
  return take_spare();
}

void ParseWorker::feed(const uint8_t* data, size_t size, const ReplayFn& replay) {
  Chunk chunk{spare_buffer(), size};
  chunk.bytes.assign(data, data + size);
  queue(std::move(chunk), replay);
}

void ParseWorker::feed(ByteBuffer& buffer, size_t size, const ReplayFn& replay) {
  Chunk chunk{std::move(buffer), size};
  buffer = spare_buffer();
  queue(std::move(chunk), replay);
}

void ParseWorker::queue(Chunk chunk, const ReplayFn& replay) {
  std::vector<RecordedEvents> ready;
  for (;;) {
    bool queued = false;
    {
      std::unique_lock lock(mutex_);
      to_caller_.wait(lock, [this] { return chunks_.size() < kMaxChunks || !batches_.empty() || done_; });
      take_batches(ready);
      if (chunks_.size() < kMaxChunks || done_) {
        if (!done_) chunks_.push_back(std::move(chunk));
        queued = true;
      }
    }
    to_worker_.notify_all();  // a chunk to parse, or room for batches
    replay_and_return(ready, replay);
    if (queued) return;
  }
}

void ParseWorker::read_here(const ReadChunkFn& read, const ReplayFn& replay) {
  {
    std::lock_guard lock(mutex_);
    if (done_) return;
    read_ = &read;
  }
  to_worker_.notify_all();
  std::vector<RecordedEvents> ready;
  // One chunk ahead at most: more was as fast and held 8 MB more.
  const auto may_read = [this] { return read_ && !reading_ && chunks_.empty(); };
  for (bool reading = true; reading;) {
    Chunk chunk;
    bool reads = false;
    {
      std::unique_lock lock(mutex_);
      to_caller_.wait(lock, [&] { return !batches_.empty() || !read_ || done_ || may_read(); });
      take_batches(ready);
      reading = read_ && !done_;
      if (!reading) {
        read_ = nullptr;
      } else if (ready.empty() && may_read()) {  // nothing to count: read the parse thread's next chunk
        reads = reading_ = true;
        chunk.bytes = take_spare();
      }
    }
    to_worker_.notify_all();  // room for batches
    replay_and_return(ready, replay);
    if (!reads) continue;
    chunk.size = read(chunk.bytes);
    {
      std::lock_guard lock(mutex_);
      reading_ = false;
      if (chunk.size) chunks_.push_back(std::move(chunk));
      else read_ = nullptr;
    }
    to_worker_.notify_all();  // a chunk to parse, or the reading has ended
  }
}

void ParseWorker::replay_ready(const ReplayFn& replay) {
  std::vector<RecordedEvents> ready;
  {
    std::lock_guard lock(mutex_);
    if (!take_batches(ready)) return;
  }
  to_worker_.notify_all();
  replay_and_return(ready, replay);
}

void ParseWorker::finish(const ReplayFn& replay, bool run_finish) {
  {
    std::lock_guard lock(mutex_);
    input_ended_ = true;
    run_finish_ = run_finish;
  }
  to_worker_.notify_all();
  std::vector<RecordedEvents> ready;
  for (bool done = false; !done;) {
    {
      std::unique_lock lock(mutex_);
      to_caller_.wait(lock, [this] { return !batches_.empty() || done_; });
      take_batches(ready);
      done = done_;
    }
    to_worker_.notify_all();
    replay_and_return(ready, replay);
  }
  thread_.join();
}

}  // namespace mailflow

#endif  // MAILFLOW_PARSE_THREADS
