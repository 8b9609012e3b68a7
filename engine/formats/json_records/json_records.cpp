#include "formats/json_records/json_records.h"

namespace mailflow {

namespace {

constexpr size_t kMaxStray = 40;
constexpr size_t kMaxKey = 16;  // longer member names are never an envelope's array

// A byte order mark between values (U+FEFF, EF BB BF in UTF-8): files joined with their BOMs.
constexpr bool is_bom_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b == 0xEF || b == 0xBB || b == 0xBF;
}

}  // namespace

JsonRecords::JsonRecords(Handler handler, Envelopes envelopes, size_t max_object_bytes)
    : handler_(std::move(handler)), envelopes_(std::move(envelopes)), max_object_bytes_(max_object_bytes) {}

void JsonRecords::feed(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    switch (where_) {
      case Where::Between: i = between(text, i); break;
      case Where::Record: i = in_record(text, i); break;
      case Where::Outer: i = in_outer(text, i); break;
    }
  }
}

size_t JsonRecords::between(std::string_view text, size_t i) {
  const char c = text[i];
  const bool in_array = array_depth_ > 0;
  if (c == '\n') {
    flush_stray();
    ++line_;
    return i + 1;
  }
  if (between_in_string_) {  // a string among the records: stray, and brackets inside it do not count
    if (between_escape_) between_escape_ = false;
    else if (c == '\\') between_escape_ = true;
    else if (c == '"') between_in_string_ = false;
  } else if (c == '{') {
    flush_stray();
    if (in_array || envelopes_.array_names.empty()) {
      start_record(line_);
    } else {
      where_ = Where::Outer;
      outer_line_ = line_;
    }
    return i;  // the brace belongs to the object
  } else if (c == ' ' || c == '\t' || c == '\r' || c == ',' || is_bom_byte(c)) {
    return i + 1;
  } else if (c == '[' || c == ']') {
    if (!in_array) return i + 1;  // top-level arrays are looked through
    if (c == '[') ++array_depth_;
    else if (--array_depth_ == 0) {  // the record array ends: back in its envelope
      outer_bytes_ += 2;
      if (outer_kept_) outer_ += "[]";
      where_ = Where::Outer;
      expect_key_ = after_colon_ = key_ready_ = false;
    }
    return i + 1;
  } else if (in_array && c == '"') {
    between_in_string_ = true;
  }
  if (stray_.empty()) stray_line_ = line_;
  if (stray_.size() < kMaxStray) stray_ += c;
  return i + 1;
}

void JsonRecords::start_record(uint64_t line) {
  where_ = Where::Record;
  record_line_ = line;
  record_bytes_ = 0;
  record_depth_ = 0;
  in_string_ = escape_ = false;
  record_.clear();
}

size_t JsonRecords::in_record(std::string_view text, size_t i) {
  // Take the run of bytes up to the record's end (or the chunk's) at once.
  size_t j = i;
  bool closed = false;
  while (j < text.size() && !closed) {
    const char d = text[j++];
    if (d == '\n') ++line_;
    if (in_string_) {
      if (escape_) escape_ = false;
      else if (d == '\\') escape_ = true;
      else if (d == '"') in_string_ = false;
    } else if (d == '"') {
      in_string_ = true;
    } else if (d == '{' || d == '[') {
      ++record_depth_;
    } else if (d == '}' || d == ']') {
      closed = --record_depth_ == 0;
    }
  }
  record_bytes_ += j - i;
  if (record_bytes_ <= max_object_bytes_) record_.append(text.substr(i, j - i));
  else record_.clear();
  if (closed) end_record();
  return j;
}

void JsonRecords::end_record() {
  if (record_bytes_ <= max_object_bytes_) handler_.object(record_, record_line_);
  else handler_.oversized(record_line_, record_bytes_);
  record_.clear();
  if (array_depth_ > 0) ++envelope_records_;
  where_ = Where::Between;
}

bool JsonRecords::watched() const {
  return outer_depth_ >= 1 && outer_depth_ <= kWatchedDepth && container_is_object_[outer_depth_];
}

