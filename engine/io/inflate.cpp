#include "io/inflate.h"

#include <algorithm>
#include <cstring>

namespace mailflow {

namespace {

// A table entry: value << 16 | op << 8 | bits, where `bits` is how many bits the code takes (for a
// link: the primary table's bits) and `op` says what the value is.
constexpr uint32_t kOpLiteral = 0x00;  // value = literal byte (or code-length symbol)
constexpr uint32_t kOpBase = 0x10;     // | extra bits: value = length or distance base
constexpr uint32_t kOpEnd = 0x20;      // end of block
constexpr uint32_t kOpLink = 0x40;     // | second-level bits: value = offset of the second-level table
constexpr uint32_t kOpInvalid = 0x80;  // no code maps here
constexpr uint32_t kInvalid = kOpInvalid << 8;

constexpr int kLitBits = 10;
constexpr int kDistBits = 8;
constexpr int kLenBits = 7;  // code-length codes are at most 7 bits: never a second level

constexpr uint16_t kLengthBase[29] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr uint8_t kLengthExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr uint16_t kDistBase[30] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                    193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr uint8_t kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
constexpr uint8_t kCodeLengthOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

enum class Alphabet { LitLen, Dist, CodeLength };

constexpr uint32_t entry(uint32_t value, uint32_t op, uint32_t bits) { return value << 16 | op << 8 | bits; }

uint32_t symbol_entry(Alphabet alphabet, int symbol) {
  switch (alphabet) {
    case Alphabet::CodeLength: return entry(static_cast<uint32_t>(symbol), kOpLiteral, 0);
    case Alphabet::Dist:
      if (symbol >= 30) return kInvalid;
      return entry(kDistBase[symbol], kOpBase | kDistExtra[symbol], 0);
    case Alphabet::LitLen:
      if (symbol < 256) return entry(static_cast<uint32_t>(symbol), kOpLiteral, 0);
      if (symbol == 256) return entry(0, kOpEnd, 0);
      if (symbol >= 286) return kInvalid;
      return entry(kLengthBase[symbol - 257], kOpBase | kLengthExtra[symbol - 257], 0);
  }
  return kInvalid;
}

uint32_t reverse_bits(uint32_t code, int length) {
  uint32_t r = 0;
  for (int i = 0; i < length; ++i, code >>= 1) r = r << 1 | (code & 1);
  return r;
}

// Builds the canonical Huffman decoding table for `lengths` (RFC 1951 3.2.2) into `table`.
// Incomplete codes are allowed (their gaps decode as invalid); over-subscribed ones are not.
bool build_table(const uint8_t* lengths, int count, int primary_bits, Alphabet alphabet, uint32_t* table,
                 size_t capacity) {
  int per_length[16] = {};
  int max_length = 0;
  for (int s = 0; s < count; ++s) {
    ++per_length[lengths[s]];
    max_length = std::max<int>(max_length, lengths[s]);
  }
  per_length[0] = 0;
  int left = 1;
  for (int len = 1; len <= 15; ++len) {
    left = left * 2 - per_length[len];
    if (left < 0) return false;  // over-subscribed
  }
  uint32_t next_code[16] = {};
  uint32_t code = 0;
  for (int len = 1; len <= 15; ++len) {
    code = (code + static_cast<uint32_t>(per_length[len - 1])) << 1;
    next_code[len] = code;
  }
  const size_t primary_size = size_t{1} << primary_bits;
  const int sub_bits = max_length > primary_bits ? max_length - primary_bits : 0;
  const size_t sub_size = size_t{1} << sub_bits;
  std::fill(table, table + primary_size, kInvalid);
  size_t used = primary_size;
  for (int s = 0; s < count; ++s) {
    const int len = lengths[s];
    if (len == 0) continue;
    const uint32_t reversed = reverse_bits(next_code[len]++, len);
    const uint32_t e = symbol_entry(alphabet, s);
    if (len <= primary_bits) {
      const uint32_t filled = e == kInvalid ? entry(0, kOpInvalid, static_cast<uint32_t>(len)) : e | static_cast<uint32_t>(len);
      for (size_t i = reversed; i < primary_size; i += size_t{1} << len) table[i] = filled;
      continue;
    }
    const uint32_t prefix = reversed & static_cast<uint32_t>(primary_size - 1);
    if (((table[prefix] >> 8) & 0xFF) != (kOpLink | static_cast<uint32_t>(sub_bits))) {
      if (used + sub_size > capacity) return false;
      table[prefix] = entry(static_cast<uint32_t>(used), kOpLink | static_cast<uint32_t>(sub_bits),
                            static_cast<uint32_t>(primary_bits));
      std::fill(table + used, table + used + sub_size, kInvalid);
      used += sub_size;
    }
    uint32_t* sub = table + (table[prefix] >> 16);
    const int rest = len - primary_bits;
    const uint32_t filled = e == kInvalid ? entry(0, kOpInvalid, static_cast<uint32_t>(rest)) : e | static_cast<uint32_t>(rest);
    for (size_t i = reversed >> primary_bits; i < sub_size; i += size_t{1} << rest) sub[i] = filled;
  }
  return true;
}

struct FixedTables {
  std::array<uint32_t, 1024 + 288 * 32> litlen{};
  std::array<uint32_t, 256 + 32 * 128> dist{};
  FixedTables() {
    uint8_t lengths[288];
    std::fill(lengths, lengths + 144, 8);
    std::fill(lengths + 144, lengths + 256, 9);
    std::fill(lengths + 256, lengths + 280, 7);
    std::fill(lengths + 280, lengths + 288, 8);
    build_table(lengths, 288, kLitBits, Alphabet::LitLen, litlen.data(), litlen.size());
    uint8_t dist_lengths[32];
    std::fill(dist_lengths, dist_lengths + 32, 5);
    build_table(dist_lengths, 32, kDistBits, Alphabet::Dist, dist.data(), dist.size());
  }
};

const FixedTables& fixed_tables() {
  static const FixedTables tables;
  return tables;
}

inline uint64_t load_le64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | p[i];  // compilers make this one load on little-endian hosts
  return v;
}

inline uint32_t op_of(uint32_t e) { return (e >> 8) & 0xFF; }

}  // namespace

