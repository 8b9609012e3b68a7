// A direct-mapped memo in front of a table of names: the few names a log repeats on nearly every
// row (its connectors) are found by their size and three of their bytes and one compare, without
// hashing the whole name and probing a map.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "util/text.h"

namespace mailflow {

// One of 2^kBits slots for a name, from its size and three of its bytes (no hash of all of it),
// picked by a multiply's top bits: for a direct-mapped memo of the few names a log repeats.
template <unsigned kBits>
size_t sampled_slot(std::string_view name) {
  if (name.empty()) return 0;
  const auto byte = [&](size_t i) { return uint64_t{static_cast<uint8_t>(name[i])}; };
  const uint64_t sample = (name.size() & 0xFF) | byte(0) << 8 | byte(name.size() / 2) << 16 | byte(name.size() - 1) << 24;
  return static_cast<size_t>((sample * 0x9E3779B97F4A7C15ull) >> (64 - kBits));
}

class NameMemo {
 public:
  static constexpr uint32_t kNone = ~uint32_t{0};

  // The number last put for `name`, or kNone. `name_of(number)` gives the name a number stands
  // for (the memo keeps numbers only: a table's names may move as it grows).
  template <class NameOf>
  uint32_t find(std::string_view name, NameOf name_of) const {
    const uint32_t number = slots_[slot(name)];
    return number != kNone && same_name(name_of(number), name) ? number : kNone;
  }
  void put(std::string_view name, uint32_t number) { slots_[slot(name)] = number; }
  void clear() { slots_.fill(kNone); }

 private:
  // 256 slots, picked by a multiply's top bits: with 32 and a sum of the bytes, two of a bench
  // file's three most common connectors shared a slot and put each other out on every other row.
  static constexpr size_t kSlots = 256;
  static size_t slot(std::string_view name) { return sampled_slot<8>(name); }

  std::array<uint32_t, kSlots> slots_ = [] {
    std::array<uint32_t, kSlots> empty;
    empty.fill(kNone);
    return empty;
  }();
};

}  // namespace mailflow
