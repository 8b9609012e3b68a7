// Asks the memory system for the cache line at `address` ahead of its use: a large table misses the
// cache on nearly every lookup, and several misses started together overlap instead of queueing.
#pragma once

namespace mailflow {

inline void prefetch_memory(const void* address) {
#if defined(__wasm__)
  // Wasm has no prefetch instruction: a load whose value is dropped starts the same miss, and the
  // processor goes on with the independent work after it while the line arrives.
  (void)*static_cast<const volatile char*>(address);
#else
  __builtin_prefetch(address);
#endif
}

}  // namespace mailflow
