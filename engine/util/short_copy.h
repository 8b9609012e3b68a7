// Copies of a few bytes (a host name, a connector's name) in pieces of fixed size. In wasm a
// memcpy of a size not known when compiling is a call out of the compiled code (bulk memory's
// memory.copy, which V8 runs as a call to its C memmove): most of the cost of copying 20 bytes.
// A fixed-size memcpy is one load and one store, natively and in wasm; the pieces overlap rather
// than loop, so that no compiler makes the loop a memcpy again.
#pragma once

#include <cstddef>
#include <cstring>

namespace mailflow {

template <size_t kBytes>
void copy_piece(char* to, const char* from, size_t at) {
  std::memcpy(to + at, from + at, kBytes);
}

// `to` and `from` do not overlap (as for memcpy).
inline void copy_short(char* to, const char* from, size_t size) {
  if (size > 64) {
    std::memcpy(to, from, size);
  } else if (size > 32) {  // the first 32 bytes and the last 32
    copy_piece<16>(to, from, 0), copy_piece<16>(to, from, 16);
    copy_piece<16>(to, from, size - 32), copy_piece<16>(to, from, size - 16);
  } else if (size >= 16) {
    copy_piece<16>(to, from, 0), copy_piece<16>(to, from, size - 16);
  } else if (size >= 8) {
    copy_piece<8>(to, from, 0), copy_piece<8>(to, from, size - 8);
  } else if (size >= 4) {
    copy_piece<4>(to, from, 0), copy_piece<4>(to, from, size - 4);
  } else if (size > 0) {
    to[0] = from[0];
    to[size / 2] = from[size / 2];
    to[size - 1] = from[size - 1];
  }
}

}  // namespace mailflow
