// Where the decompressors put their output: the next stage of a source (the text decoder, or a
// zip entry's own source). Output arrives in pieces whose sizes carry no meaning.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mailflow {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Returns false to stop the decompressor (the consumer has failed or had enough).
  virtual bool write(const uint8_t* data, size_t size) = 0;
};

}  // namespace mailflow
