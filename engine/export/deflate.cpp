#include "export/deflate.h"

#include "io/inflate.h"

#include <algorithm>
#include <array>
#include <queue>
#include <vector>

namespace mailflow {

namespace {

constexpr std::array<uint16_t, 29> kLengthBase = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                  31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<uint8_t, 29> kLengthExtra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                  2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<uint16_t, 30> kDistBase = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,
                                                33,  49,  65,  97,  129, 193,  257,  385,  513,  769,
                                                1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<uint8_t, 30> kDistExtra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
constexpr std::array<uint8_t, 19> kCodeLengthOrder = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

// ---- encoder ------------------------------------------------------------------------------------

constexpr size_t kWindow = 32768;
constexpr int kHashBits = 15;
constexpr int kMaxChain = 48;
constexpr size_t kLazyBelow = 32;
constexpr size_t kBlockSymbols = 1 << 16;

struct Token {
  uint16_t length;  // 0: a literal
  uint16_t value;   // the literal byte, or the distance
};

int length_code(size_t length) {  // index into kLengthBase
  int code = 28;
  while (kLengthBase[static_cast<size_t>(code)] > length) --code;
  return code;
}
int dist_code(size_t dist) {
  int code = 29;
  while (kDistBase[static_cast<size_t>(code)] > dist) --code;
  return code;
}

class BitWriter {
 public:
  explicit BitWriter(std::string& out) : out_(out) {}
  void put(uint32_t value, int bits) {
    acc_ |= static_cast<uint64_t>(value) << count_;
    count_ += bits;
    while (count_ >= 8) {
      out_ += static_cast<char>(acc_ & 0xFF);
      acc_ >>= 8;
      count_ -= 8;
    }
  }
  void flush() {
    if (count_ > 0) out_ += static_cast<char>(acc_ & 0xFF);
    acc_ = 0;
    count_ = 0;
  }

