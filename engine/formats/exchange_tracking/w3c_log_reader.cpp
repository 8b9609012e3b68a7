#include "formats/exchange_tracking/w3c_log_reader.h"

#include <algorithm>

#include "formats/text_lines/window_lines.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kCutFirstLine =
    "first line cut (the file starts in the middle of a row: it starts neither with # nor with a date)";
const std::string kBeforeFields = "row before the #Fields line that names the columns";

// "26, 27 or 30"
std::string field_counts(std::span<const W3cDefaultLayout> layouts) {
  std::string out;
  for (size_t i = 0; i < layouts.size(); ++i) {
    if (i) out += i + 1 == layouts.size() ? " or " : ", ";
    out += std::to_string(layouts[i].fields.size());
  }
  return out;
}

}  // namespace

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

bool is_w3c_utc_time(std::string_view s) {
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (s.size() < kShape.size() + 1 || s.back() != 'Z') return false;
  for (size_t i = 0; i < kShape.size(); ++i)
    if (kShape[i] == 'd' ? !is_digit(s[i]) : s[i] != kShape[i]) return false;
  s = s.substr(kShape.size(), s.size() - kShape.size() - 1);  // ".843" or ""
  if (s.empty()) return true;
  if (s.size() < 2 || s[0] != '.') return false;
  return std::all_of(s.begin() + 1, s.end(), is_digit);
}

bool starts_w3c_line(std::string_view text) {
  constexpr std::string_view kDate = "dddd-dd-ddT";
  if (text.empty() || text[0] == '#' || text[0] == '\r' || text[0] == '\n') return true;
  // Only the bytes there are: at the end of a tiny input, a prefix of a date still counts.
  for (size_t i = 0; i < std::min(text.size(), kDate.size()); ++i)
    if (kDate[i] == 'd' ? !is_digit(text[i]) : text[i] != kDate[i]) return false;
  return true;
}

