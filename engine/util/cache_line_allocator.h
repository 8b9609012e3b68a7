// An allocator for scratch buffers: their memory starts on a cache line, and growing them does not
// zero it (util/byte_buffer.h, csv/csv_tokenizer.h).
#pragma once

#include <cstddef>
#include <new>
#include <utility>

namespace mailflow {

template <class T>
struct CacheLineAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};

  CacheLineAllocator() = default;
  template <class U>
  CacheLineAllocator(const CacheLineAllocator<U>&) {}

  T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, size_t) { ::operator delete(p, kAlignment); }
  // resize() leaves the new elements as they are, not zeroed: every such buffer is written before
  // it is read, and zeroing what it was about to overwrite was a memset that also first-touched
  // every page (4 MB a read chunk; the CSV tokenizer's 256 KB of separator offsets, made again by
  // each sniffer for every file).
  template <class U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <class U>
  bool operator==(const CacheLineAllocator<U>&) const { return true; }
};

}  // namespace mailflow
