#include "io/inflate.h"

#include <zlib.h>

#include <algorithm>

namespace mailflow {

std::string expansion_message(const ExpansionLimit& limit) {
  return "stopped: expands more than " + std::to_string(limit.ratio) + "-fold, likely a decompression bomb";
}

void Inflater::ZStreamDeleter::operator()(z_stream_s* z) const {
  inflateEnd(z);
  delete z;
}

Inflater::Inflater(ExpansionLimit limit) : limit_(limit), z_(new z_stream{}), out_(kOutput) {
  held_.reserve(kBlock);
  if (inflateInit2(z_.get(), -MAX_WBITS) != Z_OK) fail("out of memory");
}

Inflater::~Inflater() = default;

void Inflater::reset() {
  status_ = Status::NeedInput;
  error_.clear();
  held_.clear();
  out_pos_ = flushed_ = 0;
  block_used_ = 0;
  leftover_ = {};
  total_in_ = total_out_ = 0;
  if (inflateReset(z_.get()) != Z_OK) fail("out of memory");  // only when inflateInit2 failed
}

Inflater::Status Inflater::fail(std::string message) {
  status_ = Status::Error;
  error_ = std::move(message);
  return status_;
}

Inflater::Status Inflater::feed(const uint8_t* data, size_t size, ByteSink& out) {
  if (status_ != Status::NeedInput) return status_;
  const size_t given = size;
  if (!held_.empty()) {
    // Complete the block begun by earlier feeds.
    const size_t earlier = held_.size();
    const size_t take = std::min(size, kBlock - earlier);
    held_.insert(held_.end(), data, data + take);
    data += take, size -= take;
    if (held_.size() < kBlock) return status_;
    const Status status = inflate_block(held_.data(), kBlock, out);
    if (status == Status::Done) {
      if (block_used_ < earlier) {  // the stream ended in bytes of earlier feeds
        held_.resize(earlier);
        held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(block_used_));
        leftover_ = {held_, given};
      } else {
        held_.clear();
        leftover_ = {{}, given - (block_used_ - earlier)};
      }
      return status;
    }
    held_.clear();
    if (status == Status::Error) return status;
  }
  // Whole blocks straight from the caller's memory; the rest waits for the next feed.
  while (size >= kBlock) {
    const Status status = inflate_block(data, kBlock, out);
    if (status == Status::Done) {
      leftover_ = {{}, size - block_used_};
      return status;
    }
    if (status == Status::Error) return status;
    data += kBlock, size -= kBlock;
  }
  held_.assign(data, data + size);
  if (!flush(out)) return fail("stopped by the reader");
  return status_;
}

Inflater::Status Inflater::finish(ByteSink& out) {
  if (status_ != Status::NeedInput) return status_;
  const Status status = inflate_block(held_.data(), held_.size(), out);
  if (status == Status::Done) {
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(block_used_));
    leftover_ = {held_, 0};
    return status;
  }
  if (status == Status::Error) return status;
  flush(out);  // what was decoded before the data ran out stays read
  return fail("the data ends early (truncated file?)");
}

// Hands zlib one block, emptying the output buffer each time it fills, until zlib has used the
// whole block (NeedInput), the stream ends (Done) or fails.
Inflater::Status Inflater::inflate_block(const uint8_t* block, size_t size, ByteSink& out) {
  z_stream& z = *z_;
  z.next_in = const_cast<Bytef*>(block);
  z.avail_in = static_cast<uInt>(size);
  for (;;) {
    z.next_out = out_.data() + out_pos_;
    z.avail_out = static_cast<uInt>(kOutput - out_pos_);
    const uInt in_before = z.avail_in;
    const int result = inflate(&z, Z_NO_FLUSH);
    total_in_ += in_before - z.avail_in;
    total_out_ += kOutput - out_pos_ - z.avail_out;
    out_pos_ = kOutput - z.avail_out;
    if (result == Z_STREAM_END) {
      block_used_ = size - z.avail_in;
      status_ = Status::Done;
      return flush(out) ? status_ : fail("stopped by the reader");
    }
    if (result == Z_DATA_ERROR) {
      flush(out);  // what was decoded before the error stays read
      return fail(z.msg != nullptr ? z.msg : "invalid deflate data");
    }
    if (result == Z_MEM_ERROR) return fail("out of memory");
    if (result != Z_OK && result != Z_BUF_ERROR) return fail("zlib error " + std::to_string(result));
    if (out_pos_ == kOutput) {
      if (!flush(out)) return fail("stopped by the reader");
      out_pos_ = flushed_ = 0;
      if (total_out_ > limit_.min_output && total_out_ / limit_.ratio >= std::max<uint64_t>(total_in_, 1))
        return fail(expansion_message(limit_));
      continue;
    }
    if (z.avail_in == 0) return Status::NeedInput;
    return fail("zlib stopped with input left");  // zlib always uses its input or its output room
  }
}

bool Inflater::flush(ByteSink& out) {
  if (out_pos_ == flushed_) return true;
  const size_t from = flushed_;
  flushed_ = out_pos_;
  return out.write(out_.data() + from, out_pos_ - from);
}

}  // namespace mailflow
