// The shell's read buffers start on a cache line, whatever their size and however they grew: read(2)
// into one 16 bytes past a page boundary (where malloc puts a large block) copied at a third of the
// speed (util/byte_buffer.h).
#include <gtest/gtest.h>

#include <cstdint>

#include "util/byte_buffer.h"

namespace mailflow {
namespace {

bool on_cache_line(const ByteBuffer& buffer) { return reinterpret_cast<uintptr_t>(buffer.data()) % 64 == 0; }

TEST(ByteBuffer, StartsOnACacheLineAtEverySize) {
  for (size_t size : {size_t{1}, size_t{17}, size_t{4096}, size_t{128} << 10, size_t{4} << 20}) {
    ByteBuffer buffer(size);
    EXPECT_TRUE(on_cache_line(buffer)) << size;
  }
  ByteBuffer grown;
  for (int i = 0; i < 100000; ++i) {
    grown.push_back(static_cast<uint8_t>(i));
    ASSERT_TRUE(on_cache_line(grown)) << grown.size();
  }
  const ByteBuffer moved = std::move(grown);
  EXPECT_TRUE(on_cache_line(moved));
  EXPECT_EQ(moved.size(), 100000u);
  EXPECT_EQ(moved[99999], static_cast<uint8_t>(99999));
}

}  // namespace
}  // namespace mailflow
