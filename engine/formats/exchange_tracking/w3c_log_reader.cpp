#include "formats/exchange_tracking/w3c_log_reader.h"

#include "util/text.h"

namespace mailflow {

std::string_view w3c_directive(std::string_view head, std::string_view name) {
  while (!head.empty()) {
    const size_t newline = head.find('\n');
    std::string_view line = trim(head.substr(0, newline));
    if (line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);
    if (!line.starts_with('#')) return {};
    if (istarts_with(line, name) && line.size() > name.size() && line[name.size()] == ':')
      return trim(line.substr(name.size() + 1));
    if (newline == std::string_view::npos) break;
    head.remove_prefix(newline + 1);
  }
  return {};
}

std::vector<std::string> w3c_fields(std::string_view head) {
  std::vector<std::string> out;
  const std::string_view list = w3c_directive(head, "#Fields");
  size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    const size_t comma = list.find(',', start);
    out.emplace_back(trim(list.substr(start, comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

void W3cLogReader::finish() {
  tokenizer_.finish();
  if (!saw_fields_ && context_.report.error.empty())
    context_.report.error = "the log has no #Fields line naming its columns";
  on_finish();
}

void W3cLogReader::on_record(std::span<const std::string_view> fields, uint64_t line) {
  const std::string_view first = fields.empty() ? std::string_view{} : trim(fields[0]);
  if (first.starts_with('#')) {
    if (istarts_with(first, "#Log-type:")) log_type_ = std::string(trim(first.substr(10)));
    if (!istarts_with(first, "#Fields:")) return;
    names_.assign(fields.begin(), fields.end());
    names_[0] = trim(first.substr(8));
    header_.assign(names_);
    saw_fields_ = true;
    unusable_ = on_fields(header_);
    if (!unusable_.empty()) unusable_ = "the #Fields line has no " + unusable_ + " column";
    return;
  }
  if (fields.size() == 1 && first.empty()) return;  // a blank line
  ++context_.report.records;
  if (!saw_fields_) return context_.report.skip(line, "row before the #Fields line that names the columns");
  if (!unusable_.empty()) return context_.report.skip(line, unusable_);
  on_row(CsvRow{fields, line});
}

void W3cLogReader::on_bad_record(uint64_t line, std::string_view reason) {
  ++context_.report.records;
  context_.report.skip(line, std::string(reason));
}

}  // namespace mailflow
