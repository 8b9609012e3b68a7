// Content-Transfer-Encoding undone as a body part streams by (RFC 2045): base64, quoted-printable,
// or the text as written (7bit, 8bit, binary). Input comes as the pieces of body lines that
// mail/mail_lines.h hands out, each line closed by line_end(); output goes to a ByteSink in pieces
// of at most kBufferBytes. Lenient as mail readers are: base64 skips characters outside its
// alphabet and takes unpadded ends; quoted-printable keeps an '=' that starts no escape. The
// output is the same however the lines were cut into pieces.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/byte_sink.h"
#include "mail/header_fields.h"

namespace mailflow {

class TransferDecoder {
 public:
  static constexpr size_t kBufferBytes = 16u << 10;

  TransferDecoder(TransferEncoding encoding, ByteSink& out) : encoding_(encoding), out_(out) {}

  void piece(std::string_view data);
  void line_end();
  void finish();

  // The sink refused more bytes (it has failed or had enough): the rest is not decoded.
  bool stopped() const { return stopped_; }
  uint64_t bytes_out() const { return bytes_out_; }

 private:
  void base64(std::string_view data);
  void quoted_printable(std::string_view data);
  void put(char c) {
    buffer_ += c;
    if (buffer_.size() >= kBufferBytes) flush();
  }
  void flush();

  TransferEncoding encoding_;
  ByteSink& out_;
  std::string buffer_;
  bool stopped_ = false;
  uint64_t bytes_out_ = 0;
  // base64: the sextets of the current quantum
  uint32_t bits_ = 0;
  int sextets_ = 0;
  // quoted-printable: an escape in progress ('=' and the hex digits so far), and white space that
  // is dropped if the line ends after it (RFC 2045 6.7 rule 3)
  std::string escape_;
  std::string spaces_;
};

}  // namespace mailflow
