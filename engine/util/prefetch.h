// Asks for the cache line at `address` ahead of its use, so that the wait for memory overlaps other
// work. Natively a prefetch instruction. Wasm has none: there it is a load whose value is dropped,
// which the CPU waits for like any load, so it pays only when several are made in a row (their
// waits then overlap), not one ahead of each use.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mailflow {

// Lines asked for together (about what a core keeps waiting at once).
inline constexpr size_t kPrefetchGroup = 8;

// Whether native_prefetch below is an instruction (not in wasm): work done only to find what to
// prefetch is left out where it would buy nothing.
#ifdef __wasm__
inline constexpr bool kNativePrefetch = false;
#else
inline constexpr bool kNativePrefetch = true;
#endif

// A prefetch instruction natively; nothing in wasm, which has none.
inline void native_prefetch([[maybe_unused]] const void* address) {
#ifndef __wasm__
  __builtin_prefetch(address);
  // GCC 12 takes a function that only prefetches for one without effects (its pure-const pass) and
  // drops calls to it once it is not inlined first: every prefetch made through a helper vanished.
  // An empty volatile asm is an effect no pass removes, and costs no instruction.
  asm volatile("" : : "r"(address));
#endif
}

inline void prefetch_line(const void* address) {
#ifdef __wasm__
  (void)*static_cast<const volatile uint8_t*>(address);
#else
  native_prefetch(address);
#endif
}

}  // namespace mailflow
