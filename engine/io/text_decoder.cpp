#include "io/text_decoder.h"

#include <algorithm>

#include "util/text.h"
#include "util/utf16_ascii.h"

namespace mailflow {

namespace {
constexpr int kUnitsOneByOne = 8;
}  // namespace

std::string_view TextDecoder::encoding_name() const {
  switch (encoding_) {
    case Encoding::Utf8: return bom_ ? "UTF-8 with BOM" : "UTF-8";
    case Encoding::Utf16Le: return bom_ ? "UTF-16 LE with BOM" : "UTF-16 LE without BOM";
    case Encoding::Utf16Be: return "UTF-16 BE with BOM";
    case Encoding::Undecided: break;
  }
  return "undecided";
}

void TextDecoder::decide(bool at_end) {
  if (encoding_ != Encoding::Undecided) return;
  const auto* b = reinterpret_cast<const uint8_t*>(head_.data());
  // Only the first kSniffBytes decide, however many the first chunk brought.
  const size_t n = std::min(head_.size(), kSniffBytes);
  if (n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) {
    encoding_ = Encoding::Utf8, bom_ = true;
    head_.erase(0, 3);
    return;
  }
  if (n >= 2 && b[0] == 0xFF && b[1] == 0xFE) {
    encoding_ = Encoding::Utf16Le, bom_ = true;
    head_.erase(0, 2);
    return;
  }
  if (n >= 2 && b[0] == 0xFE && b[1] == 0xFF) {
    encoding_ = Encoding::Utf16Be, bom_ = true;
    head_.erase(0, 2);
    return;
  }
  if (n < kSniffBytes && !at_end) return;  // wait for more bytes
  // Without a BOM: ASCII text in UTF-16 LE has a zero at nearly every odd offset and almost none
  // at even offsets. Plain text never contains zeros.
  size_t zero_odd = 0, zero_even = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    zero_even += b[i] == 0;
    zero_odd += b[i + 1] == 0;
  }
  const size_t pairs = n / 2;
  encoding_ = (pairs >= 2 && zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs) ? Encoding::Utf16Le
                                                                                     : Encoding::Utf8;
}

void TextDecoder::decode(const uint8_t* data, size_t size, std::string& out) {
  if (encoding_ == Encoding::Undecided) {
    head_.append(reinterpret_cast<const char*>(data), size);
    decide(false);
    if (encoding_ == Encoding::Undecided) return;
    std::string held;
    held.swap(head_);
    data = reinterpret_cast<const uint8_t*>(held.data());
    size = held.size();
    if (encoding_ == Encoding::Utf8) out.append(held);
    else decode_utf16(data, size, out);
    return;
  }
  if (encoding_ == Encoding::Utf8) out.append(reinterpret_cast<const char*>(data), size);
  else decode_utf16(data, size, out);
}

void TextDecoder::finish(std::string& out) {
  if (encoding_ == Encoding::Undecided) {
    decide(true);
    std::string held;
    held.swap(head_);
    decode(reinterpret_cast<const uint8_t*>(held.data()), held.size(), out);
  }
  if (has_odd_byte_) {  // an odd byte count: the file was cut mid-character
    has_odd_byte_ = false;
    ++invalid_;
    append_utf8(out, 0xFFFD);
  }
  if (high_surrogate_) {
    high_surrogate_ = 0;
    ++invalid_;
    append_utf8(out, 0xFFFD);
  }
}

template <class Text>
void TextDecoder::decode_utf16(const uint8_t* data, size_t size, Text& out) {
  const bool little = encoding_ == Encoding::Utf16Le;
  size_t i = 0;
  auto unit_at = [&](uint8_t first, uint8_t second) -> uint16_t {
    return little ? static_cast<uint16_t>(first | (second << 8)) : static_cast<uint16_t>((first << 8) | second);
  };
  // Written at `w` into `out`, sized ahead for the units left (an ASCII unit is a byte) and an
  // eighth more; a unit that needs more bytes grows it. Sized once for most text rather than once
  // per run of ASCII, since every resize zero-fills what it adds (4 KB after each accented letter).
  size_t w = out.size();
  auto make_room = [&](size_t bytes) {
    if (out.size() - w >= bytes) return;
    const size_t units_left = (size - i) / 2;
    out.resize(w + std::max(bytes, units_left + units_left / 8 + 16));
  };
  auto put = [&](uint32_t code_point) {
    make_room(4);
    w += write_utf8(reinterpret_cast<char*>(out.data()) + w, code_point);
  };
  auto put_unit = [&](uint16_t u) {
    if (high_surrogate_) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        put(0x10000 + ((uint32_t{high_surrogate_} - 0xD800) << 10) + (u - 0xDC00));
        high_surrogate_ = 0;
        return;
      }
      high_surrogate_ = 0;
      ++invalid_;
      put(0xFFFD);
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_surrogate_ = u;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      ++invalid_;
      put(0xFFFD);
    } else {
      put(u);
    }
  };
  if (has_odd_byte_ && size > 0) {
    put_unit(unit_at(odd_byte_, data[0]));
    has_odd_byte_ = false;
    i = 1;
  }
  // Runs of ASCII units (the bulk of every log) are narrowed in bulk, straight into `out`; the
  // unit that stops a run, and a few after it, go one at a time.
  while (i + 1 < size) {
    if (!high_surrogate_) {
      const size_t units = (size - i) / 2;
      make_room(units);
      const size_t narrowed = narrow_ascii_utf16(data + i, units, little, reinterpret_cast<char*>(out.data()) + w);
      w += narrowed;
      i += 2 * narrowed;
      if (narrowed == units) break;
    }
    for (int n = 0; n < kUnitsOneByOne && i + 1 < size; ++n, i += 2) put_unit(unit_at(data[i], data[i + 1]));
  }
  out.resize(w);
  if (i < size) {
    odd_byte_ = data[i];
    has_odd_byte_ = true;
  }
}

template void TextDecoder::decode_utf16(const uint8_t*, size_t, std::string&);
template void TextDecoder::decode_utf16(const uint8_t*, size_t, ByteBuffer&);

}  // namespace mailflow
