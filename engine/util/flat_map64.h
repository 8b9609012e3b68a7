// A map from 64-bit keys to values, for the engine's per-message and per-host tables. Entries (a key
// beside its value: one cache line to check and update) sit densely (walking them is a linear
// scan), and an open-addressing index of 64-bit slots finds them: no allocation per entry, and less
// memory than std::unordered_map's nodes. Pointers returned by find() are valid until the next
// insertion or erasure.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "util/prefetch.h"

namespace mailflow {

template <class V>
class FlatMap64 {
 public:
  FlatMap64() = default;
  // A copy keeps the room its original had: a snapshot's copy of a large map that is then added
  // to would otherwise move every entry to grow.
  FlatMap64(const FlatMap64& other)
      : slots_(other.slots_), mask_(other.mask_), shift_(other.shift_), indexed_(other.indexed_) {
    entries_.reserve(other.entries_.capacity());
    entries_.assign(other.entries_.begin(), other.entries_.end());
  }
  FlatMap64(FlatMap64&&) noexcept = default;
  FlatMap64& operator=(const FlatMap64& other) { return *this = FlatMap64(other); }
  FlatMap64& operator=(FlatMap64&&) noexcept = default;

  // (Entries append()ed since the last index_appended() are not found.)
  V* find(uint64_t key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  const V* find(uint64_t key) const {
    const uint32_t index = slot_of(key);
    return index ? &entries_[index - 1].value : nullptr;
  }

  // A lookup in a large map waits for memory twice (its slot, then its entry). A caller that knows
  // its keys ahead asks for the slot a few keys ahead, then, once that has arrived, for the entry.
  // (Wasm has no prefetch: a load whose value is dropped instead measured no faster.)
  void prefetch_slot(uint64_t key) const {
    if (!slots_.empty()) native_prefetch(&slots_[home(mixed(key))]);
  }
  void prefetch_entry(uint64_t key) const {
    if (const uint32_t index = slot_of(key, false)) native_prefetch(&entries_[index - 1]);
  }

  // Adds `key`, which must be absent (every caller has just looked for it: no second probe).
  V& insert(uint64_t key, const V& value) {
    index_appended();
    reserve(entries_.size() + 1);
    entries_.push_back({key, value});
    place(slot_value(mixed(key), static_cast<uint32_t>(entries_.size())));
    indexed_ = entries_.size();
    return entries_.back().value;
  }
  // Adds `key`, which must be absent, without making it findable yet: a large map filled in bulk and
  // seldom asked writes its entries in order, and finds them only once index_appended() placed
  // them (a cache miss per entry, paid only if it is ever asked).
  void append(uint64_t key, const V& value) { entries_.push_back({key, value}); }
  void index_appended() {
    if (indexed_ == entries_.size()) return;
    reserve(entries_.size());
    for (size_t i = indexed_; i < entries_.size(); ++i)
      place(slot_value(mixed(entries_[i].key), static_cast<uint32_t>(i + 1)));
    indexed_ = entries_.size();
  }

  // Makes room for `count` entries at once (index_appended() grows once for all it places).
  void reserve(size_t count) {
    if (count * 4 <= slots_.size() * 3) return;
    size_t capacity = slots_.empty() ? 64 : slots_.size();
    while (count * 4 > capacity * 3) capacity *= 2;
    entries_.reserve(count);
    grow(capacity);
  }

  // pred(key, value), called in insertion order: true to erase. The rest keep their order.
  template <class Pred>
  void erase_if(Pred pred) {
    size_t kept = 0;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (pred(entries_[i].key, entries_[i].value)) continue;
      if (kept != i) entries_[kept] = std::move(entries_[i]);
      ++kept;
    }
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(kept), entries_.end());
    if (!slots_.empty()) rebuild(slots_.size());
  }

  template <class F>  // f(key, value), in insertion order
  void for_each(F&& f) const {
    for (const Entry& e : entries_) f(e.key, e.value);
  }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Empties the map, keeping its memory.
  void clear() {
    entries_.clear();
    indexed_ = 0;
    std::fill(slots_.begin(), slots_.end(), 0);
  }

 private:
  // Keys need not be hashes (packed ids are fine): mixed before use. The high 32 bits of the mix
  // are kept in the slot beside the entry's index, so that a probe passes the other keys of a
  // crowded run without reading their entries (a cache miss each); its top bits pick the home slot,
  // so that growing walks the old slots in order and writes the new ones nearly in order too,
  // without reading an entry (a large map's rebuild was a cache miss per entry). Two multiplies:
  // with one, the top bits came from it alone, and packed cells of a few endpoints formed probe
  // runs of 20-50 slots (docs/profile-native.md).
  static uint64_t mixed(uint64_t key) {
    key *= 0x9E3779B97F4A7C15ull;
    key ^= key >> 32;
    return key * 0xFF51AFD7ED558CCDull;
  }
  static uint64_t slot_value(uint64_t mix, uint32_t index) { return (mix & ~uint64_t{0xFFFFFFFF}) | index; }
  // The index + 1 of `key`'s entry, or 0 when absent. Unchecked: the first entry whose slot bears
  // the key's high bits (what a prefetch needs; exact except for one key in 2^32 of a run).
  uint32_t slot_of(uint64_t key, bool checked = true) const {
    if (slots_.empty()) return 0;
    const uint64_t mix = mixed(key);
    for (size_t i = home(mix);; i = (i + 1) & mask_) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return 0;
      if ((slot ^ mix) >> 32 != 0) continue;
      const auto index = static_cast<uint32_t>(slot);
      if (!checked || entries_[index - 1].key == key) return index;
    }
  }
  size_t home(uint64_t mix_or_slot) const { return static_cast<size_t>(mix_or_slot >> shift_); }
  void place(uint64_t slot) {
    size_t i = home(slot);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void grow(size_t capacity) {
    std::vector<uint64_t> old(capacity, 0);
    old.swap(slots_);
    set_capacity(capacity);
    for (uint64_t slot : old)
      if (slot != 0) place(slot);
  }
  void rebuild(size_t capacity) {  // after entries moved: their indices changed
    slots_.assign(capacity, 0);
    set_capacity(capacity);
    for (size_t i = 0; i < entries_.size(); ++i) place(slot_value(mixed(entries_[i].key), static_cast<uint32_t>(i + 1)));
    indexed_ = entries_.size();
  }
  void set_capacity(size_t capacity) {  // a power of two, up to 2^32
    mask_ = capacity - 1;
    shift_ = 64 - std::countr_zero(capacity);
  }

  struct Entry {
    uint64_t key;
    V value;
  };
  std::vector<Entry> entries_;
  std::vector<uint64_t> slots_;  // high 32 bits of the mixed key | index + 1 into entries_; 0 = empty;
                                 // a power of two
  size_t mask_ = 0;
  int shift_ = 64;  // home(mix) = its top log2(capacity) bits
  size_t indexed_ = 0;  // entries placed in slots_; the rest were append()ed since
};

}  // namespace mailflow
