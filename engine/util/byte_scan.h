// Finds given byte values 16 bytes at a time, as a bit mask (bit i: byte i matches). Uses SSE2
// natively on x86-64, Wasm SIMD when built with -msimd128, and otherwise SWAR on two 64-bit words,
// which is also kept in every build so tests can compare the two.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mailflow::byte_scan {

static_assert(std::endian::native == std::endian::little, "byte masks assume little-endian loads");

inline constexpr size_t kBlockBytes = 16;

// Portable: each 64-bit word is compared bytewise without branches.
class SwarBlock {
 public:
  explicit SwarBlock(const char* bytes) { std::memcpy(words_, bytes, sizeof words_); }
  uint32_t match(char byte) const { return word_match(words_[0], byte) | (word_match(words_[1], byte) << 8); }

 private:
  static uint32_t word_match(uint64_t word, char byte) {
    constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
    const uint64_t diff = word ^ (0x0101010101010101ull * static_cast<uint8_t>(byte));
    // 0x80 in exactly the bytes where diff is zero (no carries between bytes).
    const uint64_t zero_bytes = ~(((diff & kLow7) + kLow7) | diff | kLow7);
    // Gathers bit 7 of each byte into the top byte, byte 0 lowest.
    return static_cast<uint32_t>(((zero_bytes >> 7) * 0x0102040810204080ull) >> 56);
  }
  uint64_t words_[2];
};

#if defined(__SSE2__)
class SimdBlock {
 public:
  explicit SimdBlock(const char* bytes) : bytes_(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes))) {}
  uint32_t match(char byte) const {
    return static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes_, _mm_set1_epi8(byte))));
  }

 private:
  __m128i bytes_;
};
#elif defined(__wasm_simd128__)
class SimdBlock {
 public:
  explicit SimdBlock(const char* bytes) : bytes_(wasm_v128_load(bytes)) {}
  uint32_t match(char byte) const { return wasm_i8x16_bitmask(wasm_i8x16_eq(bytes_, wasm_i8x16_splat(byte))); }

 private:
  v128_t bytes_;
};
#else
using SimdBlock = SwarBlock;
#endif

// The block type the engine scans with.
using Block = SimdBlock;

// 64 bytes as four blocks: one bit mask per byte value looked for.
struct Block64 {
  Block blocks[4];
  explicit Block64(const char* bytes) : blocks{Block(bytes), Block(bytes + 16), Block(bytes + 32), Block(bytes + 48)} {}
  uint64_t match(char byte) const {
    return uint64_t{blocks[0].match(byte)} | uint64_t{blocks[1].match(byte)} << 16 |
           uint64_t{blocks[2].match(byte)} << 32 | uint64_t{blocks[3].match(byte)} << 48;
  }
};

// prefix_xor16 for a 64-bit mask.
inline uint64_t prefix_xor64(uint64_t bits) {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  bits ^= bits << 16;
  bits ^= bits << 32;
  return bits;
}

// Bit i set when an odd number of bits 0..i of `bits` are set: which bytes of a block lie inside
// quotes, given the quote mask.
inline uint32_t prefix_xor16(uint32_t bits) {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  return bits & 0xFFFFu;
}

// Set bits of a mask. std::popcount becomes a library call on x86-64 without -mpopcnt.
inline uint64_t popcount64(uint64_t bits) {
#if defined(__POPCNT__) || defined(__wasm__)
  return static_cast<uint64_t>(std::popcount(bits));
#else
  bits -= (bits >> 1) & 0x5555555555555555ull;
  bits = (bits & 0x3333333333333333ull) + ((bits >> 2) & 0x3333333333333333ull);
  bits = (bits + (bits >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return (bits * 0x0101010101010101ull) >> 56;
#endif
}
inline int popcount16(uint32_t bits) { return static_cast<int>(popcount64(bits & 0xFFFFu)); }

// The index of the first byte at or after `from` that `match(block)` marks (a mask as Block::match
// gives), or npos: 16 bytes at a time, inline. The last bytes of a text of 16 or more are looked
// at in its last block (overlapping bytes already seen), of a shorter one in a zero-padded copy, so
// `match` must not mark a zero byte. The copy is of fixed sizes: one of the tail's own size was a
// call to memcpy (in wasm a call out of the compiled code) for every short text.
template <class Match>
inline size_t find_first(std::string_view text, size_t from, Match match) {
  const char* const data = text.data();
  const size_t size = text.size();
  size_t at = from;
  for (; at + kBlockBytes <= size; at += kBlockBytes)
    if (const uint32_t found = match(Block(data + at))) return at + static_cast<size_t>(std::countr_zero(found));
  if (at >= size) return std::string_view::npos;
  const size_t rest = size - at;  // 1..15
  uint32_t found;
  if (size >= kBlockBytes) {
    found = match(Block(data + size - kBlockBytes)) >> (kBlockBytes - rest);  // the last `rest` bytes
  } else {
    char tail[kBlockBytes] = {};
    if (rest >= 8) {
      std::memcpy(tail, data + at, 8);
      std::memcpy(tail + rest - 8, data + size - 8, 8);
    } else {
      for (size_t i = 0; i < rest; ++i) tail[i] = data[at + i];
    }
    found = match(Block(tail)) & ((1u << rest) - 1);  // not the padding
  }
  return found ? at + static_cast<size_t>(std::countr_zero(found)) : std::string_view::npos;
}

// The index of the first `byte` in `text` at or after `from`, or npos. For bytes a few characters
// away (a log line's next field), where a call to memchr costs more than its search.
inline size_t find_byte(std::string_view text, char byte, size_t from = 0) {
  return find_first(text, from, [byte](const Block& block) { return block.match(byte); });
}

// The index of the first `needle` at or after `from`, or npos, as string_view::find: its first
// byte found 16 bytes at a time, the rest compared inline. For short needles in a log line (", ",
// ": ", a key); in wasm string_view::find is a call to memchr's and memcmp's byte loops.
inline size_t find_text(std::string_view text, std::string_view needle, size_t from = 0) {
  if (needle.empty()) return from <= text.size() ? from : std::string_view::npos;
  for (size_t at = find_byte(text, needle[0], from); at != std::string_view::npos; at = find_byte(text, needle[0], at + 1))
    if (starts_with_text(text.substr(at), needle)) return at;
  return std::string_view::npos;
}

}  // namespace mailflow::byte_scan
