#include "ingest/record_cutter.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "util/byte_scan.h"

namespace mailflow {

void RecordCutter::pass(const uint8_t* data, size_t size) {
  if (units_ != Units::Utf8) {
    scan_utf16<false>(data, size);
    return;
  }
  // std::count of one byte value compiles to a vector loop: a few GB/s.
  if (quotes_count_) quoted_ ^= (std::count(data, data + size, uint8_t{'"'}) & 1) != 0;
}

size_t RecordCutter::find_end(const uint8_t* data, size_t size) {
  if (units_ != Units::Utf8) return scan_utf16<true>(data, size);
  const uint8_t* at = data;
  const uint8_t* const end = data + size;
  for (;;) {
    const auto* newline = static_cast<const uint8_t*>(std::memchr(at, '\n', static_cast<size_t>(end - at)));
    const uint8_t* const stop = newline ? newline : end;
    if (quotes_count_) quoted_ ^= (std::count(at, stop, uint8_t{'"'}) & 1) != 0;
    if (!newline) return npos;
    at = newline + 1;
    if (!quoted_) return static_cast<size_t>(at - data);
  }
}

size_t RecordCutter::find_last_line_end(const uint8_t* data, size_t size) const {
  for (size_t i = size; i-- > 0;)
    if (data[i] == '\n') return i + 1;
  return npos;
}

template <bool kFindEnd>
size_t RecordCutter::scan_utf16(const uint8_t* data, size_t size) {
  // A unit is (low, high) in LE and (high, low) in BE; a quote or line feed has a zero high byte.
  const bool little = units_ == Units::Utf16Le;
  // Bit i (i even) set when the unit at byte i of `block` is `c`.
  auto units_of = [little](const byte_scan::Block& block, char c) {
    const uint32_t low = block.match(c), zero = block.match('\0');
    return (little ? low & (zero >> 1) : zero & (low >> 1)) & 0x5555u;
  };
  // The first unit may be split from its first byte, which ended the last call.
  size_t i = 0;
  if (has_half_unit_ && size > 0) {
    has_half_unit_ = false;
    i = 1;
    const uint8_t first = half_unit_, second = data[0];
    const uint8_t low = little ? first : second, high = little ? second : first;
    if (high == 0 && low == '"' && quotes_count_) quoted_ = !quoted_;
    if (kFindEnd && high == 0 && low == '\n' && !quoted_) return 1;
  }
  char tail[byte_scan::kBlockBytes];
  for (; i + 1 < size; i += byte_scan::kBlockBytes) {
    const size_t n = std::min(size - i, byte_scan::kBlockBytes) & ~size_t{1};  // whole units only
    const char* bytes = reinterpret_cast<const char*>(data + i);
    if (n < byte_scan::kBlockBytes) {  // zero bytes are no unit of a quote or line feed
      std::memset(tail, 0xFF, sizeof tail);
      std::memcpy(tail, bytes, n);
      bytes = tail;
    }
    const byte_scan::Block block(bytes);
    const uint32_t quotes = quotes_count_ ? units_of(block, '"') : 0;
    const uint32_t inside = byte_scan::prefix_xor16(quotes) ^ (quoted_ ? 0xFFFFu : 0u);
    if (kFindEnd) {
      if (const uint32_t ends = units_of(block, '\n') & ~inside) {
        const int end = std::countr_zero(ends);
        quoted_ = false;
        return i + static_cast<size_t>(end) + 2;
      }
    }
    quoted_ = (inside >> 15) != 0;
    if (n < byte_scan::kBlockBytes) {
      i += n;
      break;
    }
  }
  if (i < size) has_half_unit_ = true, half_unit_ = data[i];
  return npos;
}

}  // namespace mailflow
