// The shared front of every line-based log format (Postfix, Exim, Sendmail): text arrives in chunks
// cut anywhere and leaves as whole lines without their CR/LF, each with its 1-based line number.
//
// Lines that lie wholly inside a chunk are handed out as views into it; only a line spanning two
// chunks is copied, into one reused buffer, so there is no allocation per line. A line longer than
// kMaxLineBytes is counted as a record and skipped with a reason (a 200 MB file without a newline
// must not take the page down); reading resumes after its line break. Empty lines are not records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

class LineFormatReader : public FormatReader {
 public:
  // Syslog caps a message at a few KiB; 64 KiB leaves room for any real log line.
  static constexpr size_t kMaxLineBytes = 64u << 10;

  explicit LineFormatReader(ReaderContext context) : context_(context) {}
  void feed(std::string_view text) final;
  void finish() final;

  // A log cut into ranges at line ends (FormatInfo::cuts == RecordCuts::Lines): no header, every
  // line a record.
  bool reading_rows() const final { return true; }
  uint64_t next_line() const final { return line_ + 1; }
  void finish_range() final;
  bool take_over(FormatReader& range, uint64_t lines) final;

  static const std::string& overlong_reason();

 protected:
  // One non-empty line without its line break; valid until the call returns. The reader counts it
  // in report.records if it is a record.
  virtual void on_line(std::string_view line, uint64_t number) = 0;
  virtual void on_finish() {}
  // The format's part of take_over: `range` is a reader of the same format.
  virtual bool take_over_lines(LineFormatReader& /*range*/) { return false; }

  ReaderContext context_;

 private:
  void deliver(std::string_view line);

  std::string carry_;     // the start of a line that continues in the next chunk
  uint64_t line_ = 0;     // number of the last line started
  bool skipping_ = false; // inside an over-long line being discarded
};

}  // namespace mailflow