std::string expansion_message(const ExpansionLimit& limit) {
  return "stopped: expands more than " + std::to_string(limit.ratio) + "-fold, likely a decompression bomb";
}

Inflater::Inflater(ExpansionLimit limit) : limit_(limit), out_(kHistory + kSpan + kSlack) { reset(); }

void Inflater::reset() {
  state_ = State::BlockHeader;
  status_ = Status::NeedInput;
  last_block_ = false;
  error_.clear();
  in_.clear();
  in_pos_ = 0;
  real_end_ = SIZE_MAX;
  in_base_ = 0;
  bitbuf_ = 0;
  bitcnt_ = 0;
  out_pos_ = flushed_ = 0;
  total_out_ = 0;
  stored_left_ = 0;
  lit_table_ = litlen_.data();
  dist_table_ = dist_.data();
}

std::span<const uint8_t> Inflater::unused() const {
  if (state_ != State::Done) return {};
  const size_t end = std::min(in_.size(), real_end_);
  return {in_.data() + in_pos_, end - in_pos_};
}

uint64_t Inflater::total_in() const { return in_base_ + in_pos_ - bitcnt_ / 8; }

uint64_t Inflater::available_bits() const { return bitcnt_ + 8 * uint64_t(in_.size() - in_pos_); }

// True when the decoder has used bits of the zero padding added at finish(): the input was cut short.
bool Inflater::overran() const {
  // Signed: the bit buffer may hold bits of bytes already dropped from the front of in_.
  return real_end_ != SIZE_MAX && static_cast<int64_t>(in_pos_) * 8 - bitcnt_ > static_cast<int64_t>(real_end_) * 8;
}

bool Inflater::fail(std::string message) {
  state_ = State::Error;
  error_ = std::move(message);
  return false;
}

