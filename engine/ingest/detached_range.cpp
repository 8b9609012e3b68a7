#include "ingest/detached_range.h"

namespace mailflow {

DetachedRange::DetachedRange(std::string name, SessionOptions options, std::string_view plan, uint64_t start,
                             uint64_t cut)
    : options_(options),
      source_(std::move(name), 0, options_, unused_),
      planned_(source_.begin_planned_range(plan, [this](RecordedEvents& batch) { batch.write_to(events_); })),
      skip_(source_.range_units(), start, start),
      end_(source_.range_units(), start, cut),
      cut_(cut) {}

bool DetachedRange::feed(const uint8_t* data, size_t size) {
  if (!planned_ || end_.found()) return false;
  if (!begin_) {
    const size_t skipped = skip_.take(data, size);
    if (!skip_.found()) return true;
    begin_ = skip_.offset();
    end_ = RangeEnd(source_.range_units(), *begin_, cut_);
    data += skipped, size -= skipped;
  }
  const size_t taken = end_.take(data, size);
  source_.read_here(data, taken);
  return !end_.found();
}

void DetachedRange::finish() {
  if (!begin_) {  // no line break after start: the range is empty, at the file's end
    begin_ = skip_.offset();
    end_ = RangeEnd(source_.range_units(), *begin_, cut_);
  }
  if (planned_) source_.end_range();
}

std::string DetachedRange::take_events() { return RecordedEvents::take_written(events_); }

std::string DetachedRange::outcome() const {
  StateWriter out;
  out.number(begin());
  out.number(end());
  out.text(planned_ ? source_.range_outcome() : std::string());
  return out.take();
}

}  // namespace mailflow
