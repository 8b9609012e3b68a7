// gzip (RFC 1952) decompression, streaming: any number of members one after the other (as
// `cat a.gz b.gz` or pigz write them), with the optional FEXTRA, FNAME, FCOMMENT and FHCRC header
// fields. Each member's CRC-32 and length (ISIZE) are checked at its end; a mismatch stops the
// stream with "corrupt gzip: CRC mismatch" and the like. Bytes after the last member that do not
// start another (zero padding from tape-era tools) are counted, not decoded.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/byte_sink.h"
#include "io/inflate.h"

namespace mailflow {

class GzipStream {
 public:
  explicit GzipStream(ExpansionLimit limit = {});

  // False once the stream is corrupt or the sink stopped it; error() says why.
  bool feed(const uint8_t* data, size_t size, ByteSink& out);
  bool finish(ByteSink& out);

  const std::string& error() const { return error_; }
  uint64_t members() const { return members_; }
  uint64_t trailing_bytes() const { return trailing_; }
  const std::string& original_name() const { return name_; }  // FNAME of the first member, if any

 private:
  enum class State { Header, Body, Trailer, Trailing, Failed };
  enum class Part { Fixed, ExtraLength, Extra, Name, Comment, HeaderCrc };

  // Checks the output's CRC and length on its way to the real sink.
  struct CheckingSink final : ByteSink {
    ByteSink* next = nullptr;
    uint32_t crc = 0;
    uint64_t size = 0;
    bool write(const uint8_t* data, size_t n) override;
  };

  bool consume(const uint8_t* p, size_t n, ByteSink& out);
  bool header_byte(uint8_t b);
  void next_part();
  bool trailer_done();
  bool fail(std::string message);

  Inflater inflater_;
  CheckingSink sink_;
  State state_ = State::Header;
  Part part_ = Part::Fixed;
  uint8_t fixed_[10] = {};
  size_t got_ = 0;          // bytes of the current header part / trailer read so far
  uint32_t extra_left_ = 0;
  uint8_t flags_ = 0;
  uint32_t header_crc_ = 0;
  uint8_t trailer_[8] = {};
  uint64_t members_ = 0;
  uint64_t trailing_ = 0;
  std::string name_;
  std::string error_;
};

}  // namespace mailflow
