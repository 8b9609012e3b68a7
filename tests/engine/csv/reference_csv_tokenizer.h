// The byte-at-a-time CsvTokenizer as it was before the 16-bytes-at-a-time scanning (with over-long
// records skipped to their end, quotes honoured): the oracle the scanning tokenizer must agree with
// on every input and every way of cutting it.
#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv_tokenizer.h"

namespace mailflow::test {

class ReferenceCsvTokenizer {
 public:
  ReferenceCsvTokenizer(CsvRecordHandler& handler, char delimiter) : handler_(handler), delimiter_(delimiter) {}

  void feed(std::string_view text) {
    size_t pos = 0;
    if (skipping_) {
      discard_overlong(text, pos);
      if (skipping_) return;
    }
    if (!carry_.empty()) {
      const size_t end = find_record_end(text, 0);
      const size_t take = end == npos ? text.size() : end;
      if (carry_.size() + take > kMax) {
        handler_.on_bad_record(record_line_, kOverlong);
        carry_.clear();
        if (end == npos) {
          skipping_ = true;
          return;
        }
        pos = end;
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
        if (text.size() - pos > kMax) {
          handler_.on_bad_record(record_line_, kOverlong);
          skipping_ = true;
          return;
        }
        carry_.assign(text.data() + pos, text.size() - pos);
        return;
      }
      if (end - pos > kMax) handler_.on_bad_record(record_line_, kOverlong);
      else emit(text.substr(pos, end - pos), record_line_);
      pos = end;
    }
  }

  void finish() {
    if (carry_.empty()) return;
    if (quoted_) handler_.on_bad_record(record_line_, "unterminated quote: the file ends inside a quoted field");
    else emit(carry_, record_line_);
    carry_.clear();
    quoted_ = false;
  }

 private:
  static constexpr size_t npos = std::string_view::npos;
  static constexpr size_t kMax = CsvTokenizer::kMaxRecordBytes;
  static constexpr std::string_view kOverlong =
      "record longer than 16 MiB (a line without line breaks, or an unterminated quote); skipped to where it ends";

  size_t find_record_end(std::string_view text, size_t pos) {
    for (size_t i = pos; i < text.size(); ++i) {
      if (text[i] == '"') quoted_ = !quoted_;
      if (text[i] != '\n') continue;
      ++line_;
      if (!quoted_) return i + 1;
    }
    return npos;
  }

  void discard_overlong(std::string_view text, size_t& pos) {
    const size_t end = find_record_end(text, pos);
    pos = end == npos ? text.size() : end;
    skipping_ = end == npos;
  }

  void emit(std::string_view record, uint64_t start_line) {
    if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
    if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
    if (record.empty()) return;
    std::vector<std::string> fields;
    size_t p = 0;
    while (true) {
      if (fields.size() == CsvTokenizer::kMaxFields) {
        handler_.on_bad_record(start_line, "more than 4096 fields in one record");
        return;
      }
      std::string field;
      const size_t closing = p < record.size() && record[p] == '"' ? record.find('"', p + 1) : npos;
      if (closing != npos && (closing + 1 == record.size() || record[closing + 1] == delimiter_)) {
        field = record.substr(p + 1, closing - p - 1);  // as it was: even when the delimiter is '"'
        p = closing + 1;
      } else if (p < record.size() && record[p] == '"') {
        ++p;
        bool in_quotes = true;
        while (p < record.size() && (in_quotes || record[p] != delimiter_)) {
          if (record[p] == '"') {
            if (in_quotes && p + 1 < record.size() && record[p + 1] == '"') {
              field += '"';
              p += 2;
              continue;
            }
            in_quotes = !in_quotes;
            ++p;
            continue;
          }
          field += record[p++];
        }
      } else {
        while (p < record.size() && record[p] != delimiter_) field += record[p++];
      }
      fields.push_back(std::move(field));
      if (p >= record.size()) break;
      ++p;
      if (p == record.size()) {
        fields.emplace_back();
        break;
      }
    }
    const std::vector<std::string_view> views(fields.begin(), fields.end());
    handler_.on_record(views, start_line);
  }

  CsvRecordHandler& handler_;
  char delimiter_;
  uint64_t line_ = 1;
  uint64_t record_line_ = 1;
  bool quoted_ = false;
  bool skipping_ = false;
  std::string carry_;
};

}  // namespace mailflow::test
