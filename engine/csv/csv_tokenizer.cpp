#include "csv/csv_tokenizer.h"

#include <algorithm>
#include <cstring>

namespace mailflow {

namespace {
constexpr size_t npos = std::string_view::npos;
constexpr std::string_view kOverlong =
    "record longer than 16 MiB (a line without line breaks, or an unterminated quote); skipped up to the next line break";

uint64_t count_newlines(const char* begin, const char* end) {
  return static_cast<uint64_t>(std::count(begin, end, '\n'));
}
}  // namespace

size_t CsvTokenizer::find_record_end(std::string_view text, size_t pos) {
  const char* const data = text.data();
  const char* p = data + pos;
  const char* const end = data + text.size();
  while (p < end) {
    if (!quoted_) {
      while (p < end && *p != '"' && *p != '\n') ++p;
      if (p == end) break;
      if (*p == '\n') {
        ++line_;
        return static_cast<size_t>(p + 1 - data);
      }
      quoted_ = true;
      ++p;
    } else {
      const auto* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
      const char* stop = quote ? quote : end;
      line_ += count_newlines(p, stop);
      if (!quote) {
        p = end;
        break;
      }
      quoted_ = false;  // a doubled quote toggles twice, which is the same
      p = quote + 1;
    }
  }
  return npos;
}

void CsvTokenizer::discard_overlong(std::string_view text, size_t& pos) {
  const auto* newline = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
  if (!newline) {
    pos = text.size();
    return;
  }
  pos = static_cast<size_t>(newline - text.data()) + 1;
  ++line_;
  skipping_ = false;
  quoted_ = false;
}

void CsvTokenizer::feed(std::string_view text) {
  size_t pos = 0;
  if (skipping_) {
    discard_overlong(text, pos);
    if (skipping_) return;
  }
  if (!carry_.empty()) {
    const size_t end = find_record_end(text, 0);
    const size_t take = end == npos ? text.size() : end;
    if (carry_.size() + take > kMaxRecordBytes) {
      handler_.on_bad_record(record_line_, kOverlong);
      carry_.clear();
      carry_.shrink_to_fit();
      if (end == npos) {
        skipping_ = true;
        quoted_ = false;
        discard_overlong(text, pos);
        if (skipping_) return;
      } else {
        pos = end;
      }
    } else {
      carry_.append(text.data(), take);
      if (end == npos) return;
      emit(carry_, record_line_);
      carry_.clear();
      pos = end;
    }
  }
  while (pos < text.size()) {
    record_line_ = line_;
    const size_t end = find_record_end(text, pos);
    if (end == npos) {
      if (text.size() - pos > kMaxRecordBytes) {
        handler_.on_bad_record(record_line_, kOverlong);
        skipping_ = true;
        quoted_ = false;
        return;
      }
      carry_.assign(text.data() + pos, text.size() - pos);
      return;
    }
    if (end - pos > kMaxRecordBytes) handler_.on_bad_record(record_line_, kOverlong);
    else emit(text.substr(pos, end - pos), record_line_);
    pos = end;
  }
}

void CsvTokenizer::finish() {
  if (carry_.empty()) return;
  if (quoted_) {
    handler_.on_bad_record(record_line_, "unterminated quote: the file ends inside a quoted field");
  } else {
    emit(carry_, record_line_);
  }
  carry_.clear();
  quoted_ = false;
}

void CsvTokenizer::emit(std::string_view record, uint64_t start_line) {
  if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
  if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
  if (record.empty()) return;  // blank lines are not records

  fields_.clear();
  unescaped_.clear();
  unescaped_.reserve(record.size());  // views into it must never move
  const char* p = record.data();
  const char* const end = p + record.size();
  while (true) {
    if (fields_.size() == kMaxFields) {
      handler_.on_bad_record(start_line, "more than 4096 fields in one record");
      return;
    }
    if (p < end && *p == '"') {
      // Quoted field: copy only when it holds a doubled quote or text after the closing quote.
      const char* content = ++p;
      const char* quote = static_cast<const char*>(std::memchr(p, '"', static_cast<size_t>(end - p)));
      if (quote && (quote + 1 == end || quote[1] == delimiter_)) {
        fields_.emplace_back(content, static_cast<size_t>(quote - content));
        p = quote + 1;
      } else {
        const size_t start = unescaped_.size();
        bool in_quotes = true;
        while (p < end && (in_quotes || *p != delimiter_)) {
          if (*p == '"') {
            if (in_quotes && p + 1 < end && p[1] == '"') {
              unescaped_.push_back('"');
              p += 2;
              continue;
            }
            in_quotes = !in_quotes;
            ++p;
            continue;
          }
          unescaped_.push_back(*p++);
        }
        fields_.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
      }
    } else {
      const char* stop = static_cast<const char*>(std::memchr(p, delimiter_, static_cast<size_t>(end - p)));
      if (!stop) stop = end;
      fields_.emplace_back(p, static_cast<size_t>(stop - p));
      p = stop;
    }
    if (p >= end) break;
    ++p;  // the delimiter
    if (p == end) {
      fields_.emplace_back();
      break;
    }
  }
  handler_.on_record(fields_, start_line);
}

}  // namespace mailflow
