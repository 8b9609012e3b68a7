#include "io/gzip_stream.h"

#include <zlib.h>

namespace mailflow {

namespace {
constexpr uint8_t kFlagText = 1, kFlagHeaderCrc = 2, kFlagExtra = 4, kFlagName = 8, kFlagComment = 16;
constexpr size_t kMaxNameKept = 1024;

uint32_t le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t size) {
  return static_cast<uint32_t>(crc32_z(crc, data, size));
}
}  // namespace

bool GzipStream::CheckingSink::write(const uint8_t* data, size_t n) {
  crc = crc32_update(crc, data, n);
  size += n;
  return next->write(data, n);
}

GzipStream::GzipStream(ExpansionLimit limit) : inflater_(limit) {}

bool GzipStream::fail(std::string message) {
  state_ = State::Failed;
  error_ = std::move(message);
  return false;
}

bool GzipStream::feed(const uint8_t* data, size_t size, ByteSink& out) {
  if (state_ == State::Failed) return false;
  return consume(data, size, out);
}

bool GzipStream::consume(const uint8_t* p, size_t n, ByteSink& out) {
  sink_.next = &out;
  while (n > 0) {
    switch (state_) {
      case State::Failed: return false;
      case State::Trailing: trailing_ += n; return true;
      case State::Header:
        while (n > 0 && state_ == State::Header) {
          if (!header_byte(*p)) return false;
          ++p, --n;
        }
        break;
      case State::Trailer:
        while (n > 0 && got_ < 8) trailer_[got_++] = *p++, --n;
        if (got_ == 8 && !trailer_done()) return false;
        break;
      case State::Body: {
        const Inflater::Status status = inflater_.feed(p, n, sink_);
        if (status == Inflater::Status::NeedInput) return true;
        if (status == Inflater::Status::Error) {
          const std::string& why = inflater_.error();
          return fail(why.starts_with("stopped") ? why : "corrupt gzip: " + why);
        }
        // The member's deflate data ended; what follows is its trailer: bytes the inflater held
        // from earlier feeds (then all of this one), or the last bytes of this feed.
        const Inflater::Leftover left = inflater_.leftover();
        state_ = State::Trailer;
        got_ = 0;
        if (left.held.empty()) {
          p += n - left.rest;
          n = left.rest;
        } else {
          const std::vector<uint8_t> held(left.held.begin(), left.held.end());  // reset() drops them
          if (!consume(held.data(), held.size(), out)) return false;
          sink_.next = &out;
        }
        break;
      }
    }
  }
  return state_ != State::Failed;
}

bool GzipStream::header_byte(uint8_t b) {
  if (part_ != Part::HeaderCrc) header_crc_ = crc32_update(header_crc_, &b, 1);
  switch (part_) {
    case Part::Fixed:
      fixed_[got_++] = b;
      if ((got_ == 1 && b != 0x1f) || (got_ == 2 && b != 0x8b)) {
        if (members_ == 0) return fail("not gzip data");
        trailing_ += got_;  // not another member: padding or garbage after the last one
        state_ = State::Trailing;
        return true;
      }
      if (got_ == 3 && b != 8) return fail("corrupt gzip: compression method " + std::to_string(b) + " is not deflate");
      if (got_ == 4 && (b & 0xE0)) return fail("corrupt gzip: reserved header flags are set");
      if (got_ == 10) {
        flags_ = fixed_[3] & ~kFlagText;
        next_part();
      }
      return true;
    case Part::ExtraLength:
      extra_left_ |= uint32_t{b} << (8 * got_++);
      if (got_ == 2) {
        flags_ &= ~kFlagExtra;
        if (extra_left_ == 0) next_part();
        else part_ = Part::Extra;
      }
      return true;
    case Part::Extra:
      if (--extra_left_ == 0) next_part();
      return true;
    case Part::Name:
      if (b == 0) {
        flags_ &= ~kFlagName;
        next_part();
      } else if (members_ == 0 && name_.size() < kMaxNameKept) {
        name_ += static_cast<char>(b);
      }
      return true;
    case Part::Comment:
      if (b == 0) {
        flags_ &= ~kFlagComment;
        next_part();
      }
      return true;
    case Part::HeaderCrc:
      fixed_[got_++] = b;
      if (got_ == 2) {
        if ((uint32_t{fixed_[0]} | uint32_t{fixed_[1]} << 8) != (header_crc_ & 0xFFFF))
          return fail("corrupt gzip: header CRC mismatch");
        flags_ &= ~kFlagHeaderCrc;
        next_part();
      }
      return true;
  }
  return true;
}

// Moves to the next optional header field the flags announce, or to the compressed data.
void GzipStream::next_part() {
  got_ = 0;
  extra_left_ = 0;
  if (flags_ & kFlagExtra) part_ = Part::ExtraLength;
  else if (flags_ & kFlagName) part_ = Part::Name;
  else if (flags_ & kFlagComment) part_ = Part::Comment;
  else if (flags_ & kFlagHeaderCrc) part_ = Part::HeaderCrc;
  else {
    part_ = Part::Fixed;
    state_ = State::Body;
    inflater_.reset();
    sink_.crc = 0;
    sink_.size = 0;
  }
}

bool GzipStream::trailer_done() {
  if (le32(trailer_) != sink_.crc) return fail("corrupt gzip: CRC mismatch");
  if (le32(trailer_ + 4) != static_cast<uint32_t>(sink_.size)) return fail("corrupt gzip: length mismatch");
  ++members_;
  state_ = State::Header;
  part_ = Part::Fixed;
  got_ = 0;
  header_crc_ = 0;
  return true;
}

bool GzipStream::finish(ByteSink& out) {
  if (state_ == State::Failed) return false;
  sink_.next = &out;
  // The inflater holds input back until it has a whole block: at the end it decodes what it holds,
  // and what follows a member may be more small members, each ended in turn.
  while (state_ == State::Body) {
    const Inflater::Status status = inflater_.finish(sink_);
    if (status == Inflater::Status::Error) {
      const std::string& why = inflater_.error();
      return fail(why.starts_with("stopped") ? why : "corrupt gzip: " + why);
    }
    const auto held = inflater_.leftover().held;
    const std::vector<uint8_t> tail(held.begin(), held.end());
    state_ = State::Trailer;
    got_ = 0;
    if (!consume(tail.data(), tail.size(), out)) return false;
  }
  const bool between_members = state_ == State::Header && part_ == Part::Fixed && got_ == 0 && members_ > 0;
  if (!between_members && state_ != State::Trailing)
    return fail("corrupt gzip: the data ends early (truncated file?)");
  return true;
}

}  // namespace mailflow
