// The shared front of Exchange Server's W3C-style CSV logs (message tracking, SMTP protocol logs;
// FORMATS.md §4.1, §5.1): `#Software:`, `#Version:`, `#Log-type:`, `#Date:` directives, then a
// `#Fields:` line naming the comma-separated columns, then RFC 4180 rows (quoted fields with commas,
// doubled quotes). Every `#Fields:` line re-maps the columns, so files of different Exchange
// versions (26, 27 or 30 tracking fields) concatenated or dropped together are read by name.
#pragma once

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

class W3cLogReader : public FormatReader, private CsvRecordHandler {
 public:
  explicit W3cLogReader(ReaderContext context) : context_(context), tokenizer_(*this, ',') {}
  void feed(std::string_view text) final { tokenizer_.feed(text); }
  void finish() final;

 protected:
  // Called for each `#Fields:` line. Returns the name of a required column the line lacks, or ""
  // when the rows under it can be read.
  virtual std::string on_fields(const HeaderMap& fields) = 0;
  virtual void on_row(const CsvRow& row) = 0;
  virtual void on_finish() {}
  const std::string& log_type() const { return log_type_; }

  ReaderContext context_;

 private:
  void on_record(std::span<const std::string_view> fields, uint64_t line) final;
  void on_bad_record(uint64_t line, std::string_view reason) final;

  CsvTokenizer tokenizer_;
  HeaderMap header_;
  std::vector<std::string_view> names_;
  std::string log_type_;
  std::string unusable_;  // why the rows under the current #Fields line cannot be read
  bool saw_fields_ = false;
};

}  // namespace mailflow
