#include "mail/transfer_decoding.h"

#include <array>

namespace mailflow {

namespace {

constexpr std::array<int8_t, 256> make_base64_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr std::array<int8_t, 256> kBase64 = make_base64_table();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;  // lower case is not allowed, but written
  return -1;
}

}  // namespace

void TransferDecoder::flush() {
  if (buffer_.empty() || stopped_) return buffer_.clear();
  bytes_out_ += buffer_.size();
  stopped_ = !out_.write(reinterpret_cast<const uint8_t*>(buffer_.data()), buffer_.size());
  buffer_.clear();
}

void TransferDecoder::piece(std::string_view data) {
  if (stopped_) return;
  switch (encoding_) {
    case TransferEncoding::Base64: return base64(data);
    case TransferEncoding::QuotedPrintable: return quoted_printable(data);
    case TransferEncoding::Identity:
      if (buffer_.size() + data.size() > kBufferBytes) flush();
      if (data.size() >= kBufferBytes) {
        if (stopped_) return;
        bytes_out_ += data.size();
        stopped_ = !out_.write(reinterpret_cast<const uint8_t*>(data.data()), data.size());
      } else {
        buffer_.append(data);
      }
      return;
  }
}

void TransferDecoder::base64(std::string_view data) {
  for (const char c : data) {
    if (c == '=') {  // padding ends the quantum: 2 sextets give 1 byte, 3 give 2
      if (sextets_ >= 2) put(static_cast<char>(bits_ >> (sextets_ == 2 ? 4 : 10)));
      if (sextets_ == 3) put(static_cast<char>((bits_ >> 2) & 0xFF));
      bits_ = 0, sextets_ = 0;
      continue;
    }
    const int v = kBase64[static_cast<unsigned char>(c)];
    if (v < 0) continue;  // line breaks, spaces and stray characters
    bits_ = bits_ << 6 | static_cast<uint32_t>(v);
    if (++sextets_ == 4) {
      put(static_cast<char>(bits_ >> 16));
      put(static_cast<char>((bits_ >> 8) & 0xFF));
      put(static_cast<char>(bits_ & 0xFF));
      bits_ = 0, sextets_ = 0;
    }
  }
}

void TransferDecoder::quoted_printable(std::string_view data) {
  for (const char c : data) {
    if (!escape_.empty()) {
      escape_ += c;
      if (hex_value(c) < 0) {  // not an escape: the '=' and what followed stand as written
        for (char e : escape_) put(e);
        escape_.clear();
      } else if (escape_.size() == 3) {
        put(static_cast<char>(hex_value(escape_[1]) * 16 + hex_value(escape_[2])));
        escape_.clear();
      }
      continue;
    }
    if (c == ' ' || c == '\t') {
      if (spaces_.size() < 256) spaces_ += c;
      else put(c);
      continue;
    }
    for (char s : spaces_) put(s);
    spaces_.clear();
    if (c == '=') escape_.assign(1, '=');
    else put(c);
  }
}

void TransferDecoder::line_end() {
  if (stopped_) return;
  switch (encoding_) {
    case TransferEncoding::Base64: return;
    case TransferEncoding::QuotedPrintable: {
      spaces_.clear();  // white space at the end of a line was added in transport
      const bool soft_break = escape_ == "=";
      if (escape_.size() > 1)
        for (char e : escape_) put(e);
      escape_.clear();
      if (!soft_break) put('\n');
      return;
    }
    case TransferEncoding::Identity: put('\n'); return;
  }
}

void TransferDecoder::finish() {
  if (encoding_ == TransferEncoding::Base64 && sextets_ >= 2) {  // an unpadded end
    put(static_cast<char>(bits_ >> (sextets_ == 2 ? 4 : 10)));
    if (sextets_ == 3) put(static_cast<char>((bits_ >> 2) & 0xFF));
  }
  if (encoding_ == TransferEncoding::QuotedPrintable) {
    for (char s : spaces_) put(s);
    for (char e : escape_) put(e);
  }
  bits_ = 0, sextets_ = 0;
  spaces_.clear(), escape_.clear();
  flush();
}

}  // namespace mailflow
