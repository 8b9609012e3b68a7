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

inline void prefetch_line(const void* address) {
#ifdef __wasm__
  (void)*static_cast<const volatile uint8_t*>(address);
#else
  __builtin_prefetch(address);
#endif
}

}  // namespace mailflow
