// A buffer of a file's bytes as read, handed between the shell and a file's parse thread or ranges
// (Session::feed). Its bytes start on a cache line: read(2) into a buffer 16 bytes past a page
// boundary, where malloc puts a large block, copied at a third of the speed (100 MB: 48 against
// 15 ms on the AMD EPYC machines these figures come from; docs/profile-native.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "util/cache_line_allocator.h"

namespace mailflow {

using ByteBuffer = std::vector<uint8_t, CacheLineAllocator<uint8_t>>;

// Reads a file's next chunk into `buffer` (resized as it needs) and gives its size; 0 at the end.
using ReadChunkFn = std::function<size_t(ByteBuffer& buffer)>;

}  // namespace mailflow
