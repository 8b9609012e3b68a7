// Where a range ends when a large file is cut into ranges by offsets alone, without reading up
// to them (the page's workers, ingest/detached_range.h): just past the first line break at or
// after the offset `cut`, or at the file's end. A reader of the range given bytes from any earlier
// line start finds the same end as the reader of the next range given bytes from `cut` on, so
// neither needs the other. Whether the line break ends a record (it may lie inside a quoted field)
// is checked when the range is taken over.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "ingest/record_cutter.h"

namespace mailflow {

class RangeEnd {
 public:
  // The bytes come from file offset `from` on. An odd `cut` in UTF-16 is taken as the next unit's
  // start. A `from` past `cut` is itself the end: just past the first line break at or after a
  // start at or before `cut`, as ranges' starts are.
  RangeEnd(RecordCutter::Units units, uint64_t from, uint64_t cut)
      : cutter_(RecordCutter::lines(units)),
        at_(from),
        cut_(units == RecordCutter::Units::Utf8 ? cut : cut + (cut & 1)),
        found_(from > cut_) {}

  // How many of the `size` bytes at offset() lie before the end: all of them until it is found.
  size_t take(const uint8_t* data, size_t size) {
    if (found_) return 0;
    size_t taken = 0;
    if (at_ < cut_) {  // not looked at: the end lies after cut
      taken = static_cast<size_t>(std::min<uint64_t>(size, cut_ - at_));
      at_ += taken;
      if (taken == size) return taken;
    }
    const size_t end = cutter_.find_end(data + taken, size - taken);
    const size_t more = end == RecordCutter::npos ? size - taken : end;
    at_ += more;
    found_ = end != RecordCutter::npos;
    return taken + more;
  }
  bool found() const { return found_; }
  uint64_t offset() const { return at_; }  // the end, once found

 private:
  RecordCutter cutter_;
  uint64_t at_;
  uint64_t cut_;
  bool found_;
};

}  // namespace mailflow
