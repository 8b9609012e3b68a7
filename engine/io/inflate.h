// Raw deflate (RFC 1951) decompression, streaming: input in chunks cut anywhere, output in
// pieces through a ByteSink, in bounded memory (a 32 KiB window plus a fixed output span, and the
// input chunk being decoded). Written from the RFC for mailflow: the engine must behave the same
// natively and in wasm, where zlib is not available.
//
// Decoding is table-driven: each Huffman code is resolved by one lookup in a 10-bit (literal/
// length) or 8-bit (distance) primary table, plus one lookup in a small second-level table for
// longer codes; the table entries carry the length/distance base and extra-bit count.
//
// Input is taken whole into an internal buffer; the decoder only starts a block header or a
// symbol when all the bits it could need are there (or the input has ended), so it never has to
// stop in the middle of a code and the output is the same however the input was cut.
//
// The expansion guard stops a stream whose output passes `min_output` bytes while being more than
// `ratio` times the compressed bytes it came from (a decompression bomb). It is checked at fixed
// output positions, so where it stops does not depend on the chunking either.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/byte_sink.h"

namespace mailflow {

struct ExpansionLimit {
  uint64_t ratio = 1000;
  uint64_t min_output = 100'000'000;
};
// The message when the guard stops a stream.
std::string expansion_message(const ExpansionLimit& limit);

class Inflater {
 public:
  enum class Status { NeedInput, Done, Error };

  explicit Inflater(ExpansionLimit limit = {});
  void reset();  // a new stream (keeps the buffers' memory)

  // Takes `size` more bytes of the stream and writes what they decode to.
  Status feed(const uint8_t* data, size_t size, ByteSink& out);
  // The stream's input has ended: decodes the rest. Error when the stream is incomplete.
  Status finish(ByteSink& out);

  Status status() const { return status_; }
  // After Done: the input bytes that follow the deflate stream (a gzip trailer, the next zip
  // header...). They are always the last bytes given, possibly with some of an earlier feed.
  std::span<const uint8_t> unused() const;
  // Why the stream failed, e.g. "invalid distance too far back".
  const std::string& error() const { return error_; }

  uint64_t total_in() const;  // compressed bytes the decoder has used
  uint64_t total_out() const { return total_out_; }

 private:
  enum class State { BlockHeader, Stored, Huffman, Done, Error };
  static constexpr size_t kHistory = 32768;
  static constexpr size_t kSpan = 256u << 10;
  static constexpr size_t kSlack = 16;  // match copies write up to 8 bytes past their end
  static constexpr size_t kMaxMatch = 258;

  Status run(ByteSink& out, bool final);
  bool block_header(bool final);
  bool dynamic_header();
  bool decode_huffman(bool final);
  bool decode_stored();
  bool make_room(ByteSink& out);
  bool flush(ByteSink& out);
  bool fail(std::string message);
  void refill();
  uint64_t available_bits() const;
  bool overran() const;

  ExpansionLimit limit_;
  State state_ = State::BlockHeader;
  Status status_ = Status::NeedInput;
  bool last_block_ = false;
  std::string error_;

  // Input: in_[in_pos_..] not yet loaded; bitbuf_ holds bitcnt_ loaded bits, lowest first.
  std::vector<uint8_t> in_;
  size_t in_pos_ = 0;
  size_t real_end_ = SIZE_MAX;  // after finish(): where the real input ends (zero padding follows)
  uint64_t in_base_ = 0;        // bytes dropped from the front of in_ so far
  uint64_t bitbuf_ = 0;
  unsigned bitcnt_ = 0;

  // Output: out_[0..out_pos_) is history and new output; [flushed_..out_pos_) not yet written.
  std::vector<uint8_t> out_;
  size_t out_pos_ = 0;
  size_t flushed_ = 0;
  uint64_t total_out_ = 0;
  uint32_t stored_left_ = 0;

  // Decoding tables of the current block (see inflate.cpp for the entry layout).
  std::array<uint32_t, 1024 + 288 * 32> litlen_{};
  std::array<uint32_t, 256 + 32 * 128> dist_{};
  const uint32_t* lit_table_ = nullptr;  // litlen_ or the fixed code's table
  const uint32_t* dist_table_ = nullptr;
};

}  // namespace mailflow