 private:
  std::string& out_;
  uint64_t acc_ = 0;
  int count_ = 0;
};

// Huffman code lengths for `freq`, none longer than `limit`. At least two symbols get a code, so
// every tree is complete (a lone symbol is paired with a dummy).
std::vector<uint8_t> code_lengths(std::vector<uint32_t> freq, int limit) {
  int used = 0;
  for (uint32_t f : freq) used += f > 0;
  for (size_t k = 0; used < 2 && k < freq.size(); ++k)
    if (freq[k] == 0) freq[k] = 1, ++used;
  for (;;) {
    struct Node { uint64_t weight; int left, right; };
    std::vector<Node> nodes;
    using Entry = std::pair<uint64_t, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
    for (size_t k = 0; k < freq.size(); ++k) {
      if (freq[k] == 0) continue;
      nodes.push_back({freq[k], -1, static_cast<int>(k)});
      heap.push({freq[k], static_cast<int>(nodes.size()) - 1});
    }
    while (heap.size() > 1) {
      const Entry a = heap.top();
      heap.pop();
      const Entry b = heap.top();
      heap.pop();
      nodes.push_back({a.first + b.first, a.second, b.second});
      heap.push({a.first + b.first, static_cast<int>(nodes.size()) - 1});
    }
    std::vector<uint8_t> lengths(freq.size(), 0);
    int deepest = 0;
    std::vector<std::pair<int, int>> stack = {{heap.top().second, 0}};
    while (!stack.empty()) {
      const auto [index, depth] = stack.back();
      stack.pop_back();
      const Node& node = nodes[static_cast<size_t>(index)];
      if (node.left < 0) {
        lengths[static_cast<size_t>(node.right)] = static_cast<uint8_t>(depth);
        deepest = std::max(deepest, depth);
      } else {
        stack.push_back({node.left, depth + 1});
        stack.push_back({node.right, depth + 1});
      }
    }
    if (deepest <= limit) return lengths;
    for (uint32_t& f : freq)
      if (f > 0) f = std::max<uint32_t>(1, f / 2);  // flatter counts, shallower tree
  }
}

// Canonical codes, bit-reversed for the LSB-first stream.
std::vector<uint16_t> canonical_codes(const std::vector<uint8_t>& lengths) {
  std::array<uint16_t, 16> count{}, next{};
  for (uint8_t l : lengths) ++count[l];
  count[0] = 0;
  uint16_t code = 0;
  for (size_t bits = 1; bits < 16; ++bits) {
    code = static_cast<uint16_t>((code + count[bits - 1]) << 1);
    next[bits] = code;
  }
  std::vector<uint16_t> codes(lengths.size(), 0);
  for (size_t k = 0; k < lengths.size(); ++k) {
    const uint8_t l = lengths[k];
    if (l == 0) continue;
    uint16_t c = next[l]++, reversed = 0;
    for (int b = 0; b < l; ++b) reversed = static_cast<uint16_t>((reversed << 1) | ((c >> b) & 1));
    codes[k] = reversed;
  }
  return codes;
}

void write_block(BitWriter& bits, const std::vector<Token>& tokens, bool final) {
  std::vector<uint32_t> lit_freq(286, 0), dist_freq(30, 0);
  for (const Token& t : tokens) {
    if (t.length == 0) {
      ++lit_freq[t.value];
    } else {
      ++lit_freq[257 + static_cast<size_t>(length_code(t.length))];
      ++dist_freq[static_cast<size_t>(dist_code(t.value))];
    }
  }
  lit_freq[256] = 1;
  const std::vector<uint8_t> lit_len = code_lengths(lit_freq, 15), dist_len = code_lengths(dist_freq, 15);
  const std::vector<uint16_t> lit_code = canonical_codes(lit_len), dist_code_bits = canonical_codes(dist_len);
  size_t hlit = 286, hdist = 30;
  while (hlit > 257 && lit_len[hlit - 1] == 0) --hlit;
  while (hdist > 1 && dist_len[hdist - 1] == 0) --hdist;

  std::vector<uint8_t> sequence(lit_len.begin(), lit_len.begin() + static_cast<long>(hlit));
  sequence.insert(sequence.end(), dist_len.begin(), dist_len.begin() + static_cast<long>(hdist));
  std::vector<uint32_t> cl_freq(19, 0);
  for (uint8_t l : sequence) ++cl_freq[l];
  const std::vector<uint8_t> cl_len = code_lengths(cl_freq, 7);
  const std::vector<uint16_t> cl_code = canonical_codes(cl_len);
  size_t hclen = 19;
  while (hclen > 4 && cl_len[kCodeLengthOrder[hclen - 1]] == 0) --hclen;

  bits.put(final ? 1 : 0, 1);
  bits.put(2, 2);
  bits.put(static_cast<uint32_t>(hlit - 257), 5);
  bits.put(static_cast<uint32_t>(hdist - 1), 5);
  bits.put(static_cast<uint32_t>(hclen - 4), 4);
  for (size_t k = 0; k < hclen; ++k) bits.put(cl_len[kCodeLengthOrder[k]], 3);
  for (uint8_t l : sequence) bits.put(cl_code[l], cl_len[l]);

  for (const Token& t : tokens) {
    if (t.length == 0) {
      bits.put(lit_code[t.value], lit_len[t.value]);
      continue;
    }
    const int lc = length_code(t.length);
    bits.put(lit_code[257 + static_cast<size_t>(lc)], lit_len[257 + static_cast<size_t>(lc)]);
    bits.put(t.length - kLengthBase[static_cast<size_t>(lc)], kLengthExtra[static_cast<size_t>(lc)]);
    const int dc = dist_code(t.value);
    bits.put(dist_code_bits[static_cast<size_t>(dc)], dist_len[static_cast<size_t>(dc)]);
    bits.put(t.value - kDistBase[static_cast<size_t>(dc)], kDistExtra[static_cast<size_t>(dc)]);
  }
  bits.put(lit_code[256], lit_len[256]);
}

class Matcher {
 public:
  explicit Matcher(std::string_view data) : data_(data), head_(size_t{1} << kHashBits, -1), prev_(kWindow, -1) {}

