// Where the records of a CSV text end, found in its raw bytes without decoding or parsing them: at
// a line break outside quotes, where every quote toggles, as the CSV tokenizer reads them (a doubled
// quote toggles twice, which is the same; an over-long record is scanned the same way:
// csv/csv_tokenizer.h); for a log whose records are its lines, at every line break. Quote parity is exact, not a guess: a cut made here is a record boundary of
// the tokenizer, whatever the text holds. UTF-8 and UTF-16 of either byte order, whose quote and
// line feed are whole code units that no other character's units equal.
//
// A large file is cut so into ranges that readers on other threads parse at once
// (ingest/range_reading.h). The state (inside quotes or not, a UTF-16 unit split between two
// calls) runs on from call to call, so the bytes may come in chunks cut anywhere.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mailflow {

class RecordCutter {
 public:
  enum class Units { Utf8, Utf16Le, Utf16Be };
  static constexpr size_t npos = static_cast<size_t>(-1);

  // `quoted`: the text before the first byte given ends inside quotes.
  explicit RecordCutter(Units units, bool quoted = false) : units_(units), quoted_(quoted) {}
  // A log's: every line break ends a record, a quote is text.
  static RecordCutter lines(Units units) {
    RecordCutter cutter(units);
    cutter.quotes_count_ = false;
    return cutter;
  }

  // Passes over `size` bytes inside a record or across records, keeping the quote state.
  void pass(const uint8_t* data, size_t size);
  // The offset just past the first record end in `data` (the line feed's last byte), or npos
  // when there is none; the state is advanced over the bytes up to there (all of them for npos).
  size_t find_end(const uint8_t* data, size_t size);

  // A log's UTF-8 text (lines()): the offset just past the last line break in `data`, or npos.
  // The state is that of having passed over all of `data`.
  size_t find_last_line_end(const uint8_t* data, size_t size) const;

  bool quoted() const { return quoted_; }
  bool cuts_utf8_lines() const { return !quotes_count_ && units_ == Units::Utf8; }

 private:
  template <bool kFindEnd>
  size_t scan_utf16(const uint8_t* data, size_t size);

  Units units_;
  bool quoted_;
  bool quotes_count_ = true;
  bool has_half_unit_ = false;  // UTF-16: a unit's first byte ended the last call
  uint8_t half_unit_ = 0;
};

}  // namespace mailflow
