// A set of 64-bit hashes that each carry a small tag, in 8 bytes per key: the top 56 bits of a
// hash are its identity (a collision needs ~2^28 distinct keys) and the low 8 bits hold the tag.
// Open addressing with linear probing; the table grows by half when 4/5 full, so it stays between
// about 53% and 80% full (8 / 0.65 ≈ 12 bytes per key on average).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mailflow {

class TaggedKeySet {
 public:
  // The tag stored with `key` (1..255), or 0 when the key is absent.
  uint8_t find(uint64_t key) const {
    if (slots_.empty()) return 0;
    for (size_t i = home(key);; i = next(i)) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return 0;
      if ((slot ^ key) >> 8 == 0) return static_cast<uint8_t>(slot);
    }
  }

  // Adds `key` with `tag` (1..255) unless it is there already.
  void insert(uint64_t key, uint8_t tag) {
    if ((size_ + 1) * 5 > slots_.size() * 4) resize(slots_.size() < 1024 ? 1024 : slots_.size() / 2 * 3);
    for (size_t i = home(key);; i = next(i)) {
      if (slots_[i] == 0) {
        slots_[i] = (key & ~uint64_t{0xFF}) | tag;
        ++size_;
        return;
      }
      if ((slots_[i] ^ key) >> 8 == 0) return;
    }
  }

  void erase_tag(uint8_t tag) {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size(), 0);
    size_ = 0;
    for (uint64_t slot : old)
      if (slot != 0 && static_cast<uint8_t>(slot) != tag) insert(slot, static_cast<uint8_t>(slot));
  }

  size_t size() const { return size_; }

 private:
  // Any table size works: the home is the top 32 bits scaled to it (no power of two needed).
  size_t home(uint64_t key) const { return static_cast<size_t>(((key >> 32) * slots_.size()) >> 32); }
  size_t next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
  void resize(size_t capacity) {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(capacity, 0);
    size_ = 0;
    for (uint64_t slot : old)
      if (slot != 0) insert(slot, static_cast<uint8_t>(slot));
  }

  std::vector<uint64_t> slots_;  // 0 = empty; else key's top 56 bits | tag
  size_t size_ = 0;
};

}  // namespace mailflow
