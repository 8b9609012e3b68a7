// The shared front of Exchange Server's W3C-style CSV logs (message tracking, SMTP protocol logs;
// FORMATS.md §4.1, §5.1): `#Software:`, `#Version:`, `#Log-type:`, `#Date:` directives, then a
// `#Fields:` line naming the comma-separated columns, then RFC 4180 rows (quoted fields with commas,
// doubled quotes). Every `#Fields:` line re-maps the columns, so files of different Exchange
// versions (26, 27 or 30 tracking fields) concatenated or dropped together are read by name.
//
// Rows without a `#Fields:` line above them (lines copied out of a log, a shipper that drops the
// `#` lines, a file cut by a tool) are read with the product's default layout for their number of
// fields, when a layout has that many; the source's notes say so. A file cut by a tool may also
// start in the middle of a row: a first line that starts neither with `#` nor with a date is
// skipped (read as a row, a quote in it could swallow the rows below it).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv_format_reader.h"
#include "csv/csv_tokenizer.h"
#include "formats/format_reader.h"

namespace mailflow {

// The value of directive `name` ("#Log-type") in the first lines of a text; "" when absent.
std::string_view w3c_directive(std::string_view head, std::string_view name);
// The column names of the first `#Fields:` line, as written; empty when there is none.
std::vector<std::string> w3c_fields(std::string_view head);

// For sniffing headerless rows: "2024-01-25T15:16:09.843Z" (UTC, 'Z', any fraction).
bool is_w3c_utc_time(std::string_view text);
// True when a text may start with a W3C log line: a directive ('#'), a date ("2024-01-25T"), or a
// line break; false for the middle of a row. Decided on the first 11 bytes.
bool starts_w3c_line(std::string_view text);
// The fields of one line (commas outside quotes; quotes kept out of the values, doubled quotes
// left doubled), for sniffing. Empty for a line whose quotes do not close.
void split_w3c_line(std::string_view line, std::vector<std::string_view>& out);
// The score of a window of headerless rows: 90 when nearly all of its complete lines (after a cut
// first line) are rows that `is_row` accepts, else 0. Below the 95-98 of a file with its header.
int sniff_headerless_w3c(std::string_view head, bool (*is_row)(std::span<const std::string_view> fields));

// A layout the product writes when no `#Fields:` line names the columns.
struct W3cDefaultLayout {
  std::span<const std::string_view> fields;
  std::string_view described;  // "Exchange 2013 and later (30 fields)"
};

class W3cLogReader : public FormatReader, private CsvRecordHandler {
 public:
  explicit W3cLogReader(ReaderContext context) : context_(context), tokenizer_(*this, ',') {}
  void feed(std::string_view text) final;
  void finish() final;

 protected:
  // Called for each `#Fields:` line, and for each default layout a headerless row switches to.
  // Returns the name of a required column the line lacks, or "" when the rows under it can be read.
  virtual std::string on_fields(const HeaderMap& fields) = 0;
  virtual void on_row(const CsvRow& row) = 0;
  virtual void on_finish() {}
  // The default layouts (by their different numbers of fields) for rows without a `#Fields:` line.
  virtual std::span<const W3cDefaultLayout> default_layouts() const = 0;
  const std::string& log_type() const { return log_type_; }

  ReaderContext context_;

 private:
  static constexpr size_t kStartBytes = 11;  // "2024-01-25T": enough to tell a row's start

  void on_record(std::span<const std::string_view> fields, uint64_t line) final;
  void on_bad_record(uint64_t line, std::string_view reason) final;
  // Decides, from the first kStartBytes of the text (or all of a shorter text), whether its first
  // line is whole.
  void decide_start();
  void pass(std::string_view text);  // to the tokenizer, without the cut first line
  void on_headerless_row(std::span<const std::string_view> fields, uint64_t line);
  const std::string& no_layout_reason();

  CsvTokenizer tokenizer_;
  HeaderMap header_;
  std::vector<std::string_view> names_;
  std::string log_type_;
  std::string unusable_;  // why the rows under the current #Fields line cannot be read
  bool saw_fields_ = false;

  enum class Start { Undecided, Whole, Cut } start_ = Start::Undecided;
  std::string start_text_;        // the first bytes, held until the start is decided
  bool dropping_ = false;         // inside the cut first line
  uint64_t line_offset_ = 0;      // lines dropped before the tokenizer's line 1
  const W3cDefaultLayout* layout_ = nullptr;  // the default layout mapped now (no #Fields line yet)
  std::vector<uint64_t> rows_by_layout_;      // rows read with each default layout
  std::string no_layout_reason_;
};

}  // namespace mailflow