void Inflater::refill() {
  while (bitcnt_ <= 56 && in_pos_ < in_.size()) {
    bitbuf_ |= uint64_t{in_[in_pos_++]} << bitcnt_;
    bitcnt_ += 8;
  }
}

Inflater::Status Inflater::feed(const uint8_t* data, size_t size, ByteSink& out) {
  if (state_ == State::Done || state_ == State::Error) return status_;
  // Keep the whole bytes still in the bit buffer: a stored block or the stream's end gives them back.
  const size_t drop = in_pos_ - bitcnt_ / 8;
  in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(drop));
  in_base_ += drop;
  in_pos_ -= drop;
  in_.insert(in_.end(), data, data + size);
  return status_ = run(out, false);
}

Inflater::Status Inflater::finish(ByteSink& out) {
  if (state_ == State::Done || state_ == State::Error) return status_;
  real_end_ = in_.size();
  in_.resize(in_.size() + 1024, 0);  // lets the decoder read on; overran() tells what was padding
  status_ = run(out, true);
  if (status_ == Status::NeedInput) {
    fail("the data ends early (truncated file?)");
    status_ = Status::Error;
  }
  return status_;
}

Inflater::Status Inflater::run(ByteSink& out, bool final) {
  constexpr uint64_t kHeaderBits = 4608;  // the largest dynamic block header is 4498 bits
  constexpr uint64_t kSymbolBits = 48;    // length code + extra + distance code + extra
  bool need_input = false;
  while (!need_input && state_ != State::Error && state_ != State::Done) {
    switch (state_) {
      case State::BlockHeader:
        if (last_block_) {
          bitbuf_ >>= bitcnt_ % 8;  // the stream ends on a byte boundary
          bitcnt_ -= bitcnt_ % 8;
          in_pos_ -= bitcnt_ / 8;  // whole bytes loaded ahead go back to the input
          bitbuf_ = 0;
          bitcnt_ = 0;
          state_ = State::Done;
          break;
        }
        if (!final && available_bits() < kHeaderBits) {
          need_input = true;
          break;
        }
        if (block_header(final) && overran()) fail("the data ends early (truncated file?)");
        break;
      case State::Stored:
        if (stored_left_ == 0) {
          state_ = State::BlockHeader;
          break;
        }
        if (out_pos_ == kHistory + kSpan && !make_room(out)) break;
        if (std::min(in_.size(), real_end_) == in_pos_) {
          if (final) fail("the data ends early (truncated file?)");
          need_input = true;
          break;
        }
        decode_stored();
        break;
      case State::Huffman:
        if (kHistory + kSpan - out_pos_ < kMaxMatch && !make_room(out)) break;
        if (!final && available_bits() < kSymbolBits) {
          need_input = true;
          break;
        }
        decode_huffman(final);
        break;
      case State::Done:
      case State::Error: break;
    }
  }
  if (!flush(out) && state_ != State::Error) fail("stopped by the reader");
  if (state_ == State::Error) return Status::Error;
  if (state_ == State::Done) return Status::Done;
  return Status::NeedInput;
}

bool Inflater::block_header(bool final) {
  (void)final;
  refill();
  const uint32_t header = static_cast<uint32_t>(bitbuf_ & 7);
  bitbuf_ >>= 3;
  bitcnt_ -= 3;
  last_block_ = header & 1;
  switch (header >> 1) {
    case 0: {
      bitbuf_ >>= bitcnt_ % 8;
      bitcnt_ -= bitcnt_ % 8;
      refill();
      const uint32_t len = static_cast<uint32_t>(bitbuf_ & 0xFFFF), nlen = static_cast<uint32_t>((bitbuf_ >> 16) & 0xFFFF);
      bitbuf_ >>= 32;
      bitcnt_ -= 32;
      if (len != (~nlen & 0xFFFF)) return fail("invalid stored block lengths");
      in_pos_ -= bitcnt_ / 8;  // stored bytes are copied straight from the input
      bitbuf_ = 0;
      bitcnt_ = 0;
      stored_left_ = len;
      state_ = State::Stored;
      return true;
    }
    case 1:
      lit_table_ = fixed_tables().litlen.data();
      dist_table_ = fixed_tables().dist.data();
      state_ = State::Huffman;
      return true;
    case 2:
      if (!dynamic_header()) return false;
      lit_table_ = litlen_.data();
      dist_table_ = dist_.data();
      state_ = State::Huffman;
      return true;
    default: return fail("invalid block type");
  }
}

