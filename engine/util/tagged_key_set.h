// A set of 64-bit hashes that each carry a small tag, in 8 bytes per key: the top 56 bits of a
// hash are its identity (a collision needs ~2^28 distinct keys) and the low 8 bits hold the tag.
//
// 256 open-addressing tables (linear probing), chosen by the top 8 bits, each doubling when 4/5
// full: about 14 bytes per key on average, and growing one table at a time never holds more than
// 1/256 of the set twice (one big table would briefly need 3 times its size). Grown by half, a
// key was moved twice on average instead of once, and the tables ran fuller: a million new keys
// took 106-121 ms natively and 129-173 ms in wasm against 75-91 and 104-142 doubling (12 bytes a
// key then).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/prefetch.h"

namespace mailflow {

class TaggedKeySet {
 public:
  // The tag stored with `key` (1..255), or 0 when the key is absent.
  uint8_t find(uint64_t key) const {
    const Part& part = parts_[key >> 56];
    if (part.slots.empty()) return 0;
    for (size_t i = part.home(key);; i = part.next(i)) {
      const uint64_t slot = part.slots[i];
      if (slot == 0) return 0;
      if ((slot ^ key) >> 8 == 0) return static_cast<uint8_t>(slot);
    }
  }

  // Asks the memory system for the cache line `key` will be looked up in (a large set misses the
  // cache on nearly every lookup; other work can hide that wait).
  void prefetch(uint64_t key) const {
    const Part& part = parts_[key >> 56];
    if (!part.slots.empty()) prefetch_line(&part.slots[part.home(key)]);
  }

  // Adds `key` with `tag` (1..255), or gives a key already there the new tag.
  void insert(uint64_t key, uint8_t tag) {
    Part& part = grown_for_one_more(key);
    for (size_t i = part.home(key);; i = part.next(i)) {
      if (part.slots[i] == 0) ++part.size;
      if (part.slots[i] == 0 || (part.slots[i] ^ key) >> 8 == 0) {
        part.slots[i] = (key & ~uint64_t{0xFF}) | tag;
        return;
      }
    }
  }

  // The tag of `key` when it is there; otherwise adds it with `tag` and returns 0. One probe of
  // the table where find() and insert() would take two.
  uint8_t find_or_insert(uint64_t key, uint8_t tag) {
    Part& part = grown_for_one_more(key);
    for (size_t i = part.home(key);; i = part.next(i)) {
      const uint64_t slot = part.slots[i];
      if (slot == 0) {
        part.slots[i] = (key & ~uint64_t{0xFF}) | tag;
        ++part.size;
        return 0;
      }
      if ((slot ^ key) >> 8 == 0) return static_cast<uint8_t>(slot);
    }
  }

  template <class Pred>  // pred(tag): true to erase the key
  void erase_if(Pred pred) {
    for (Part& part : parts_) {
      std::vector<uint64_t> old;
      old.swap(part.slots);
      part.slots.assign(old.size(), 0);
      part.size = 0;
      for (uint64_t slot : old)
        if (slot != 0 && !pred(static_cast<uint8_t>(slot))) part.place(slot);
    }
  }

  size_t size() const {
    size_t n = 0;
    for (const Part& part : parts_) n += part.size;
    return n;
  }

 private:
  struct Part {
    std::vector<uint64_t> slots;  // 0 = empty; else key's top 56 bits | tag
    size_t size = 0;

    // Any table size works: the home is 32 bits of the key below the part's 8, scaled to the size.
    size_t home(uint64_t key) const { return static_cast<size_t>((((key >> 24) & 0xFFFFFFFFu) * slots.size()) >> 32); }
    size_t next(size_t i) const { return i + 1 == slots.size() ? 0 : i + 1; }
    void place(uint64_t slot) {  // a slot value of a key not in the table
      size_t i = home(slot);
      while (slots[i] != 0) i = next(i);
      slots[i] = slot;
      ++size;
    }
    void resize(size_t capacity) {
      std::vector<uint64_t> old;
      old.swap(slots);
      slots.assign(capacity, 0);
      size = 0;
      for (uint64_t slot : old)
        if (slot != 0) place(slot);
    }
  };
  Part& grown_for_one_more(uint64_t key) {
    Part& part = parts_[key >> 56];
    if ((part.size + 1) * 5 > part.slots.size() * 4) [[unlikely]] grow(part);
    return part;
  }
  // Apart, so that the lookup above stays small enough to be inlined where it is used (in wasm
  // the growth inlined into it made it a call of its own for every new key).
  [[gnu::noinline]] static void grow(Part& part) { part.resize(part.slots.size() < 64 ? 64 : part.slots.size() * 2); }

  std::array<Part, 256> parts_;
};

}  // namespace mailflow
