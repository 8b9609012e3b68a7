#include "mail/mime_stream.h"

#include "util/text.h"

namespace mailflow {

namespace {

bool only_spaces(std::string_view s) {
  for (char c : s)
    if (c != ' ' && c != '\t') return false;
  return true;
}

// An mbox message starts with "From sender date" after a blank line. Where a writer left the blank
// line out, a "From " line still starts one if it carries the date's time ("Sat Nov 21 00:10:45").
bool mbox_separator(std::string_view s, bool after_blank) {
  if (!s.starts_with("From ")) return false;
  if (after_blank) return true;
  for (size_t i = 0; i + 8 <= s.size(); ++i)
    if (is_digit(s[i]) && is_digit(s[i + 1]) && s[i + 2] == ':' && is_digit(s[i + 3]) && is_digit(s[i + 4]) &&
        s[i + 5] == ':' && is_digit(s[i + 6]) && is_digit(s[i + 7]))
      return true;
  return false;
}

// mboxrd quotes a body line "From ..." as ">From ...", and ">From ..." as ">>From ...".
bool quoted_from(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && s[i] == '>') ++i;
  return i > 0 && s.substr(i).starts_with("From ");
}

}  // namespace

std::string_view MimeEntity::filename() const {
  return disposition_filename.empty() ? content_type.param("name") : std::string_view(disposition_filename);
}

std::string_view MimeEntity::field(std::string_view lower_name) const {
  for (const auto& [name, value] : fields)
    if (name == lower_name) return value;
  return {};
}

MimeStream::MimeStream(MimeHandler& handler, std::vector<std::string> wanted)
    : handler_(handler), wanted_(std::move(wanted)), lines_(*this) {}

MimeStream::~MimeStream() = default;

void MimeStream::finish() {
  lines_.finish();
  if (state_ != State::BeforeMessage) end_message();
}

void MimeStream::start_message(uint64_t line) {
  ++messages_;
  state_ = State::Header;
  depth_ = 0;
  boundaries_.clear();
  handler_.message_start(line);
  start_entity(0, true);
}

void MimeStream::end_message() {
  if (state_ == State::Header) end_field();
  end_leaf();
  boundaries_.clear();
  state_ = State::BeforeMessage;
  handler_.message_end();
}

void MimeStream::start_entity(uint64_t line, bool is_message) {
  entity_ = MimeEntity();
  entity_.line = line;
  entity_.is_message = is_message;
  field_ = Field::None;
  content_type_.clear(), disposition_.clear(), encoding_.clear();
}

void MimeStream::piece(std::string_view data, bool starts_line, bool ends_line, uint64_t line) {
  if (starts_line) {
    if (first_line_) {
      first_line_ = false;
      mbox_ = data.starts_with("From ");
      if (!mbox_) start_message(line);
    }
    if (mbox_ && mbox_separator(data, after_blank_)) {
      if (state_ != State::BeforeMessage) end_message();
      start_message(line);
      after_blank_ = false;
      skip_line_ = !ends_line;
      return;
    }
    skip_line_ = false;
    if (mbox_ && quoted_from(data)) data.remove_prefix(1);
    after_blank_ = ends_line && data.empty();
    // A line that may be a boundary delimiter always comes whole (mail/mail_lines.h).
    if (ends_line && !boundaries_.empty() && data.starts_with("--") && delimiter(data, line)) return;
  } else {
    after_blank_ = false;
    if (skip_line_) return;
  }
  switch (state_) {
    case State::BeforeMessage: return;  // not reached: an mbox starts with a message
    case State::Header: return header_piece(data, starts_line, ends_line, line);
    case State::Body: return body_piece(data, ends_line);
  }
}

// The delimiter of an open multipart ("--boundary", "--boundary--" at its close), innermost first:
// an outer one also ends the multiparts inside it.
bool MimeStream::delimiter(std::string_view text, uint64_t line) {
  for (size_t k = boundaries_.size(); k-- > 0;) {
    const std::string& marker = boundaries_[k];
    if (!text.starts_with(marker)) continue;
    std::string_view rest = text.substr(marker.size());
    const bool closing = rest.starts_with("--");
    if (closing) rest.remove_prefix(2);
    if (!only_spaces(rest)) continue;
    if (state_ == State::Header) end_field();
    end_leaf();
    boundaries_.resize(k + 1);
    depth_ = k + 1;
    if (closing) {  // what follows is the epilogue: skipped, as the rest of the enclosing part
      boundaries_.pop_back();
      state_ = State::Body;
    } else {
      state_ = State::Header;
      start_entity(line + 1, false);
    }
    return true;
  }
  return false;
}