bool Inflater::dynamic_header() {
  auto bits = [this](unsigned n) {
    if (bitcnt_ < n) refill();
    const auto v = static_cast<uint32_t>(bitbuf_ & ((uint64_t{1} << n) - 1));
    bitbuf_ >>= n;
    bitcnt_ -= n;
    return v;
  };
  const uint32_t hlit = bits(5) + 257, hdist = bits(5) + 1, hclen = bits(4) + 4;
  if (hlit > 286 || hdist > 30) return fail("too many length or distance symbols");
  uint8_t code_lengths[19] = {};
  for (uint32_t i = 0; i < hclen; ++i) code_lengths[kCodeLengthOrder[i]] = static_cast<uint8_t>(bits(3));
  uint32_t len_table[1 << kLenBits];
  if (!build_table(code_lengths, 19, kLenBits, Alphabet::CodeLength, len_table, 1 << kLenBits))
    return fail("invalid code lengths set");
  uint8_t lengths[286 + 30] = {};
  uint32_t n = 0;
  while (n < hlit + hdist) {
    if (bitcnt_ < 16) refill();
    const uint32_t e = len_table[bitbuf_ & ((1u << kLenBits) - 1)];
    if (op_of(e) == kOpInvalid) return fail("invalid code lengths set");
    bitbuf_ >>= e & 0xFF;
    bitcnt_ -= e & 0xFF;
    const uint32_t symbol = e >> 16;
    if (symbol < 16) {
      lengths[n++] = static_cast<uint8_t>(symbol);
      continue;
    }
    uint8_t value = 0;
    uint32_t repeat;
    if (symbol == 16) {
      if (n == 0) return fail("invalid bit length repeat");
      value = lengths[n - 1];
      repeat = 3 + bits(2);
    } else if (symbol == 17) {
      repeat = 3 + bits(3);
    } else {
      repeat = 11 + bits(7);
    }
    if (n + repeat > hlit + hdist) return fail("invalid bit length repeat");
    std::fill(lengths + n, lengths + n + repeat, value);
    n += repeat;
  }
  if (lengths[256] == 0) return fail("invalid code: missing end-of-block");
  if (!build_table(lengths, static_cast<int>(hlit), kLitBits, Alphabet::LitLen, litlen_.data(), litlen_.size()))
    return fail("invalid literal/lengths set");
  if (!build_table(lengths + hlit, static_cast<int>(hdist), kDistBits, Alphabet::Dist, dist_.data(), dist_.size()))
    return fail("invalid distances set");
  return true;
}

bool Inflater::decode_stored() {
  const size_t avail = std::min(in_.size(), real_end_) - in_pos_;
  const size_t n = std::min({size_t{stored_left_}, kHistory + kSpan - out_pos_, avail});
  std::memcpy(out_.data() + out_pos_, in_.data() + in_pos_, n);
  in_pos_ += n;
  out_pos_ += n;
  total_out_ += n;
  stored_left_ -= static_cast<uint32_t>(n);
  return true;
}

