// A 64-bit string hash of our own, the same on every platform. std::hash<std::string_view> is
// 32 bits on wasm32, where message keys would start to collide after ~65,000 messages.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace mailflow {

// Eight bytes at a time, each word mixed with a multiply-xorshift step (constants from the
// SplitMix64 finaliser); good spread for short keys such as Message-IDs.
inline uint64_t hash64(std::string_view text, uint64_t seed = 0) {
  auto mix = [](uint64_t x) {
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 31);
  };
  uint64_t h = mix(seed ^ (text.size() * 0x9E3779B97F4A7C15ull));
  const char* p = text.data();
  size_t n = text.size();
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = mix(h ^ word) + 0x9E3779B97F4A7C15ull;
  }
  uint64_t tail = 0;
  if (n) std::memcpy(&tail, p, n);  // an empty view may have no data pointer at all
  return mix(h ^ tail ^ (uint64_t{n} << 56));
}

}  // namespace mailflow
