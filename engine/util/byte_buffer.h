// A buffer of a file's bytes as read, handed between the shell and a file's parse thread or ranges
// (Session::feed). Its bytes start on a cache line: read(2) into a buffer 16 bytes past a page
// boundary, where malloc puts a large block, copied at a third of the speed (100 MB: 48 against
// 15 ms on the AMD EPYC machines these figures come from; docs/profile-native.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <utility>
#include <vector>

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
  // resize() leaves the new bytes as they are, not zeroed: every buffer is written before it is
  // read (a chunk by read(2), a decoded chunk by the decoder), and zeroing 4 MB it was about to
  // overwrite was a memset that also first-touched every page.
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

using ByteBuffer = std::vector<uint8_t, CacheLineAllocator<uint8_t>>;

// Reads a file's next chunk into `buffer` (resized as it needs) and gives its size; 0 at the end.
using ReadChunkFn = std::function<size_t(ByteBuffer& buffer)>;

}  // namespace mailflow
