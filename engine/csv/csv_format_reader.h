// The shared front of every CSV-based format: skips a leading `#TYPE ...` line (Windows PowerShell
// Export-Csv), decides the delimiter from the header line (',' ';' or tab, outside quotes), maps
// the header's columns by name, and hands each data row to the format.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "csv/csv_tokenizer.h"
#include "formats/format_reader.h"

namespace mailflow {

// Column names compared without case, '_', '-', '.' or spaces: "date_time_utc", "Date-Time-UTC"
// and "DateTimeUtc" are the same column.
std::string normalize_column_name(std::string_view name);

class HeaderMap {
 public:
  static constexpr size_t npos = static_cast<size_t>(-1);
  void assign(std::span<const std::string_view> header);
  // Index of the first of `aliases` that the header has, or npos.
  size_t find(std::initializer_list<std::string_view> aliases) const;
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

// A data row: fields by header index; a missing index reads as "".
struct CsvRow {
  std::span<const std::string_view> fields;
  uint64_t line;
  std::string_view operator[](size_t index) const {
    return index < fields.size() ? fields[index] : std::string_view{};
  }
};

// Decides the delimiter of a CSV text from its first non-#TYPE line: ',' ';' or '\t'.
char sniff_delimiter(std::string_view head);
// The header line of a CSV text (after an optional #TYPE line), split with the sniffed delimiter;
// for sniffing formats. Quoted names are unquoted. Empty when no complete line is available.
std::vector<std::string> sniff_header(std::string_view head);
// True when `header` (normalized) contains every one of `required` (normalized).
bool header_has(const std::vector<std::string>& header, std::initializer_list<std::string_view> required);

class CsvFormatReader : public FormatReader, private CsvRecordHandler {
 public:
  explicit CsvFormatReader(ReaderContext context);
  void feed(std::string_view text) final;
  void finish() final;
  bool reading_rows() const final { return stage_ == Stage::Data; }
  uint64_t next_line() const final { return tokenizer_.lines_seen(); }
  bool ends_inside_quotes() const final { return tokenizer_.inside_quotes(); }
  void finish_range() final;
  bool take_over(FormatReader& range, uint64_t lines) final;

 protected:
  // Called once with the header. Return false (after setting context.report.error) when the
  // header lacks a required column: the rest of the file is then not read.
  virtual bool on_header(const HeaderMap& header) = 0;
  virtual void on_row(const CsvRow& row) = 0;
  virtual void on_finish() {}
  // What the format's rows add up to besides the counts (date evidence, notes to come): taken over
  // from the reader of a later range, as FormatReader::take_over. Only formats that cut at records.
  virtual bool take_over_rows(CsvFormatReader& /*range*/) { return false; }

  ReaderContext context_;

 private:
  void on_record(std::span<const std::string_view> fields, uint64_t line) final;
  void on_bad_record(uint64_t line, std::string_view reason) final;

  CsvTokenizer tokenizer_;
  HeaderMap header_;
  enum class Stage { Start, Data, Rejected } stage_ = Stage::Start;
  bool delimiter_decided_ = false;
  std::string head_;  // text kept until the first line is complete, to decide the delimiter
};

}  // namespace mailflow
