#include "mail/mail_lines.h"

namespace mailflow {

namespace {
// Held before a line spanning chunks is handed out: a line of kHeldBytes and its CR still fit.
constexpr size_t kLimit = MailLines::kHeldBytes + 2;
}  // namespace

void MailLines::emit(std::string_view data, bool ends) {
  if (held_cr_) {
    held_cr_ = false;
    // The CR held back from the previous piece was the line break's if the line ends right here.
    if (!(ends && data.empty())) consumer_.piece("\r", false, false, line_);
  }
  if (!data.empty() && data.back() == '\r') {
    data.remove_suffix(1);
    if (!ends) held_cr_ = true;
  }
  if (data.empty() && !ends && in_line_) return;
  consumer_.piece(data, !in_line_, ends, line_);
  in_line_ = !ends;
  if (ends) ++line_;
}

void MailLines::feed(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t newline = text.find('\n', pos);
    const bool ends = newline != std::string_view::npos;
    const std::string_view segment = text.substr(pos, ends ? newline - pos : std::string_view::npos);
    pos = ends ? newline + 1 : text.size();
    if (in_line_ || (held_.empty() && ends)) {  // the rest of a long line, or a whole line: in place
      emit(segment, ends);
      continue;
    }
    if (held_.size() + segment.size() < kLimit) {  // a short line so far: hold it until it ends
      held_.append(segment);
      if (ends) {
        emit(held_, true);
        held_.clear();
      }
      continue;
    }
    // A long line: its first piece is its start filled up to the limit, the rest goes in place.
    const size_t take = kLimit - held_.size();
    held_.append(segment.substr(0, take));
    emit(held_, false);
    held_.clear();
    emit(segment.substr(take), ends);
  }
}

void MailLines::finish() {
  if (!held_.empty()) {
    emit(held_, true);
    held_.clear();
  } else if (in_line_ || held_cr_) {
    emit({}, true);
  }
  held_.shrink_to_fit();
}

}  // namespace mailflow
