// Raw deflate (RFC 1951) decompression by zlib, streaming: input in chunks cut anywhere, output in
// pieces through a ByteSink, in bounded memory (zlib's 32 KiB window, one input block, one output
// buffer). zlib is the decoder both natively and in wasm (cmake/dependencies.cmake).
//
// The answer must not depend on where the input was cut, but how much zlib consumes and produces
// per call depends on how much it is given (its fast loop needs room on both sides). So zlib is
// only ever handed whole input blocks of kBlock bytes, counted from the start of the stream, and
// the last partial block at finish(); it writes into an output buffer of kOutput bytes that starts
// over only when full (what is new in it is handed on at the end of each feed, in place). Every
// call to zlib, and so every output position and error, is then a function of the bytes alone. The
// price: the output lags the input by up to one block.
//
// The expansion guard stops a stream whose output passes `min_output` bytes while being more than
// `ratio` times the compressed bytes it came from (a decompression bomb). It is checked each time
// the output buffer fills, at output positions fixed by the data.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "io/byte_sink.h"

struct z_stream_s;

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
  static constexpr size_t kBlock = 16u << 10;
  static constexpr size_t kOutput = 256u << 10;

  explicit Inflater(ExpansionLimit limit = {});
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  void reset();  // a new stream (keeps the buffers' memory)

  // Takes `size` more bytes of the stream and writes what the whole blocks among them decode to; the
  // bytes of a partial block wait for the next feed or finish().
  Status feed(const uint8_t* data, size_t size, ByteSink& out);
  // The stream's input has ended: decodes the rest. Error when the stream is incomplete.
  Status finish(ByteSink& out);

  Status status() const { return status_; }
  // After Done, what was given after the deflate stream's end (a gzip trailer, the next zip
  // header...): first `held`, bytes kept from earlier feeds, then the last `rest` bytes of the last
  // feed (all of it when `held` is not empty). `held` lives until the next feed, finish or reset.
  struct Leftover {
    std::span<const uint8_t> held;
    size_t rest = 0;
  };
  Leftover leftover() const { return leftover_; }
  // Why the stream failed, e.g. "invalid distance too far back" (zlib's words).
  const std::string& error() const { return error_; }

  uint64_t total_in() const { return total_in_; }    // compressed bytes zlib has used
  uint64_t total_out() const { return total_out_; }  // bytes decoded

 private:
  struct ZStreamDeleter {
    void operator()(z_stream_s* z) const;
  };

  Status inflate_block(const uint8_t* block, size_t size, ByteSink& out);
  bool flush(ByteSink& out);
  Status fail(std::string message);

  ExpansionLimit limit_;
  std::unique_ptr<z_stream_s, ZStreamDeleter> z_;
  Status status_ = Status::NeedInput;
  std::string error_;
  std::vector<uint8_t> held_;  // input from the last block boundary on, less than a block
  std::vector<uint8_t> out_;   // [0, out_pos_) decoded; [flushed_, out_pos_) not yet written
  size_t out_pos_ = 0;
  size_t flushed_ = 0;
  size_t block_used_ = 0;      // after Done: how much of the last block zlib used
  Leftover leftover_;
  uint64_t total_in_ = 0, total_out_ = 0;  // zlib's own counters are 32-bit in wasm
};

}  // namespace mailflow
