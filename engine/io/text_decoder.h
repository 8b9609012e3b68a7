// Bytes -> UTF-8 text, whatever the chunk boundaries. Recognises UTF-8 with or without BOM (and
// ASCII), UTF-16 LE with BOM or without it (Exchange Online's historical search reports: the
// zero high bytes of ASCII text give it away), and UTF-16 BE with BOM.
//
// The encoding is decided from the first kSniffBytes bytes (or fewer at end of input), never from
// the size of the first chunk, so the text out is the same however the input was cut.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/byte_buffer.h"

namespace mailflow {

class TextDecoder {
 public:
  enum class Encoding { Undecided, Utf8, Utf16Le, Utf16Be };
  static constexpr size_t kSniffBytes = 256;

  // Appends the text decoded so far to `out`.
  void decode(const uint8_t* data, size_t size, std::string& out);
  void finish(std::string& out);
  // Appends to `out` once the encoding is decided as UTF-16, which leaves nothing held: the counting
  // thread decodes a UTF-16 file's chunks straight into the buffers its parse thread takes.
  void decode_decided_utf16(const uint8_t* data, size_t size, ByteBuffer& out) { decode_utf16(data, size, out); }

  Encoding encoding() const { return encoding_; }
  // Decided on UTF-8: from now on decode() only copies, and callers may read the bytes as they are.
  bool passes_bytes_through() const { return encoding_ == Encoding::Utf8; }
  std::string_view encoding_name() const;
  bool had_bom() const { return bom_; }
  // UTF-16 code units that were not valid (lone surrogates, a dangling odd byte): each became
  // U+FFFD in the text.
  uint64_t invalid_units() const { return invalid_; }

  // A range of the file cut at a record boundary (ingest/range_reading.h): decoded as the file's
  // decoder decided, with no BOM of its own; its invalid units are then counted with the file's.
  void continue_as(Encoding encoding) { encoding_ = encoding; }
  void count_invalid(uint64_t units) { invalid_ += units; }
  // Decided, and no unit or surrogate pair is split at the end of what was decoded.
  bool between_units() const { return encoding_ != Encoding::Undecided && !has_odd_byte_ && high_surrogate_ == 0; }

 private:
  void decide(bool at_end);
  template <class Text>  // std::string or ByteBuffer
  void decode_utf16(const uint8_t* data, size_t size, Text& out);

  Encoding encoding_ = Encoding::Undecided;
  bool bom_ = false;
  std::string head_;           // bytes held until the encoding is decided
  uint8_t odd_byte_ = 0;       // UTF-16: the first byte of a unit split between chunks
  bool has_odd_byte_ = false;
  uint16_t high_surrogate_ = 0;
  uint64_t invalid_ = 0;
};

}  // namespace mailflow
