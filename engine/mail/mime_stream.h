// Mail as it is saved, read as one stream: a single message (.eml, one file of a maildir, CRLF or
// LF) or an mbox of many (a "From " line at the start of the file and after each blank line
// begins a message, as does one with the time of its date where the blank line was left out;
// ">From " lines in bodies are unquoted as mboxrd writes them). Each message's
// MIME structure is walked as it goes by (RFC 2045/2046): folded header fields, multipart bodies
// nested to kMaxDepth with their boundaries (a delimiter of an outer multipart also ends the inner
// ones; a missing close delimiter is tolerated), message/rfc822 parts (a forwarded report), and
// leaf parts, whose bodies the handler may take: their transfer encoding (base64,
// quoted-printable) is undone on the way to the ByteSink the handler gives.
//
// Memory is bounded whatever the input: lines are not held whole (mail/mail_lines.h), header fields
// are kept only when asked for and cut at kMaxFieldBytes, and deeper multiparts are skipped whole.
// The same events come out however the input was cut into chunks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/byte_sink.h"
#include "mail/header_fields.h"
#include "mail/mail_lines.h"
#include "mail/transfer_decoding.h"

namespace mailflow {

// The header of a message or of a body part, as far as reading it needs.
struct MimeEntity {
  uint64_t line = 0;            // the line its header starts on
  bool is_message = false;      // a message's own header (top level or message/rfc822), not a part's
  HeaderValue content_type;     // value "text/plain" when absent
  std::string disposition_filename;
  TransferEncoding encoding = TransferEncoding::Identity;
  // The fields the handler asked for (MimeStream's `wanted`), names lower-cased, values unfolded.
  std::vector<std::pair<std::string, std::string>> fields;

  // Content-Disposition's filename, else Content-Type's name.
  std::string_view filename() const;
  std::string_view field(std::string_view lower_name) const;
};

class MimeHandler {
 public:
  virtual ~MimeHandler() = default;
  // A top-level message starts on `line` (an mbox message: its "From " line).
  virtual void message_start(uint64_t line) = 0;
  // A header was read (of the message, of a part, of a message inside a part).
  virtual void entity(const MimeEntity& /*entity*/) {}
  // A leaf part's body follows (a message without parts is its own leaf): where its decoded bytes
  // go, or nullptr to skip it. A body taken is closed by leaf_end() once its last byte is out.
  virtual ByteSink* leaf_start(const MimeEntity& leaf) = 0;
  virtual void leaf_end(const MimeEntity& leaf) = 0;
  virtual void message_end() = 0;
};

class MimeStream final : MailLines::Consumer {
 public:
  static constexpr size_t kMaxDepth = 8;            // multiparts and messages inside one another
  static constexpr size_t kMaxFieldBytes = 8u << 10;  // of a kept header field, unfolded

  // `wanted`: header field names (lower case) to keep in MimeEntity::fields besides the MIME ones.
  MimeStream(MimeHandler& handler, std::vector<std::string> wanted);
  ~MimeStream() override;

  void feed(std::string_view text) { lines_.feed(text); }
  void finish();

  bool is_mbox() const { return mbox_; }
  uint64_t messages() const { return messages_; }

 private:
  enum class State { BeforeMessage, Header, Body };
  enum class Field { None, Other, ContentType, Disposition, Encoding, Wanted };

  void piece(std::string_view data, bool starts_line, bool ends_line, uint64_t line) override;
  bool delimiter(std::string_view line_text, uint64_t line);
  void header_piece(std::string_view data, bool starts_line, bool ends_line, uint64_t line);
  void end_field();
  void end_header(uint64_t next_line);
  void body_piece(std::string_view data, bool ends_line);
  void end_leaf();
  void start_message(uint64_t line);
  void end_message();
  void start_entity(uint64_t line, bool is_message);

  MimeHandler& handler_;
  std::vector<std::string> wanted_;
  MailLines lines_;
  State state_ = State::BeforeMessage;
  bool first_line_ = true, mbox_ = false, after_blank_ = true;
  bool skip_line_ = false;  // the rest of an mbox "From " line
  uint64_t messages_ = 0;

  std::vector<std::string> boundaries_;  // "--" + boundary of each open multipart, innermost last
  size_t depth_ = 0;                     // messages and multiparts the current entity is inside

  MimeEntity entity_;  // whose header is being read
  Field field_ = Field::None;
  std::string field_name_, field_value_;
  std::string content_type_, disposition_, encoding_;

  MimeEntity leaf_;  // whose body is being decoded
  std::unique_ptr<TransferDecoder> decoder_;
  bool in_leaf_ = false;
};

}  // namespace mailflow
