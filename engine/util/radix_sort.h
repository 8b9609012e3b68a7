// Sorts (key, value) pairs by key, keeping the order of equal keys: a least-significant-digit
// radix sort a byte at a time, skipping the bytes in which every key agrees (the partner cells' high
// bytes, a month of days, barely vary): their places sort in half the time std::sort takes.
#pragma once

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace mailflow {

// `scratch` is the sort's room, kept between calls by a caller sorting many small vectors.
template <class Value>
void radix_sort_by_key(std::vector<std::pair<uint64_t, Value>>& items, std::vector<std::pair<uint64_t, Value>>& scratch) {
  scratch.resize(items.size());
  std::array<std::array<size_t, 256>, 8> counts{};
  for (const auto& item : items)
    for (size_t b = 0; b < 8; ++b) ++counts[b][(item.first >> (8 * b)) & 0xFF];
  for (size_t b = 0; b < 8; ++b) {
    std::array<size_t, 256>& starts = counts[b];
    if (!items.empty() && starts[(items.front().first >> (8 * b)) & 0xFF] == items.size()) continue;
    size_t at = 0;
    for (size_t& count : starts) at += std::exchange(count, at);
    for (const auto& item : items) scratch[starts[(item.first >> (8 * b)) & 0xFF]++] = item;
    items.swap(scratch);
  }
}

}  // namespace mailflow
