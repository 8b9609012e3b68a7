// A 64-bit string hash of our own, the same on every platform. std::hash<std::string_view> is
// 32 bits on wasm32, where message keys would start to collide after ~65,000 messages.
#pragma once

#include <bit>
#include <cstdint>
#include <string_view>

#include "util/load.h"

namespace mailflow {

namespace detail {
// The last `n` (< 8) bytes of `text` as a little-endian number, by whole loads: copying a
// variable count into a word went byte by byte through memory, and reading the word back then
// waited for those stores (a fifth of a Message-ID's hashing time).
inline uint64_t last_bytes(std::string_view text, size_t n) {
  if (n == 0) return 0;  // an empty view may have no data pointer at all
  const char* end = text.data() + text.size();
  if (text.size() >= 8) return load64(end - 8) >> (64 - 8 * n);
  const char* start = end - n;
  if (n >= 4) return load32(start) | load32(end - 4) << (8 * (n - 4));
  const auto byte = [&](size_t i) { return uint64_t{static_cast<uint8_t>(start[i])}; };
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}
}  // namespace detail

// Eight bytes at a time: each word, multiplied apart, is folded into the state by an xor, a
// rotation and one multiply, so a word costs one multiply of waiting (a full mix per word made
// hashing a Message-ID several times slower); the SplitMix64 finaliser spreads the result.
inline uint64_t hash64(std::string_view text, uint64_t seed = 0) {
  constexpr uint64_t kOdd1 = 0x9E3779B97F4A7C15ull, kOdd2 = 0xBF58476D1CE4E5B9ull;
  auto fold = [](uint64_t h, uint64_t word) { return std::rotl(h ^ (word * kOdd2), 29) * kOdd1; };
  uint64_t h = seed ^ (text.size() * kOdd1);
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) h = fold(h, load64(p));
  h = fold(h, detail::last_bytes(text, n) ^ (uint64_t{n} << 56));
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

}  // namespace mailflow
