// Unaligned loads of a word from text, as the compiler turns a fixed-size memcpy into one load
// (natively and in wasm): for code that reads text eight bytes at a time (hashing, comparing,
// finding a byte).
#pragma once

#include <cstdint>
#include <cstring>

namespace mailflow {

inline uint64_t load64(const char* at) {
  uint64_t value;
  std::memcpy(&value, at, 8);
  return value;
}
inline uint64_t load32(const char* at) {
  uint32_t value;
  std::memcpy(&value, at, 4);
  return value;
}

}  // namespace mailflow