void MimeStream::header_piece(std::string_view data, bool starts_line, bool ends_line, uint64_t line) {
  if (!starts_line) {  // more of a long header line
    if (field_ != Field::None && field_ != Field::Other && field_value_.size() < kMaxFieldBytes)
      field_value_.append(data.substr(0, kMaxFieldBytes - field_value_.size()));
    return;
  }
  if (data.empty() && ends_line) {  // the blank line that ends the header
    end_field();
    return end_header(line + 1);
  }
  if (data.front() == ' ' || data.front() == '\t') {  // a folded continuation
    if (field_ != Field::None && field_ != Field::Other && field_value_.size() < kMaxFieldBytes)
      field_value_.append(data.substr(0, kMaxFieldBytes - field_value_.size()));
    return;
  }
  end_field();
  const size_t colon = data.find(':');
  std::string_view name = colon == std::string_view::npos ? std::string_view() : data.substr(0, colon);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);  // "Subject :"
  if (!is_field_name(name)) {
    // Not a header field: the header ended without its blank line, and this line is body.
    end_header(line);
    if (state_ == State::Body) body_piece(data, ends_line);
    return;
  }
  if (entity_.line == 0) entity_.line = line;
  field_name_ = ascii_lowercase(name);
  field_value_.assign(data.substr(colon + 1, kMaxFieldBytes));
  if (field_name_ == "content-type") field_ = Field::ContentType;
  else if (field_name_ == "content-disposition") field_ = Field::Disposition;
  else if (field_name_ == "content-transfer-encoding") field_ = Field::Encoding;
  else {
    field_ = Field::Other;
    for (const std::string& w : wanted_)
      if (w == field_name_) field_ = Field::Wanted;
  }
}

void MimeStream::end_field() {
  switch (field_) {
    case Field::None:
    case Field::Other: break;
    // The first of repeated MIME fields counts, as most readers take it.
    case Field::ContentType:
      if (content_type_.empty()) content_type_ = field_value_;
      break;
    case Field::Disposition:
      if (disposition_.empty()) disposition_ = field_value_;
      break;
    case Field::Encoding:
      if (encoding_.empty()) encoding_ = field_value_;
      break;
    case Field::Wanted:
      if (entity_.fields.size() < 16) entity_.fields.emplace_back(field_name_, std::string(trim(field_value_)));
      break;
  }
  field_ = Field::None;
  field_value_.clear();
}

void MimeStream::end_header(uint64_t next_line) {
  if (entity_.line == 0) entity_.line = next_line;
  entity_.content_type = parse_header_value(content_type_);
  if (entity_.content_type.value.find('/') == std::string::npos) entity_.content_type.value = "text/plain";
  entity_.disposition_filename = std::string(parse_header_value(disposition_).param("filename"));
  entity_.encoding = parse_transfer_encoding(encoding_);
  handler_.entity(entity_);
  state_ = State::Body;
  const std::string& type = entity_.content_type.value;
  if (type.starts_with("multipart/")) {
    const std::string_view boundary = entity_.content_type.param("boundary");
    // Without a boundary, or too deep, its parts cannot be told apart: skipped whole.
    if (!boundary.empty() && boundaries_.size() < kMaxDepth) boundaries_.push_back("--" + std::string(boundary));
    return;
  }
  if ((type == "message/rfc822" || type == "message/global") && entity_.encoding == TransferEncoding::Identity &&
      depth_ < kMaxDepth) {
    ++depth_;
    state_ = State::Header;
    start_entity(0, true);
    return;
  }
  ByteSink* sink = handler_.leaf_start(entity_);
  if (!sink) return;
  leaf_ = entity_;
  decoder_ = std::make_unique<TransferDecoder>(leaf_.encoding, *sink);
  in_leaf_ = true;
}

void MimeStream::body_piece(std::string_view data, bool ends_line) {
  if (!in_leaf_) return;
  decoder_->piece(data);
  if (ends_line) decoder_->line_end();
}

void MimeStream::end_leaf() {
  if (!in_leaf_) return;
  in_leaf_ = false;
  decoder_->finish();
  decoder_.reset();
  handler_.leaf_end(leaf_);
}

}  // namespace mailflow
