// The engine's own hash tables and sort against the standard library, on random data.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <unordered_map>

#include "util/flat_map64.h"
#include "util/radix_sort.h"
#include "util/tagged_key_set.h"

namespace mailflow {
namespace {

TEST(FlatMap64, AgreesWithUnorderedMapAndKeepsInsertionOrder) {
  FlatMap64<int> map;
  std::unordered_map<uint64_t, int> reference;
  std::vector<uint64_t> order;  // keys in insertion order
  std::mt19937_64 random(42);
  for (int step = 1; step <= 200000; ++step) {
    const uint64_t key = random() % 5000;  // small key space: many hits and long probe chains
    if (step % 777 == 0) map.reserve(map.size() + random() % 3000);  // room made ahead changes nothing
    if (step % 1000 == 0) {  // erase a seventh of the keys
      const uint64_t residue = random() % 7;
      map.erase_if([&](uint64_t k, int) { return k % 7 == residue; });
      std::erase_if(reference, [&](const auto& item) { return item.first % 7 == residue; });
      std::erase_if(order, [&](uint64_t k) { return k % 7 == residue; });
    } else if (random() % 2) {
      map.index_appended();
      if (map.find(key)) continue;
      if (random() % 3) {
        EXPECT_EQ(map.insert(key, step), step);
      } else {  // found only once indexed (below, or by the next insert)
        map.append(key, step);
      }
      EXPECT_TRUE(reference.try_emplace(key, step).second);
      order.push_back(key);
    } else {
      map.index_appended();
      const int* found = map.find(key);
      const auto it = reference.find(key);
      ASSERT_EQ(found != nullptr, it != reference.end()) << step;
      if (found) EXPECT_EQ(*found, it->second);
    }
  }
  ASSERT_EQ(map.size(), reference.size());
  size_t index = 0;
  map.for_each([&](uint64_t key, int value) {
    ASSERT_LT(index, order.size());
    EXPECT_EQ(key, order[index++]);
    EXPECT_EQ(reference.at(key), value);
  });
}

TEST(FlatMap64, AppendedKeysAreFoundOnceIndexed) {
  FlatMap64<int> map;
  map.insert(1, 10);
  for (int key = 2; key <= 50000; ++key) map.append(key, key * 10);  // the map grows when indexed
  EXPECT_EQ(map.size(), 50000u);
  EXPECT_EQ(map.find(2), nullptr);  // not yet indexed
  map.index_appended();
  for (int key = 1; key <= 50000; ++key) ASSERT_EQ(*map.find(key), key * 10) << key;
  EXPECT_EQ(map.find(50001), nullptr);
  map.append(50001, 1);
  map.insert(50002, 2);  // an insertion indexes what was appended before it
  EXPECT_EQ(*map.find(50001), 1);
  EXPECT_EQ(*map.find(50002), 2);
}

TEST(FlatMap64, FindsEveryKeyAfterGrowingManyTimes) {
  // Growing re-places the slots from their own bits, without the entries: every key must still be
  // found, at every size the map passes through, whether it grew one key or a reserve() at a time.
  FlatMap64<uint64_t> map;
  std::vector<uint64_t> keys;
  std::mt19937_64 random(11);
  for (int batch = 0; batch < 60; ++batch) {
    const size_t count = 1 + random() % 10000;
    if (batch % 2) map.reserve(map.size() + count);
    for (size_t i = 0; i < count; ++i) {
      const uint64_t key = batch % 3 ? random() : keys.size();  // hashes and small packed ids
      if (map.find(key)) continue;
      map.insert(key, ~key);
      keys.push_back(key);
    }
    for (const uint64_t key : keys) {
      const uint64_t* value = map.find(key);
      ASSERT_NE(value, nullptr) << "batch " << batch;
      ASSERT_EQ(*value, ~key);
    }
  }
  EXPECT_EQ(map.size(), keys.size());
  for (int i = 0; i < 1000; ++i) {
    const uint64_t key = random();
    EXPECT_EQ(map.find(key) != nullptr, std::find(keys.begin(), keys.end(), key) != keys.end());
  }
}

TEST(TaggedKeySet, FindsEachKeysTagAndForgetsATag) {
  TaggedKeySet set;
  std::unordered_map<uint64_t, uint8_t> reference;
  std::mt19937_64 random(7);
  for (int i = 0; i < 100000; ++i) {
    const uint64_t key = random() & ~uint64_t{0xFF};  // the set keys on the top 56 bits
    const auto tag = static_cast<uint8_t>(1 + random() % 3);
    if (reference.try_emplace(key, tag).second) set.insert(key | (random() & 0xFF), tag);  // the low byte is no part of the key
  }
  EXPECT_EQ(set.size(), reference.size());
  for (const auto& [key, tag] : reference) ASSERT_EQ(set.find(key), tag);
  EXPECT_EQ(set.find(0x1234567800000000ull), 0);

  const uint64_t some_key = reference.begin()->first;
  set.insert(some_key, 9);  // a key already there takes the new tag
  EXPECT_EQ(set.find(some_key), 9);
  EXPECT_EQ(set.size(), reference.size());
  reference[some_key] = 9;

  set.erase_if([](uint8_t tag) { return tag == 2; });
  for (const auto& [key, tag] : reference) ASSERT_EQ(set.find(key), tag == 2 ? 0 : tag);
}

// The partners' JSON orders its cells so: keys that agree in some bytes (skipped) and differ in
// others, with repeats, which must keep their order as std::stable_sort keeps it. Other shapes of
// keys too: every byte varying, only the lowest, only the highest, and varying bytes with agreeing
// ones between them (skipped between two passes).
TEST(RadixSort, SortsAsStableSortDoes) {
  std::mt19937_64 random(7);
  const std::vector<std::function<uint64_t()>> shapes = {
      [&] { return uint64_t{20000 + random() % 30} << 41 | (random() % 64) << 20 | random() % 3; },
      [&] { return random(); },
      [&] { return uint64_t{0xABCD} << 32 | random() % 200; },
      [&] { return random() << 56 | 42; },
      [&] { return (random() % 3) << 60 | (random() % 5) << 8 | random() % 7; },
      [&] { return (random() % 3) << 60 | (random() % 5) << 16 | (random() % 9) << 8 | random() % 7; },
  };
  std::vector<std::pair<uint64_t, uint32_t>> scratch;  // kept between sorts, as a caller of many does
  for (size_t shape = 0; shape < shapes.size(); ++shape)
    for (const size_t size : {size_t{0}, size_t{1}, size_t{2}, size_t{3}, size_t{100000}, size_t{1000}}) {
      std::vector<std::pair<uint64_t, uint32_t>> items(size);
      for (size_t i = 0; i < size; ++i) items[i] = {shapes[shape](), static_cast<uint32_t>(i)};
      std::vector<std::pair<uint64_t, uint32_t>> expected = items;
      std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      radix_sort_by_key(items, scratch);
      EXPECT_EQ(items, expected) << "shape " << shape << ", " << size << " keys";
    }
}

}  // namespace
}  // namespace mailflow
