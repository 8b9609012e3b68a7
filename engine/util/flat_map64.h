// A map from 64-bit keys to values, for the engine's per-message and per-host tables. Values sit
// densely (walking them is a linear scan), and an open-addressing index of 32-bit slots finds
// them: no allocation per entry, about a third of the memory of std::unordered_map. Pointers
// returned by find() are valid until the next insertion or erasure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace mailflow {

template <class V>
class FlatMap64 {
 public:
  V* find(uint64_t key) { return const_cast<V*>(std::as_const(*this).find(key)); }
  const V* find(uint64_t key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      const uint32_t slot = slots_[i];
      if (slot == 0) return nullptr;
      if (keys_[slot - 1] == key) return &values_[slot - 1];
    }
  }

  // Adds `key`, which must be absent (every caller has just looked for it: no second probe).
  V& insert(uint64_t key, const V& value) {
    if ((keys_.size() + 1) * 4 > slots_.size() * 3) grow();
    keys_.push_back(key);
    values_.push_back(value);
    place(key, static_cast<uint32_t>(keys_.size()));
    return values_.back();
  }

  // pred(key, value), called in insertion order: true to erase. The rest keep their order.
  template <class Pred>
  void erase_if(Pred pred) {
    size_t kept = 0;
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (pred(keys_[i], values_[i])) continue;
      keys_[kept] = keys_[i];
      values_[kept] = std::move(values_[i]);
      ++kept;
    }
    keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(kept), keys_.end());
    values_.erase(values_.begin() + static_cast<std::ptrdiff_t>(kept), values_.end());
    if (!slots_.empty()) rebuild(slots_.size());
  }

  template <class F>  // f(key, value), in insertion order
  void for_each(F&& f) const {
    for (size_t i = 0; i < keys_.size(); ++i) f(keys_[i], values_[i]);
  }
  size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }

 private:
  // Keys need not be hashes (packed ids are fine): mix them before taking the low bits.
  size_t home(uint64_t key) const {
    key ^= key >> 33;
    key *= 0xFF51AFD7ED558CCDull;
    key ^= key >> 33;
    return static_cast<size_t>(key) & mask_;
  }
  void place(uint64_t key, uint32_t slot) {
    size_t i = home(key);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void grow() { rebuild(slots_.empty() ? 64 : slots_.size() * 2); }
  void rebuild(size_t capacity) {
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (size_t i = 0; i < keys_.size(); ++i) place(keys_[i], static_cast<uint32_t>(i + 1));
  }

  std::vector<uint64_t> keys_;
  std::vector<V> values_;
  std::vector<uint32_t> slots_;  // index + 1 into keys_/values_; 0 = empty; size a power of two
  size_t mask_ = 0;
};

}  // namespace mailflow
