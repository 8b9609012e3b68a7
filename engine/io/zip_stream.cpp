#include "io/zip_stream.h"

#include <zlib.h>

#include <algorithm>

namespace mailflow {

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentral = 0x06054b50;
constexpr uint32_t kZip64EndOfCentral = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kArchiveExtra = 0x08064b50;
constexpr uint32_t kDescriptor = 0x08074b50;
constexpr uint16_t kFlagEncrypted = 1, kFlagDescriptor = 8;
constexpr uint16_t kMethodStored = 0, kMethodDeflate = 8;

uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
uint32_t le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint64_t le64(const uint8_t* p) { return uint64_t{le32(p)} | uint64_t{le32(p + 4)} << 32; }
uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t size) {
  return static_cast<uint32_t>(crc32_z(crc, data, size));
}

std::string method_name(uint16_t method) {
  switch (method) {
    case 9: return "Deflate64";
    case 12: return "bzip2";
    case 14: return "LZMA";
    case 93: return "Zstandard";
    case 95: return "xz";
    case 98: return "PPMd";
    default: return "method " + std::to_string(method);
  }
}

}  // namespace

bool ZipStream::EntrySink::write(const uint8_t* data, size_t n) {
  crc = crc32_update(crc, data, n);
  size += n;
  if (next && !next->write(data, n)) next = nullptr;  // the owner has had enough: read on to the end
  return true;
}

ZipStream::ZipStream(ZipEntries& entries, ExpansionLimit limit) : owner_(entries), inflater_(limit) {}

bool ZipStream::fail(std::string message) {
  if (open_) owner_.close_entry(message);
  open_ = false;
  state_ = State::Failed;
  error_ = std::move(message);
  return false;
}

bool ZipStream::feed(const uint8_t* data, size_t size) {
  if (state_ == State::Failed) return false;
  return consume(data, size);
}

// Appends input to buf_ until it holds `want` bytes; true when it does.
bool ZipStream::gather(const uint8_t*& p, size_t& n, size_t want) {
  const size_t k = std::min(n, want - std::min(want, buf_.size()));
  buf_.insert(buf_.end(), p, p + k);
  p += k, n -= k, offset_ += k;
  return buf_.size() >= want;
}

bool ZipStream::consume(const uint8_t* p, size_t n) {
  while (n > 0) {
    switch (state_) {
      case State::Failed: return false;
      case State::End: offset_ += n; return true;
      case State::Signature:
        if (gather(p, n, 4) && !signature()) return false;
        break;
      case State::Header:
        if (!gather(p, n, 26)) break;
        flags_ = le16(&buf_[2]);
        method_ = le16(&buf_[4]);
        crc_ = le32(&buf_[10]);
        compressed_ = le32(&buf_[14]);
        size_ = le32(&buf_[18]);
        name_length_ = le16(&buf_[22]);
        extra_length_ = le16(&buf_[24]);
        buf_.clear();
        state_ = State::Name;
        if (name_length_ == 0) name_.clear(), state_ = State::Extra;
        if (state_ == State::Extra && extra_length_ == 0 && !start_entry()) return false;
        break;
      case State::Name:
        if (!gather(p, n, name_length_)) break;
        name_.assign(buf_.begin(), buf_.end());
        buf_.clear();
        state_ = State::Extra;
        if (extra_length_ == 0 && !start_entry()) return false;
        break;
      case State::Extra:
        if (!gather(p, n, extra_length_)) break;
        if (!start_entry()) return false;
        break;
      case State::Stored:
      case State::Skip: {
        const size_t k = static_cast<size_t>(std::min<uint64_t>(n, left_));
        if (state_ == State::Stored) sink_.write(p, k);
        p += k, n -= k, offset_ += k, left_ -= k;
        if (left_ == 0 && !end_entry(false)) return false;
        break;
      }
      case State::Deflate: {
        const size_t k = sized_ ? static_cast<size_t>(std::min<uint64_t>(n, left_)) : n;
        Inflater::Status status = inflater_.feed(p, k, sink_);
        if (sized_) {
          p += k, n -= k, offset_ += k, left_ -= k;
          if (status == Inflater::Status::NeedInput && left_ == 0) status = inflater_.finish(sink_);
          if (status == Inflater::Status::Error) entry_error_ = inflater_.error();
          if (status == Inflater::Status::NeedInput) break;
          state_ = State::Skip;  // bytes of the entry after its deflate data, if any, are ignored
          if (left_ == 0 && !end_entry(false)) return false;
          break;
        }
        if (status == Inflater::Status::NeedInput) {
          offset_ += n;
          return true;
        }
        if (status == Inflater::Status::Error)
          return fail("cannot read entry \"" + name_ + "\" (" + inflater_.error() +
                      "), and without its size the rest of the archive cannot be found");
        // The deflate data ended: the descriptor follows (see GzipStream for the leftover bytes).
        const Inflater::Leftover left = inflater_.leftover();
        state_ = State::Descriptor;
        buf_.clear();
        if (left.held.empty()) {
          offset_ += n - left.rest;
          p += n - left.rest;
          n = left.rest;
        } else {
          const std::vector<uint8_t> held(left.held.begin(), left.held.end());
          offset_ -= held.size();  // counted already when they were first given
          if (!consume(held.data(), held.size())) return false;
        }
        break;
      }
      case State::Descriptor: {
        if (!gather(p, n, 4)) break;
        const size_t sizes = zip64_ ? 16 : 8;
        const size_t want = (le32(buf_.data()) == kDescriptor ? 8 : 4) + sizes;
        if (gather(p, n, want) && !end_entry(true)) return false;
        break;
      }
    }
  }
  return state_ != State::Failed;
}

