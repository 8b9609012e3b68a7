// Whether a 64-bit hash may be in a small set that changes as rows come: one bit per key in a
// table of 2^16 bits (8 KB, which stays in the L1 cache). A clear bit says "surely absent" without
// the set's own slot array, a cache miss once that outgrows L1 (the message table's open messages,
// 4,096 to 8,191 of them in 128 KB of slots, asked for every row of a new message). A bit stays set
// when its key leaves: the owner rebuilds the filter from what is left after removing keys.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace mailflow {

class KeyFilter {
 public:
  bool may_hold(uint64_t key) const { return (words_[word(key)] & bit(key)) != 0; }
  void add(uint64_t key) { words_[word(key)] |= bit(key); }
  void clear() { words_.fill(0); }

 private:
  // The key is a hash: its low 16 bits pick the bit.
  static size_t word(uint64_t key) { return static_cast<size_t>((key >> 6) & (kWords - 1)); }
  static uint64_t bit(uint64_t key) { return uint64_t{1} << (key & 63); }

  static constexpr size_t kWords = (size_t{1} << 16) / 64;
  std::array<uint64_t, kWords> words_{};
};

}  // namespace mailflow
