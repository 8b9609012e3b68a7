// memcpy and memset as single bulk-memory instructions (memory.copy, memory.fill), in place of
// Emscripten 3.1.6's libc ones, which are built without bulk memory: its memcpy calls out to
// JavaScript for 512 bytes and more, its memset is a loop. libc++'s string members, compiled into
// that libc++, copy and fill through them (a UTF-16 report's decoding and its CSV records: 7% of
// the wasm shell's time on the benchmark's Extended report). Native builds keep their libc's.
#if defined(__EMSCRIPTEN__) && defined(__wasm_bulk_memory__)

#include <cstddef>

extern "C" {

void* memcpy(void* __restrict destination, const void* __restrict source, size_t size) {
  __builtin_memcpy(destination, source, size);
  return destination;
}

void* memset(void* destination, int value, size_t size) {
  __builtin_memset(destination, value, size);
  return destination;
}

}  // extern "C"

#endif
