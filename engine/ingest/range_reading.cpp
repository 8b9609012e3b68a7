#include "ingest/range_reading.h"

#ifdef MAILFLOW_PARSE_THREADS

#include <algorithm>

#include "ingest/message_table.h"
#include "ingest/source.h"
#include "util/optional_thread.h"

namespace mailflow {

struct RangeReading::Range {
  std::vector<uint8_t> bytes;  // copied: the range, or its start when it ends in a chunk taken as it is
  ByteBuffer chunk;            // that chunk: the range's last chunk_size bytes are its first
  size_t chunk_size = 0;
  MessageTable unused;  // a range counts no keyed message itself: it records them
  std::unique_ptr<Source> source;
  std::vector<RecordedEvents> batches;
  bool parsed = false;  // under mutex_
};

// The caller's thread counts, and parses a range itself whenever it would wait: threads - 1 workers parse.
RangeReading::RangeReading(Source& file, std::string header, RecordCutter cutter)
    : file_(file), header_(std::move(header)), cutter_(cutter), range_bytes_(std::max<size_t>(file.options().range_bytes, 1)),
      max_out_(file.options().threads + 2), max_workers_(file.options().threads - 1) {}

RangeReading::~RangeReading() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    to_parse_.clear();
  }
  to_workers_.notify_all();
  for (auto& worker : workers_) worker.join();
}

void RangeReading::feed(const uint8_t* data, size_t size) {
  if (reading_alone_) return read_alone(data, size);
  if (!found_first_end_) {  // the rest of the record the file's reader is in
    const size_t end = cutter_.find_end(data, size);
    const size_t own = end == RecordCutter::npos ? size : end;
    file_.read_here(data, own);
    if (end == RecordCutter::npos) return;
    found_first_end_ = true;
    data += own, size -= own;
  }
  while (size > 0 && !reading_alone_) {
    if (!filling_) start_filling();
    std::vector<uint8_t>& bytes = filling_->bytes;
    if (bytes.size() < range_bytes_) {  // short of the range's size: no need to look for an end
      const size_t take = std::min(size, range_bytes_ - bytes.size());
      cutter_.pass(data, take);
      bytes.insert(bytes.end(), data, data + take);
      data += take, size -= take;
      continue;
    }
    const size_t end = cutter_.find_end(data, size);
    const size_t take = end == RecordCutter::npos ? size : end;
    bytes.insert(bytes.end(), data, data + take);
    data += take, size -= take;
    if (end != RecordCutter::npos) send(std::move(filling_));  // cut just after a record end
  }
  if (size > 0) read_alone(data, size);  // a range before could not be taken over
  take_back(false);
}

void RangeReading::start_filling() {
  filling_ = std::make_unique<Range>();
  if (!spare_bytes_.empty()) {  // the memory of a range taken back: no page faults anew
    filling_->bytes = std::move(spare_bytes_.back());
    spare_bytes_.pop_back();
  }
  filling_->bytes.clear();
  filling_->bytes.reserve(range_bytes_ + (64u << 10));  // a range ends with the record it is in
}

// A log's chunk of half a range or more ends the range being filled at its last line break, as it
// is: the copy of every byte was a tenth of the caller's time on an Exim log.
void RangeReading::feed(ByteBuffer& buffer, size_t size) {
  const size_t end = cutter_.cuts_utf8_lines() && found_first_end_ && !reading_alone_ && size >= range_bytes_ / 2
                         ? cutter_.find_last_line_end(buffer.data(), size)
                         : RecordCutter::npos;
  if (end == RecordCutter::npos) return feed(buffer.data(), size);
  if (!filling_) start_filling();
  std::unique_ptr<Range> range = std::move(filling_);
  range->chunk.swap(buffer);
  range->chunk_size = end;
  buffer.clear();
  if (!spare_chunks_.empty()) {
    buffer.swap(spare_chunks_.back());
    spare_chunks_.pop_back();
  }
  // The next range's start, copied first: a range sent may be taken back, and its chunk freed, at once.
  tail_.assign(range->chunk.data() + end, range->chunk.data() + size);
  send(std::move(range));
  if (!tail_.empty()) feed(tail_.data(), tail_.size());
  else take_back(false);
}

void RangeReading::finish() {
  if (filling_ && !filling_->bytes.empty()) send(std::move(filling_));
  take_back(true);
}

void RangeReading::stop() { read_alone(nullptr, 0); }

