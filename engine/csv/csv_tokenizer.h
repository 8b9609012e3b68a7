// A streaming RFC 4180 tokenizer: quoted fields with delimiters, doubled quotes and line breaks;
// CRLF or LF; delimiter ',' or ';' (PowerShell -UseCulture) or tab.
//
// Text arrives in chunks cut anywhere. Records that lie wholly inside a chunk are handed out as
// views into that chunk; only a record that spans two chunks is copied, into one reused buffer, so
// there is no allocation per field or per record on the hot path. Quotes, line breaks and
// delimiters are found 64 bytes at a time (util/byte_scan.h), a window of records at once.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "util/cache_line_allocator.h"

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
  // The text being split, indexed a window at a time: bit i of each word array is the window's
  // byte i. Windows start at a record's start (outside quotes), so one pass over their
  // 64-byte blocks finds every record end and field separator in them, and each record is split
  // from the bits without being scanned again.
  struct Index {
    std::vector<uint64_t> quotes, delimiters;
    std::vector<uint64_t> ends;             // line breaks outside quotes: records end there
    std::vector<uint64_t> quoted_newlines;  // line breaks inside quotes: further lines of a record
    // The offsets of the delimiters outside quotes, in order, then kNoSeparator: a record's fields
    // are read off them without walking its bit words (a branch per word that no predictor learns).
    // A window longer than kWindowBytes (a long record) keeps them as bits instead, and gives them
    // as offsets a record at a time (separators_of). Room for a whole window's (256 KB), written
    // before it is read: not zeroed.
    std::vector<uint32_t, CacheLineAllocator<uint32_t>> separators;
    std::vector<uint64_t> separator_bits;
    bool separators_as_offsets = true;
    bool any_quoted_newline = false;
    bool ends_inside_quotes = false;  // the window's last byte
  };
  static constexpr uint32_t kNoSeparator = UINT32_MAX;
  // Indexes `size` bytes from `text` (a record's start) into index_.
  void index_window(const char* text, size_t size);
  // Splits the record at [begin, end) of the indexed window, `end` just past its line break (or
  // the end of the text), and hands it out. `separator` points at the record's first separator
  // offset and is left past its last.
  void emit(const char* window, size_t begin, size_t end, uint64_t start_line, const uint32_t*& separator);
  // Indexes and emits a record kept apart (one that spanned chunks).
  void emit_whole(std::string_view record);
  // The separators of the record at [begin, end) of a long record's window, as offsets into
  // index_.separators (no more than the field limit needs), followed by kNoSeparator.
  const uint32_t* separators_of(size_t begin, size_t end);
  // emit() for a record with a field that is not plainly quoted (a doubled quote, text after the
  // closing quote, a quote inside an unquoted field): field by field, as the byte-at-a-time reader.
  void emit_irregular(const char* window, size_t begin, size_t end, uint64_t start_line);
  // Appends the field starting at `pos` (just past its opening quote) with its quotes removed and
  // doubled quotes undoubled; returns the index where the field ends.
  size_t unescape_field(const char* window, size_t pos, size_t end);
  // Scans `text` from `pos` for the end of the record that starts with state `quoted_`, 16 bytes
  // at a time without indexing; returns the index just past its line break, or npos when the
  // record continues beyond the text. For records that span chunks or are too long to keep.
  size_t find_record_end(std::string_view text, size_t pos);
  void discard_overlong(std::string_view text, size_t& pos);
  // The records wholly inside `text` from `pos` on, window by window; returns where the first
  // record that does not end in `text` starts (text.size() when none).
  size_t split_records(std::string_view text, size_t pos);

  CsvRecordHandler& handler_;
  char delimiter_;
  uint64_t line_ = 1;              // line at the current scan position
  uint64_t record_line_ = 1;       // line where the pending record starts
  bool quoted_ = false;            // scan state at the end of the last chunk
  bool skipping_ = false;          // inside an over-long record being discarded
  std::string carry_;              // a record spanning chunks
  std::string unescaped_;          // fields with doubled quotes, unescaped
  std::vector<std::string_view> fields_;        // emit_irregular's
  std::vector<std::string_view> plain_fields_;  // emit's, grown as records need
  Index index_;
};

}  // namespace mailflow
