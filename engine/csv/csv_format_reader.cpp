#include "csv/csv_format_reader.h"

#include "util/text.h"

namespace mailflow {

namespace {

constexpr size_t kMaxHeadBytes = 1u << 20;  // decide the delimiter by then even without a line break

// The first line that is not PowerShell's "#TYPE ..." line; empty when not yet complete.
std::string_view first_header_line(std::string_view head, bool at_end) {
  while (true) {
    const size_t newline = head.find('\n');
    if (newline == std::string_view::npos) return at_end || head.size() >= kMaxHeadBytes ? head : std::string_view{};
    const std::string_view line = head.substr(0, newline);
    if (!istarts_with(trim(line), "#TYPE")) return line;
    head.remove_prefix(newline + 1);
  }
}

bool is_type_line(std::span<const std::string_view> fields) {
  return !fields.empty() && istarts_with(trim(fields[0]), "#TYPE");
}

// Collects the first record of a text (for sniffing).
class FirstRecord : public CsvRecordHandler {
 public:
  std::vector<std::string> fields;
  void on_record(std::span<const std::string_view> record, uint64_t) override {
    if (fields.empty() && !is_type_line(record))
      for (auto f : record) fields.emplace_back(trim(f));
  }
  void on_bad_record(uint64_t, std::string_view) override {}
};

}  // namespace

std::string normalize_column_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : trim(name))
    if (c != '_' && c != '-' && c != ' ' && c != '.' && c != '"') out.push_back(ascii_lower(c));
  return out;
}

void HeaderMap::assign(std::span<const std::string_view> header) {
  names_.clear();
  for (auto name : header) names_.push_back(normalize_column_name(name));
}

size_t HeaderMap::find(std::initializer_list<std::string_view> aliases) const {
  for (auto alias : aliases) {
    const std::string wanted = normalize_column_name(alias);
    for (size_t i = 0; i < names_.size(); ++i)
      if (names_[i] == wanted) return i;
  }
  return npos;
}

char sniff_delimiter(std::string_view head) {
  const std::string_view line = first_header_line(head, true);
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    comma += c == ',';
    semicolon += c == ';';
    tab += c == '\t';
  }
  if (semicolon > comma && semicolon >= tab) return ';';
  if (tab > comma && tab > semicolon) return '\t';
  return ',';
}

std::vector<std::string> sniff_header(std::string_view head) {
  const std::string_view line = first_header_line(head, false);
  if (line.empty()) return {};
  FirstRecord first;
  CsvTokenizer tokenizer(first, sniff_delimiter(head));
  tokenizer.feed(line);
  tokenizer.finish();
  return first.fields;
}

bool header_has(const std::vector<std::string>& header, std::initializer_list<std::string_view> required) {
  for (auto wanted : required) {
    const std::string name = normalize_column_name(wanted);
    bool found = false;
    for (const auto& h : header) found = found || normalize_column_name(h) == name;
    if (!found) return false;
  }
  return true;
}

CsvFormatReader::CsvFormatReader(ReaderContext context) : context_(context), tokenizer_(*this, ',') {}

void CsvFormatReader::feed(std::string_view text) {
  if (stage_ == Stage::Rejected) return;
  if (delimiter_decided_) {
    tokenizer_.feed(text);
    return;
  }
  head_.append(text);
  if (first_header_line(head_, false).empty()) return;
  tokenizer_.set_delimiter(sniff_delimiter(head_));
  delimiter_decided_ = true;
  std::string held;
  held.swap(head_);
  tokenizer_.feed(held);
}

void CsvFormatReader::finish() {
  if (!delimiter_decided_) {
    tokenizer_.set_delimiter(sniff_delimiter(head_));
    delimiter_decided_ = true;
    tokenizer_.feed(head_);
    head_.clear();
  }
  if (stage_ != Stage::Rejected) tokenizer_.finish();
  if (stage_ == Stage::Start && context_.report.error.empty())
    context_.report.error = "the file has no header line";
  on_finish();
}

void CsvFormatReader::finish_range() {
  if (stage_ == Stage::Data) tokenizer_.finish();
}

bool CsvFormatReader::take_over(FormatReader& range, uint64_t lines) {
  auto& other = static_cast<CsvFormatReader&>(range);  // the same format: the same class
  if (stage_ != Stage::Data || other.stage_ != Stage::Data || !take_over_rows(other)) return false;
  tokenizer_.add_lines(lines);
  return true;
}

void CsvFormatReader::on_record(std::span<const std::string_view> fields, uint64_t line) {
  switch (stage_) {
    case Stage::Start:
      if (is_type_line(fields)) return;  // Windows PowerShell's "#TYPE ..." line is not a record
      header_.assign(fields);
      stage_ = on_header(header_) ? Stage::Data : Stage::Rejected;
      return;
    case Stage::Data:
      ++context_.report.records;
      on_row(CsvRow{fields, line});
      return;
    case Stage::Rejected:
      return;
  }
}

void CsvFormatReader::on_bad_record(uint64_t line, std::string_view reason) {
  if (stage_ == Stage::Rejected) return;
  if (stage_ == Stage::Start) {
    context_.report.error = "line " + std::to_string(line) + ": the header cannot be read: " + std::string(reason);
    stage_ = Stage::Rejected;
    return;
  }
  ++context_.report.records;
  context_.report.skip(line, std::string(reason));
}

}  // namespace mailflow