// The file's reader reads on itself: the ranges out and the one filling first, in file order.
void RangeReading::read_alone(const uint8_t* data, size_t size) {
  take_back(true);
  if (filling_) file_.read_here(filling_->bytes.data(), filling_->bytes.size());
  filling_.reset();
  if (size > 0) file_.read_here(data, size);
}

void RangeReading::send(std::unique_ptr<Range> range) {
  if (reading_alone_) {
    read_alone(range->bytes.data(), range->bytes.size());
    return file_.read_here(range->chunk.data(), range->chunk_size);
  }
  // The range's source reads the header now, on this thread: the file's source may not be asked
  // anything from a worker.
  Range& r = *range;
  r.source = std::make_unique<Source>(file_.report().name, 0, file_.options(), r.unused);
  r.source->begin_range_of(file_, header_, [this, &r](RecordedEvents& batch) {
    r.batches.push_back(std::move(batch));
    batch = spare_batch();
  });
  while (out_.size() >= max_out_) take_back_front();
  {
    std::lock_guard lock(mutex_);
    to_parse_.push_back(&r);
    out_.push_back(std::move(range));
    if (workers_.size() < max_workers_ && !threads_refused_) {
      // Refused: the ranges are parsed by this thread when it would wait for them (take_back_front).
      if (auto worker = try_start_thread([this] { run_worker(); })) workers_.push_back(std::move(*worker));
      else threads_refused_ = true;
    }
  }
  to_workers_.notify_one();
}

// A batch a range taken back was recorded in, emptied, for a range's source to record in next.
RecordedEvents RangeReading::spare_batch() {
  std::lock_guard lock(mutex_);
  if (spare_batches_.empty()) return {};
  RecordedEvents batch = std::move(spare_batches_.back());
  spare_batches_.pop_back();
  return batch;
}

void RangeReading::parse(Range& range) {
  range.source->read_range({range.bytes.data(), range.bytes.size()}, {range.chunk.data(), range.chunk_size});
  {
    std::lock_guard lock(mutex_);
    range.parsed = true;
  }
  to_caller_.notify_all();
}

void RangeReading::run_worker() {
  for (;;) {
    Range* range;
    {
      std::unique_lock lock(mutex_);
      to_workers_.wait(lock, [this] { return stopping_ || !to_parse_.empty(); });
      if (stopping_) return;
      range = to_parse_.front();
      to_parse_.pop_front();
    }
    parse(*range);
  }
}

// Takes back the ranges parsed so far in file order, or (wait_for_all) every range sent.
void RangeReading::take_back(bool wait_for_all) {
  for (;;) {
    if (out_.empty()) return;
    if (!wait_for_all) {
      std::lock_guard lock(mutex_);
      if (!out_.front()->parsed) return;
    }
    take_back_front();
  }
}

void RangeReading::take_back_front() {
  {
    std::unique_lock lock(mutex_);
    while (!out_.front()->parsed) {
      if (to_parse_.empty()) {
        to_caller_.wait(lock);
        continue;
      }
      // Rather than wait, parse the next range no worker has begun (the front one, if none has).
      Range* range = to_parse_.front();
      to_parse_.pop_front();
      lock.unlock();
      parse(*range);
      lock.lock();
    }
  }
  std::unique_ptr<Range> range = std::move(out_.front());
  out_.pop_front();
  if (reading_alone_ || !file_.take_over_range(*range->source, range->batches)) {
    // Not to be taken over exactly: the file's reader reads this range and all that follows
    // itself; ranges no worker has begun are not parsed.
    if (!reading_alone_) {
      reading_alone_ = true;
      std::lock_guard lock(mutex_);
      for (Range* r : to_parse_) r->parsed = true;
      to_parse_.clear();
    }
    file_.read_here(range->bytes.data(), range->bytes.size());
    file_.read_here(range->chunk.data(), range->chunk_size);
  }
  // Its memory for the next ranges.
  if (spare_bytes_.size() < max_out_) spare_bytes_.push_back(std::move(range->bytes));
  if (!range->chunk.empty() && spare_chunks_.size() < max_out_) spare_chunks_.push_back(std::move(range->chunk));
  std::lock_guard lock(mutex_);
  for (RecordedEvents& batch : range->batches) {
    if (spare_batches_.size() >= 4 * max_out_) break;
    batch.clear();
    spare_batches_.push_back(std::move(batch));
  }
}

}  // namespace mailflow

#endif  // MAILFLOW_PARSE_THREADS
