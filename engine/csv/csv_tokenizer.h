// A streaming RFC 4180 tokenizer: quoted fields with delimiters, doubled quotes and line breaks;
// CRLF or LF; delimiter ',' or ';' (PowerShell -UseCulture) or tab.
//
// Text arrives in chunks cut anywhere. Records that lie wholly inside a chunk are handed out as
// views into that chunk; only a record that spans two chunks is copied, into one reused buffer, so
// there is no allocation per field or per record on the hot path. Quotes, line breaks and
// delimiters are found 16 bytes at a time (util/byte_scan.h).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_scan.h"

namespace mailflow {

class CsvRecordHandler {
 public:
  virtual ~CsvRecordHandler() = default;
  // `fields` are unquoted and unescaped; valid until the next call. `line` is the 1-based line on
  // which the record starts.
  virtual void on_record(std::span<const std::string_view> fields, uint64_t line) = 0;
  // A record that cannot be read (unterminated quote at the end of input, over-long record). It is
  // not passed to on_record.
  virtual void on_bad_record(uint64_t line, std::string_view reason) = 0;
};

class CsvTokenizer {
 public:
  // A record longer than this is skipped (a 200 MB line without a newline must not take the page
  // down); reading resumes at the next line break.
  static constexpr size_t kMaxRecordBytes = 16u << 20;
  static constexpr size_t kMaxFields = 4096;

  CsvTokenizer(CsvRecordHandler& handler, char delimiter) : handler_(handler), delimiter_(delimiter) {}

  void set_delimiter(char delimiter) { delimiter_ = delimiter; }
  void feed(std::string_view text);
  void finish();
  uint64_t lines_seen() const { return line_; }
  bool inside_quotes() const { return quoted_; }
  // The line count of a range of the file read by another tokenizer (ingest/range_reading.h).
  void add_lines(uint64_t lines) { line_ += lines; }

 private:
  // Scans `text` from `pos` for the end of the record that starts with state `quoted_`; returns the
  // index just past its line break, or npos when the record continues beyond the text. With
  // kIndex, a record starting at `pos` is also indexed for emit() in the same pass.
  template <bool kIndex>
  size_t find_record_end(std::string_view text, size_t pos);
  // Splits an indexed record into fields and hands it out.
  void emit(std::string_view record, uint64_t start_line);
  // Indexes a whole record (one that spanned chunks) for emit().
  void index_record(std::string_view record);
  // Notes where the quotes and delimiters of `block`, at `offset` in the record, are.
  void index_block(const byte_scan::Block& block, size_t offset);
  // Appends the field starting at `pos` (just past its opening quote) with its quotes removed and
  // doubled quotes undoubled; returns the index where the field ends.
  size_t unescape_field(std::string_view record, size_t pos);
  void discard_overlong(std::string_view text, size_t& pos);

  CsvRecordHandler& handler_;
  char delimiter_;
  uint64_t line_ = 1;              // line at the current scan position
  uint64_t record_line_ = 1;       // line where the pending record starts
  bool quoted_ = false;            // scan state at the end of the last chunk
  bool skipping_ = false;          // inside an over-long record being discarded
  std::string carry_;              // a record spanning chunks
  std::string unescaped_;          // fields with doubled quotes, unescaped
  std::vector<std::string_view> fields_;
  // One bit per byte of the record being split: where its quotes and delimiters are (emit adds a
  // sentinel bit at the record's end). Reused across records.
  std::vector<uint64_t> quote_bits_;
  std::vector<uint64_t> delimiter_bits_;
};

}  // namespace mailflow