bool ZipStream::signature() {
  const uint32_t sig = le32(buf_.data());
  buf_.clear();
  switch (sig) {
    case kLocalHeader:
      if (entries_ >= kMaxEntries) {
        capped_ = true;
        state_ = State::End;
        return true;
      }
      ++entries_;
      state_ = State::Header;
      return true;
    case kCentralHeader:
    case kEndOfCentral:
    case kZip64EndOfCentral:
    case kZip64Locator:
    case kArchiveExtra: state_ = State::End; return true;
    default:
      if (entries_ == 0) return fail("not a zip archive");
      return fail("corrupt zip: unexpected data at byte " + std::to_string(offset_ - 4) +
                  " where an entry or the central directory should start");
  }
}

// The local header is read: decides how the entry's data is read.
bool ZipStream::start_entry() {
  zip64_ = false;
  for (size_t i = 0; i + 4 <= buf_.size();) {
    const uint16_t id = le16(&buf_[i]), length = le16(&buf_[i + 2]);
    const size_t end = std::min(buf_.size(), i + 4 + length);
    if (id == 0x0001) {  // Zip64: the 8-byte sizes whose 4-byte fields hold 0xFFFFFFFF
      zip64_ = true;
      size_t at = i + 4;
      if (size_ == 0xFFFFFFFF && at + 8 <= end) size_ = le64(&buf_[at]), at += 8;
      if (compressed_ == 0xFFFFFFFF && at + 8 <= end) compressed_ = le64(&buf_[at]);
    }
    i = end;
  }
  buf_.clear();
  sink_.crc = 0;
  sink_.size = 0;
  sink_.next = nullptr;
  entry_error_.clear();
  const bool descriptor = flags_ & kFlagDescriptor;
  const bool folder = !name_.empty() && name_.back() == '/';
  sized_ = !descriptor || compressed_ != 0 || folder;
  left_ = compressed_;

  std::string skip;
  if (folder) skip = "a folder";
  else if (flags_ & kFlagEncrypted) skip = "encrypted; mailflow cannot read encrypted entries";
  else if (method_ != kMethodStored && method_ != kMethodDeflate)
    skip = "compressed with " + method_name(method_) + ", which mailflow does not read (re-zip it with deflate)";
  if (!skip.empty()) {
    if (!sized_) return fail("entry \"" + name_ + "\" is " + skip + ", and without its size the rest of the archive cannot be found");
    owner_.skip_entry(name_, skip);
    state_ = State::Skip;
    return left_ > 0 || end_entry(false);
  }
  if (method_ == kMethodStored && !sized_)
    return fail("entry \"" + name_ + "\" is stored with its size only after the data, which cannot be read as a stream");

  sink_.next = owner_.open_entry(name_);
  open_ = true;
  if (method_ == kMethodStored) {
    state_ = State::Stored;
    return left_ > 0 || end_entry(false);
  }
  inflater_.reset();
  if (descriptor) sized_ = false;  // the deflate data marks its own end; header sizes are not trusted
  state_ = State::Deflate;
  if (sized_ && left_ == 0) {
    entry_error_ = "the data ends early (truncated file?)";
    return end_entry(false);
  }
  return true;
}

bool ZipStream::end_entry(bool from_descriptor) {
  if (flags_ & kFlagDescriptor && !from_descriptor) {
    state_ = State::Descriptor;  // sized entries may have a descriptor too
    buf_.clear();
    return true;
  }
  if (from_descriptor) {
    const size_t at = le32(buf_.data()) == kDescriptor && buf_.size() > (zip64_ ? 20u : 12u) ? 4 : 0;
    crc_ = le32(&buf_[at]);
    size_ = zip64_ ? le64(&buf_[at + 12]) : le32(&buf_[at + 8]);
    buf_.clear();
  }
  if (open_) {
    std::string error = entry_error_;
    if (error.empty() && sink_.size != size_) error = "corrupt zip entry: length mismatch";
    else if (error.empty() && sink_.crc != crc_) error = "corrupt zip entry: CRC mismatch";
    else if (!error.empty() && !error.starts_with("stopped")) error = "corrupt zip entry: " + error;
    open_ = false;
    owner_.close_entry(error);
  }
  state_ = State::Signature;
  return true;
}

bool ZipStream::finish() {
  if (state_ == State::Failed) return false;
  // As GzipStream::finish: the inflater decodes what it holds; more entries may follow.
  while (state_ == State::Deflate && !sized_) {
    const Inflater::Status status = inflater_.finish(sink_);
    if (status == Inflater::Status::Error) return fail("corrupt zip entry: " + inflater_.error());
    const auto held = inflater_.leftover().held;
    const std::vector<uint8_t> tail(held.begin(), held.end());
    state_ = State::Descriptor;
    buf_.clear();
    offset_ -= tail.size();  // counted when they were given
    if (!consume(tail.data(), tail.size())) return false;
  }
  if (state_ == State::End || (state_ == State::Signature && buf_.empty() && entries_ > 0)) return true;
  if (entries_ == 0 && state_ == State::Signature) return fail("not a zip archive");
  return fail("corrupt zip: the archive ends early (truncated file?)");
}

}  // namespace mailflow