bool JsonRecords::names_records_array(std::string_view key) const {
  for (const std::string& name : envelopes_.array_names)
    if (key == name) return true;
  return false;
}

size_t JsonRecords::in_outer(std::string_view text, size_t i) {
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line_;
    const size_t limit = envelope_ ? kMaxEnvelopeBytes : max_object_bytes_;
    auto keep = [&](char k) {
      if (++outer_bytes_ > limit) outer_kept_ = false;
      if (outer_kept_) outer_ += k;
      else outer_.clear();
    };
    if (outer_in_string_) {
      keep(c);
      if (outer_escape_) {
        outer_escape_ = false;
      } else if (c == '\\') {
        outer_escape_ = true;
      } else if (c == '"') {
        outer_in_string_ = false;
        key_ready_ = reading_key_;
        reading_key_ = false;
        continue;
      }
      if (reading_key_ && key_.size() <= kMaxKey) key_ += c;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      keep(c);
      continue;
    }
    if (c == '[' && after_colon_ && key_names_array_ && watched()) {
      // The envelope's record array: its objects are records from here on.
      envelope_ = true;
      if (outer_bytes_ > kMaxEnvelopeBytes) outer_kept_ = false, outer_.clear();
      after_colon_ = key_names_array_ = false;
      array_depth_ = 1;
      where_ = Where::Between;
      return i + 1;
    }
    keep(c);
    const bool was_key = key_ready_;
    key_ready_ = after_colon_ = false;
    switch (c) {
      case '"':
        outer_in_string_ = true;
        reading_key_ = expect_key_ && watched();
        expect_key_ = false;
        key_.clear();
        break;
      case ':':
        after_colon_ = was_key;
        key_names_array_ = was_key && names_records_array(key_);
        break;
      case '{':
      case '[':
        ++outer_depth_;
        if (outer_depth_ <= kWatchedDepth)
          container_is_object_[outer_depth_] = c == '{' && (outer_depth_ == 1 || container_is_object_[outer_depth_ - 1]);
        expect_key_ = c == '{';
        break;
      case '}':
      case ']':
        expect_key_ = false;
        if (--outer_depth_ <= 0) {
          end_outer();
          return i + 1;
        }
        break;
      case ',':
        expect_key_ = outer_depth_ <= kWatchedDepth && container_is_object_[outer_depth_];
        break;
      default:
        break;
    }
  }
  return i;
}

void JsonRecords::end_outer() {
  if (envelope_) {
    if (envelopes_.closed) envelopes_.closed(outer_kept_ ? std::string_view(outer_) : std::string_view{}, outer_line_,
                                             envelope_records_, /*complete=*/true);
  } else if (outer_kept_) {
    handler_.object(outer_, outer_line_);
  } else {
    handler_.oversized(outer_line_, outer_bytes_);
  }
  reset_outer();
  where_ = Where::Between;
}

void JsonRecords::reset_outer() {
  envelope_ = false;
  outer_.clear();
  outer_kept_ = true;
  outer_bytes_ = envelope_records_ = 0;
  outer_depth_ = 0;
  outer_in_string_ = outer_escape_ = false;
  expect_key_ = reading_key_ = key_ready_ = after_colon_ = key_names_array_ = false;
  key_.clear();
  array_depth_ = 0;
  between_in_string_ = between_escape_ = false;
}

void JsonRecords::flush_stray() {
  if (stray_.empty()) return;
  handler_.stray(stray_line_, stray_);
  stray_.clear();
}

void JsonRecords::finish() {
  flush_stray();
  if (where_ == Where::Record) handler_.unterminated(record_line_);
  if (where_ == Where::Outer && !envelope_) handler_.unterminated(outer_line_);
  else if (envelope_ && envelopes_.closed)  // the file ends inside a page
    envelopes_.closed(outer_kept_ ? std::string_view(outer_) : std::string_view{}, outer_line_, envelope_records_,
                      /*complete=*/false);
  where_ = Where::Between;
  record_.clear();
  reset_outer();
}

}  // namespace mailflow