  void insert(size_t i) {
    if (i + 2 >= data_.size()) return;
    const uint32_t h = hash(i);
    prev_[i & (kWindow - 1)] = head_[h];
    head_[h] = static_cast<int64_t>(i);
  }

  // The longest earlier match at i (length 0 when none of at least 3).
  std::pair<size_t, size_t> find(size_t i) const {
    if (i + 2 >= data_.size()) return {0, 0};
    const size_t limit = std::min<size_t>(258, data_.size() - i);
    size_t best = 0, best_dist = 0;
    int64_t candidate = head_[hash(i)];
    for (int chain = kMaxChain; candidate >= 0 && chain > 0; --chain) {
      const size_t c = static_cast<size_t>(candidate);
      if (c >= i || i - c > kWindow) break;
      if (data_[c + best] == data_[i + best]) {
        size_t n = 0;
        while (n < limit && data_[c + n] == data_[i + n]) ++n;
        if (n > best) {
          best = n;
          best_dist = i - c;
          if (n == limit) break;
        }
      }
      const int64_t next = prev_[c & (kWindow - 1)];
      if (next >= candidate) break;
      candidate = next;
    }
    return best >= 3 ? std::pair{best, best_dist} : std::pair<size_t, size_t>{0, 0};
  }

 private:
  uint32_t hash(size_t i) const {
    const uint32_t v = static_cast<uint8_t>(data_[i]) | static_cast<uint8_t>(data_[i + 1]) << 8 |
                       static_cast<uint32_t>(static_cast<uint8_t>(data_[i + 2])) << 16;
    return (v * 2654435761u) >> (32 - kHashBits);
  }

  std::string_view data_;
  std::vector<int64_t> head_, prev_;
};

}  // namespace

std::string deflate_raw(std::string_view data) {
  std::string out;
  out.reserve(data.size() / 6 + 64);
  BitWriter bits(out);
  if (data.empty()) {
    bits.put(1, 1);  // a final fixed block holding only end-of-block (code 0000000)
    bits.put(1, 2);
    bits.put(0, 7);
    bits.flush();
    return out;
  }
  Matcher matcher(data);
  std::vector<Token> tokens;
  tokens.reserve(kBlockSymbols);
  const auto literal = [&](size_t i) { tokens.push_back({0, static_cast<uint8_t>(data[i])}); };
  for (size_t i = 0; i < data.size();) {
    if (tokens.size() >= kBlockSymbols) {
      write_block(bits, tokens, false);
      tokens.clear();
    }
    auto [length, dist] = matcher.find(i);
    matcher.insert(i);
    if (length >= 3 && length < kLazyBelow && matcher.find(i + 1).first > length) {
      literal(i);  // a longer match starts at the next byte
      ++i;
      continue;
    }
    if (length < 3) {
      literal(i);
      ++i;
      continue;
    }
    tokens.push_back({static_cast<uint16_t>(length), static_cast<uint16_t>(dist)});
    for (size_t k = 1; k < length; ++k) matcher.insert(i + k);
    i += length;
  }
  write_block(bits, tokens, true);
  bits.flush();
  return out;
}

std::optional<std::string> inflate_raw(std::string_view data, size_t max_size) {
  // The engine's one inflater (io/inflate), collecting its output up to max_size.
  struct Collect final : ByteSink {
    std::string out;
    size_t max;
    bool write(const uint8_t* bytes, size_t size) override {
      if (out.size() + size > max) return false;
      out.append(reinterpret_cast<const char*>(bytes), size);
      return true;
    }
  } collect;
  collect.max = max_size;
  Inflater inflater(ExpansionLimit{UINT64_MAX, UINT64_MAX});
  if (inflater.feed(reinterpret_cast<const uint8_t*>(data.data()), data.size(), collect) == Inflater::Status::Error ||
      inflater.finish(collect) != Inflater::Status::Done)
    return std::nullopt;
  return std::move(collect.out);
}

}  // namespace mailflow