// Decodes symbols until the block ends, the output span is nearly full, or the input runs short.
// The fast loop needs 8 readable input bytes per step; the slow one (near the end of the input)
// refills a byte at a time and checks each symbol against the end of the real input.
bool Inflater::decode_huffman(bool final) {
  uint8_t* const out = out_.data();
  const size_t out_limit = kHistory + kSpan - kMaxMatch;
  const size_t in_end = std::min(in_.size(), real_end_);
  const uint8_t* const in = in_.data();
  const uint32_t* const lit = lit_table_;
  const uint32_t* const dist_table = dist_table_;
  size_t pos = out_pos_;
  uint64_t bb = bitbuf_;
  unsigned bc = bitcnt_;
  size_t ip = in_pos_;
  const size_t start = pos;
  bool ok = true;

  auto decode = [&](const uint32_t* table, int primary_bits) {
    uint32_t e = table[bb & ((uint64_t{1} << primary_bits) - 1)];
    if (op_of(e) & kOpLink) {
      bb >>= primary_bits;
      bc -= primary_bits;
      e = table[(e >> 16) + (bb & ((uint64_t{1} << (op_of(e) & 0xF)) - 1))];
    }
    bb >>= e & 0xFF;
    bc -= e & 0xFF;
    return e;
  };
  // One symbol; false when the block ended or the data is invalid.
  auto step = [&]() -> bool {
    uint32_t e = decode(lit, kLitBits);
    uint32_t op = op_of(e);
    if (op == kOpLiteral) {
      out[pos++] = static_cast<uint8_t>(e >> 16);
      return true;
    }
    if (op & kOpBase) {
      const unsigned extra = op & 0xF;
      const size_t length = (e >> 16) + static_cast<size_t>(bb & ((uint64_t{1} << extra) - 1));
      bb >>= extra;
      bc -= extra;
      e = decode(dist_table, kDistBits);
      op = op_of(e);
      if (!(op & kOpBase)) return ok = fail("invalid distance code"), false;
      const unsigned dextra = op & 0xF;
      const size_t distance = (e >> 16) + static_cast<size_t>(bb & ((uint64_t{1} << dextra) - 1));
      bb >>= dextra;
      bc -= dextra;
      if (distance > pos) return ok = fail("invalid distance too far back"), false;
      uint8_t* dst = out + pos;
      const uint8_t* src = dst - distance;
      if (distance >= 8) {
        for (size_t i = 0; i < length; i += 8) std::memcpy(dst + i, src + i, 8);  // kSlack covers the overshoot
      } else if (distance == 1) {
        std::memset(dst, *src, length);
      } else {
        for (size_t i = 0; i < length; ++i) dst[i] = src[i];
      }
      pos += length;
      return true;
    }
    if (op == kOpEnd) {
      state_ = State::BlockHeader;
      return false;
    }
    return ok = fail("invalid literal/length code"), false;
  };

  bool more = true;
  while (more && pos <= out_limit && ip + 8 <= in_end) {
    bb |= load_le64(in + ip) << bc;
    ip += (63 - bc) >> 3;
    bc |= 56;
    more = step();
  }
  // Near the end of the input: one symbol at a time, with all its bits present (or the input over).
  while (more && pos <= out_limit) {
    bitbuf_ = bb, bitcnt_ = bc, in_pos_ = ip;
    if (!final && available_bits() < 48) break;
    refill();
    bb = bitbuf_, bc = bitcnt_, ip = in_pos_;
    const size_t before = pos;
    more = step();
    in_pos_ = ip, bitcnt_ = bc;
    if (overran()) {
      pos = before;
      ok = fail("the data ends early (truncated file?)");
      more = false;
    }
  }
  bitbuf_ = bb;
  bitcnt_ = bc;
  in_pos_ = ip;
  total_out_ += pos - start;
  out_pos_ = pos;
  return ok;
}

bool Inflater::flush(ByteSink& out) {
  if (out_pos_ == flushed_) return true;
  const size_t from = flushed_;
  flushed_ = out_pos_;
  return out.write(out_.data() + from, out_pos_ - from);
}

// Makes room for more output: writes what is pending, keeps the last 32 KiB as history. Called at
// output positions fixed by the data, which is where the expansion guard looks.
bool Inflater::make_room(ByteSink& out) {
  if (!flush(out)) return fail("stopped by the reader");
  const uint64_t in = std::max<uint64_t>(total_in(), 1);
  if (total_out_ > limit_.min_output && total_out_ / limit_.ratio >= in) return fail(expansion_message(limit_));
  std::memmove(out_.data(), out_.data() + out_pos_ - kHistory, kHistory);
  out_pos_ = flushed_ = kHistory;
  return true;
}

}  // namespace mailflow
