#include "formats/tlsrpt/json_objects.h"

namespace mailflow {

void JsonObjects::feed(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (depth_ == 0) {
      if (c == '{') {
        if (!stray_.empty()) handler_.stray(stray_line_, stray_), stray_.clear();
        depth_ = 1;
        object_.assign(1, c);
        object_line_ = line_;
        object_bytes_ = 1;
        in_string_ = escape_ = false;
      } else if (c == '\n') {
        if (!stray_.empty()) handler_.stray(stray_line_, stray_), stray_.clear();
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != ',' && c != '[' && c != ']') {
        if (stray_.empty()) stray_line_ = line_;
        if (stray_.size() < 40) stray_ += c;
      }
      continue;
    }
    // Inside an object: take the run of ordinary bytes at once.
    size_t j = i;
    while (j < text.size()) {
      const char d = text[j];
      if (in_string_) {
        if (escape_) escape_ = false;
        else if (d == '\\') escape_ = true;
        else if (d == '"') in_string_ = false;
      } else if (d == '"') {
        in_string_ = true;
      } else if (d == '{' || d == '[') {
        ++depth_;
      } else if (d == '}' || d == ']') {
        if (--depth_ == 0) break;
      }
      if (d == '\n') ++line_;
      ++j;
    }
    const size_t end = j < text.size() ? j + 1 : j;  // the closing brace belongs to the object
    object_bytes_ += end - i;
    if (object_bytes_ <= kMaxObjectBytes) object_.append(text.substr(i, end - i));
    else object_.clear();
    if (depth_ == 0) {
      if (object_bytes_ <= kMaxObjectBytes) handler_.object(object_, object_line_);
      else handler_.oversized(object_line_, object_bytes_);
      object_.clear();
    }
    i = end - 1;
  }
}

void JsonObjects::finish() {
  if (depth_ > 0) handler_.unterminated(object_line_);
  else if (!stray_.empty()) handler_.stray(stray_line_, stray_);
  depth_ = 0;
  object_.clear();
  stray_.clear();
}

}  // namespace mailflow
