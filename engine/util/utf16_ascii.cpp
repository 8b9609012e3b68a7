#include "util/utf16_ascii.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace mailflow {

namespace {
// Bits that must be clear in a 16-bit lane, as loaded little-endian, for the unit to be ASCII.
constexpr uint16_t kNonAsciiLe = 0xFF80, kNonAsciiBe = 0x80FF;
constexpr size_t kSimdUnits = 16;  // two 16-byte vectors narrowed into one
}  // namespace

size_t narrow_ascii_utf16_swar(const uint8_t* in, size_t units, bool little_endian, char* out) {
  constexpr uint64_t kLowBytes = 0x00FF00FF00FF00FFull;
  size_t done = 0;
  for (; done + 4 <= units; done += 4) {
    uint64_t word;
    std::memcpy(&word, in + 2 * done, sizeof word);
    if (!little_endian) word = ((word & kLowBytes) << 8) | ((word >> 8) & kLowBytes);
    if (word & 0xFF80FF80FF80FF80ull) break;
    word = (word | (word >> 8)) & 0x0000FFFF0000FFFFull;
    const auto four = static_cast<uint32_t>(word | (word >> 16));
    std::memcpy(out + done, &four, sizeof four);
  }
  return done;
}

#if defined(__SSE2__)
size_t narrow_ascii_utf16(const uint8_t* in, size_t units, bool little_endian, char* out) {
  const __m128i non_ascii = _mm_set1_epi16(static_cast<short>(little_endian ? kNonAsciiLe : kNonAsciiBe));
  const __m128i zero = _mm_setzero_si128();
  size_t done = 0;
  for (; done + kSimdUnits <= units; done += kSimdUnits) {
    __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 2 * done));
    __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + 2 * done + 16));
    const __m128i flagged = _mm_and_si128(_mm_or_si128(low, high), non_ascii);
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(flagged, zero)) != 0xFFFF) break;
    if (!little_endian) {
      low = _mm_srli_epi16(low, 8);
      high = _mm_srli_epi16(high, 8);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + done), _mm_packus_epi16(low, high));
  }
  return done + narrow_ascii_utf16_swar(in + 2 * done, units - done, little_endian, out + done);
}
#elif defined(__wasm_simd128__)
size_t narrow_ascii_utf16(const uint8_t* in, size_t units, bool little_endian, char* out) {
  const v128_t non_ascii = wasm_i16x8_splat(static_cast<int16_t>(little_endian ? kNonAsciiLe : kNonAsciiBe));
  size_t done = 0;
  for (; done + kSimdUnits <= units; done += kSimdUnits) {
    v128_t low = wasm_v128_load(in + 2 * done);
    v128_t high = wasm_v128_load(in + 2 * done + 16);
    if (wasm_v128_any_true(wasm_v128_and(wasm_v128_or(low, high), non_ascii))) break;
    if (!little_endian) {
      low = wasm_u16x8_shr(low, 8);
      high = wasm_u16x8_shr(high, 8);
    }
    wasm_v128_store(out + done, wasm_u8x16_narrow_i16x8(low, high));
  }
  return done + narrow_ascii_utf16_swar(in + 2 * done, units - done, little_endian, out + done);
}
#else
size_t narrow_ascii_utf16(const uint8_t* in, size_t units, bool little_endian, char* out) {
  return narrow_ascii_utf16_swar(in, units, little_endian, out);
}
#endif

}  // namespace mailflow