void split_w3c_line(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  size_t at = 0;
  for (;;) {
    size_t end;
    if (at < line.size() && line[at] == '"') {
      size_t close = at + 1;
      for (;;) {
        close = line.find('"', close);
        if (close == std::string_view::npos) return out.clear();
        if (close + 1 < line.size() && line[close + 1] == '"') {
          close += 2;
          continue;
        }
        break;
      }
      out.push_back(line.substr(at + 1, close - at - 1));
      end = line.find(',', close + 1);
    } else {
      end = line.find(',', at);
      out.push_back(line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    }
    if (end == std::string_view::npos) return;
    at = end + 1;
  }
}

int sniff_headerless_w3c(std::string_view head, bool (*is_row)(std::span<const std::string_view> fields)) {
  constexpr int kMaxLines = 64;
  if (!starts_w3c_line(head.substr(0, 11))) {
    // A cut first line says nothing, unless it is another export's header row.
    const std::string_view first = head.substr(0, head.find('\n'));
    if (ifind(first, "event-id") != std::string_view::npos || ifind(first, "event_id") != std::string_view::npos ||
        ifind(first, "session-id") != std::string_view::npos || ifind(first, "session_id") != std::string_view::npos)
      return 0;
    const size_t newline = head.find('\n');
    head = newline == std::string_view::npos ? std::string_view{} : head.substr(newline + 1);
  }
  std::vector<std::string_view> fields;
  int lines = 0, rows = 0;
  for_each_window_line(head, [&](std::string_view line) {
    if (trim(line).empty()) return true;
    ++lines;
    split_w3c_line(line, fields);
    if (!fields.empty() && is_row(fields)) ++rows;
    return lines < kMaxLines;
  });
  // Nearly every line must be such a row: other Exchange logs (HttpProxy, EWS) also start with a
  // UTC time, but not with these fields.
  return rows > 0 && rows * 4 >= lines * 3 ? 90 : 0;
}

void W3cLogReader::feed(std::string_view text) {
  if (start_ == Start::Undecided) {
    const size_t take = std::min(text.size(), kStartBytes - start_text_.size());
    start_text_.append(text.substr(0, take));
    text.remove_prefix(take);
    if (start_text_.size() < kStartBytes) return;
    decide_start();
  }
  pass(text);
}

void W3cLogReader::decide_start() {
  start_ = starts_w3c_line(start_text_) ? Start::Whole : Start::Cut;
  if (start_ == Start::Cut) {
    ++context_.report.records;
    context_.report.skip(1, kCutFirstLine);
    dropping_ = true;
    line_offset_ = 1;
  }
  std::string held;
  held.swap(start_text_);
  pass(held);
}

void W3cLogReader::pass(std::string_view text) {
  if (dropping_) {
    const size_t newline = text.find('\n');
    if (newline == std::string_view::npos) return;
    dropping_ = false;
    text.remove_prefix(newline + 1);
  }
  if (!text.empty()) tokenizer_.feed(text);
}

void W3cLogReader::finish() {
  if (start_ == Start::Undecided) decide_start();
  tokenizer_.finish();
  const auto layouts = default_layouts();
  uint64_t headerless = 0;
  for (size_t i = 0; i < rows_by_layout_.size(); ++i) {
    if (!rows_by_layout_[i]) continue;
    headerless += rows_by_layout_[i];
    context_.report.notes.push_back("no #Fields header: " + std::to_string(rows_by_layout_[i]) +
                                    (rows_by_layout_[i] == 1 ? " row" : " rows") +
                                    " read with the default field layout of " + std::string(layouts[i].described));
  }
  if (!saw_fields_ && !headerless && context_.report.error.empty()) {
    context_.report.error = "the log has no #Fields line naming its columns";
    if (!layouts.empty() && context_.report.records)
      context_.report.error += ", and no row has the " + field_counts(layouts) + " fields of a default layout";
  }
  on_finish();
}

const std::string& W3cLogReader::no_layout_reason() {
  if (no_layout_reason_.empty()) {
    const auto layouts = default_layouts();
    no_layout_reason_ = layouts.empty() ? kBeforeFields
                                        : "row without a #Fields line above it, whose number of fields fits no default "
                                          "layout (" + field_counts(layouts) + " fields)";
  }
  return no_layout_reason_;
}

void W3cLogReader::on_headerless_row(std::span<const std::string_view> fields, uint64_t line) {
  const auto layouts = default_layouts();
  const auto fit = std::find_if(layouts.begin(), layouts.end(),
                                [&](const W3cDefaultLayout& l) { return l.fields.size() == fields.size(); });
  if (fit == layouts.end()) return context_.report.skip(line, no_layout_reason());
  if (&*fit != layout_) {  // the first headerless row, or one of another Exchange version
    layout_ = &*fit;
    header_.assign(fit->fields);
    unusable_ = on_fields(header_);
    if (!unusable_.empty()) unusable_ = "the default field layout has no " + unusable_ + " column";
  }
  rows_by_layout_.resize(layouts.size());
  ++rows_by_layout_[static_cast<size_t>(fit - layouts.begin())];
  if (!unusable_.empty()) return context_.report.skip(line, unusable_);
  on_row(CsvRow{fields, line});
}

void W3cLogReader::on_record(std::span<const std::string_view> fields, uint64_t line) {
  line += line_offset_;
  std::string_view first = fields.empty() ? std::string_view{} : trim(fields[0]);
  if (first.starts_with("\xEF\xBB\xBF")) first.remove_prefix(3);  // a second file's BOM, after a concatenation
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
  if (!saw_fields_) return on_headerless_row(fields, line);
  if (!unusable_.empty()) return context_.report.skip(line, unusable_);
  on_row(CsvRow{fields, line});
}

void W3cLogReader::on_bad_record(uint64_t line, std::string_view reason) {
  ++context_.report.records;
  context_.report.skip(line + line_offset_, std::string(reason));
}

}  // namespace mailflow
