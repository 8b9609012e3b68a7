#include "formats/text_lines/line_reader.h"

#include "util/byte_scan.h"

namespace mailflow {

const std::string& LineFormatReader::overlong_reason() {
  static const std::string reason = "line longer than 64 KiB (not a log line)";
  return reason;
}

void LineFormatReader::deliver(std::string_view line) {
  ++line_;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty()) return;
  on_line(line, line_);
}

void LineFormatReader::feed(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t newline = byte_scan::find_byte(text, '\n', pos);  // inline: a log line is short
    const bool complete = newline != std::string_view::npos;
    const std::string_view piece = text.substr(pos, complete ? newline - pos : std::string_view::npos);
    pos = complete ? newline + 1 : text.size();
    if (skipping_) {
      if (complete) skipping_ = false, ++line_;
      continue;
    }
    if (carry_.size() + piece.size() > kMaxLineBytes) {
      ++context_.report.records;
      context_.report.skip(line_ + 1, overlong_reason());
      carry_.clear();
      if (complete) ++line_;
      else skipping_ = true;
      continue;
    }
    if (!complete) {
      carry_.append(piece);
      continue;
    }
    if (carry_.empty()) {
      deliver(piece);
    } else {
      carry_.append(piece);
      deliver(carry_);
      carry_.clear();
    }
  }
}

void LineFormatReader::finish() {
  finish_range();
  carry_.shrink_to_fit();
  on_finish();
}

void LineFormatReader::finish_range() {
  if (!skipping_ && !carry_.empty()) deliver(carry_);
  carry_.clear();
}

// A range begins after a line break, so this reader has no line begun; the range's last line may
// be over-long and unended only at the file's end, where no range follows.
bool LineFormatReader::take_over(FormatReader& range, uint64_t lines) {
  auto& other = static_cast<LineFormatReader&>(range);  // the same format: the same class
  if (!carry_.empty() || skipping_ || !take_over_lines(other)) return false;
  line_ += lines;
  return true;
}

}  // namespace mailflow
