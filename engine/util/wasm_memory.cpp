// memcpy and memset as single bulk-memory instructions (memory.copy, memory.fill), and memchr and
// memcmp 16 bytes at a time, in place of Emscripten 3.1.6's libc ones, which are built without
// bulk memory or SIMD: its memcpy calls out to JavaScript for 512 bytes and more, its memset,
// memchr and memcmp are loops over bytes. libc++'s string members, compiled into that libc++, go
// through them (a UTF-16 report's decoding and its CSV records: 7% of the wasm shell's time on the
// benchmark's Extended report; finding line ends and fields in a mail log: memchr and memcmp were
// 28–32% of it on the benchmark's Postfix and Exim logs). Native builds keep their libc's.
#if defined(__EMSCRIPTEN__) && defined(__wasm_bulk_memory__)

#include <cstddef>
#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

extern "C" {

void* memcpy(void* __restrict destination, const void* __restrict source, size_t size) {
  __builtin_memcpy(destination, source, size);
  return destination;
}

void* memset(void* destination, int value, size_t size) {
  __builtin_memset(destination, value, size);
  return destination;
}

#if defined(__wasm_simd128__)
// Whole blocks only while 16 bytes remain (a load past the end of the memory would trap).
void* memchr(const void* bytes, int value, size_t size) {
  const auto* p = static_cast<const unsigned char*>(bytes);
  const auto byte = static_cast<unsigned char>(value);
  const v128_t wanted = wasm_i8x16_splat(static_cast<int8_t>(byte));
  for (; size >= 16; p += 16, size -= 16)
    if (const uint32_t found = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(p), wanted)))
      return const_cast<unsigned char*>(p + __builtin_ctz(found));
  for (; size > 0; ++p, --size)
    if (*p == byte) return const_cast<unsigned char*>(p);
  return nullptr;
}

int memcmp(const void* left, const void* right, size_t size) {
  const auto* a = static_cast<const unsigned char*>(left);
  const auto* b = static_cast<const unsigned char*>(right);
  for (; size >= 16; a += 16, b += 16, size -= 16) {
    const uint32_t same = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(a), wasm_v128_load(b)));
    if (same != 0xFFFFu) {
      const int at = __builtin_ctz(~same);
      return a[at] - b[at];
    }
  }
  for (; size > 0; ++a, ++b, --size)
    if (*a != *b) return *a - *b;
  return 0;
}
#endif

}  // extern "C"

#endif
