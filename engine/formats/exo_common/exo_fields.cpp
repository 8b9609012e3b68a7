#include "formats/exo_common/exo_fields.h"

#include <algorithm>

#include "util/text.h"

namespace mailflow::exo {

namespace {

constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

// True when an entry of custom data ("S:", "I:", ...) starts at `i`.
bool entry_starts_at(std::string_view text, size_t i) {
  return i + 1 < text.size() && is_upper(text[i]) && text[i + 1] == ':';
}

// A value for a message: printable, bounded, so a 10 MB garbage field cannot fill the report.
std::string bounded(std::string_view value) {
  constexpr size_t kMax = 60;
  std::string out(value.substr(0, kMax));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (value.size() > kMax) out += "...";
  return out;
}

}  // namespace

std::string_view message_key(std::string_view message_id, std::string_view network_message_id) {
  std::string_view key = trim(message_id);
  if (key.size() >= 2 && key.front() == '<' && key.back() == '>') key = trim(key.substr(1, key.size() - 2));
  if (!key.empty()) return key;
  key = trim(network_message_id);
  if (key.size() >= 2 && key.front() == '{' && key.back() == '}') key = trim(key.substr(1, key.size() - 2));
  return key;
}

std::optional<std::string_view> custom_data_value(std::string_view custom_data, std::string_view key) {
  size_t i = 0;
  while (i < custom_data.size()) {
    // Here an entry starts (possibly after blanks): "S:key=value".
    while (i < custom_data.size() && is_space(custom_data[i])) ++i;
    size_t end = i;
    while (end < custom_data.size() && !(custom_data[end] == ';' && entry_starts_at(custom_data, end + 1)))
      ++end;
    std::string_view entry = custom_data.substr(i, end - i);
    if (entry_starts_at(entry, 0)) entry.remove_prefix(2);
    const size_t eq = entry.find('=');
    if (eq != std::string_view::npos && iequals(trim(entry.substr(0, eq)), key)) {
      std::string_view value = entry.substr(eq + 1);
      // A lone trailing ';' ends the list, it is not part of the value.
      while (!value.empty() && (value.back() == ';' || is_space(value.back()))) value.remove_suffix(1);
      return trim(value);
    }
    i = end + 1;
  }
  return std::nullopt;
}

std::string_view connector_name_in(std::string_view connector_data) {
  size_t i = 0;
  while (i < connector_data.size()) {
    size_t end = connector_data.find(';', i);
    if (end == std::string_view::npos) end = connector_data.size();
    const std::string_view part = trim(connector_data.substr(i, end - i));
    if (istarts_with(part, "Name=")) return trim(part.substr(5));
    i = end + 1;
  }
  return {};
}

std::optional<uint64_t> parse_bytes(std::string_view text) { return parse_u64(text); }

TlsVersion TlsSpellings::parse(std::string_view value) {
  value = trim(value);
  if (value.empty()) return TlsVersion::NoData;
  if (auto version = parse_tls_version(value)) return *version;
  ++unknown_;
  if (examples_.size() < kMaxExamples) {
    std::string example = bounded(value);
    bool known = false;
    for (const auto& e : examples_) known = known || e == example;
    if (!known) examples_.push_back(std::move(example));
  }
  return TlsVersion::UnknownVersion;
}

void TlsSpellings::add_note(SourceReport& report) const {
  if (unknown_ == 0) return;
  std::string note = std::to_string(unknown_) + (unknown_ == 1 ? " row names" : " rows name") +
                     " a TLS version mailflow does not know (";
  for (size_t i = 0; i < examples_.size(); ++i) note += (i ? ", \"" : "\"") + examples_[i] + "\"";
  note += "); counted as TLS of unknown version.";
  report.notes.push_back(std::move(note));
}

void TlsSpellings::take_over(const TlsSpellings& later) {
  // The first examples of the whole file: this part's, then the later part's not seen yet.
  unknown_ += later.unknown_;
  for (const auto& example : later.examples_) {
    if (examples_.size() >= kMaxExamples) break;
    if (std::find(examples_.begin(), examples_.end(), example) == examples_.end()) examples_.push_back(example);
  }
}

void TlsSpellings::write_state(StateWriter& out) const {
  out.number(unknown_);
  out.number(examples_.size());
  for (const std::string& example : examples_) out.text(example);
}

bool TlsSpellings::read_state(StateReader& in) {
  uint64_t examples = 0;
  if (!in.number(unknown_) || !in.number(examples) || examples > kMaxExamples) return false;
  examples_.resize(static_cast<size_t>(examples));
  for (std::string& example : examples_)
    if (!in.text(example)) return false;
  return true;
}

const std::string& further_row_reason() {
  static const std::string reason = "further row of a message already counted";
  return reason;
}

const std::string& EventReasons::reason(std::string_view event_name, std::string_view qualifier) {
  event_name = trim(event_name);
  qualifier = trim(qualifier);
  // Compared in two parts, so a row costs no allocation once its name is known.
  for (const auto& [name, text] : names_) {
    const bool matches = qualifier.empty()
                             ? name == event_name
                             : name.size() == qualifier.size() + 1 + event_name.size() &&
                                   name.starts_with(qualifier) && name[qualifier.size()] == ' ' &&
                                   name.ends_with(event_name);
    if (matches) return text;
  }
  if (names_.size() < kMaxNames && event_name.size() + qualifier.size() <= kMaxNameLength) {
    std::string name = qualifier.empty() ? std::string(event_name)
                                         : std::string(qualifier) + " " + std::string(event_name);
    std::string shown = name;
    for (char& c : shown)
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    names_.emplace_back(std::move(name), prefix_ + " (" + (shown.empty() ? empty_name_ : shown) + ")");
    return names_.back().second;
  }
  if (other_.empty()) other_ = prefix_ + " (other events)";
  return other_;
}

bool EventReasons::take_over(const EventReasons& later) {
  if (!later.other_.empty()) return false;
  std::vector<const std::pair<std::string, std::string>*> added;
  for (const auto& entry : later.names_) {
    const bool known = std::any_of(names_.begin(), names_.end(), [&](const auto& e) { return e.first == entry.first; });
    if (!known) added.push_back(&entry);
  }
  if (names_.size() + added.size() > kMaxNames) return false;
  for (const auto* entry : added) names_.push_back(*entry);
  return true;
}

void EventReasons::write_state(StateWriter& out) const {
  out.number(names_.size());
  for (const auto& [name, text] : names_) {
    out.text(name);
    out.text(text);
  }
  out.text(other_);
}

bool EventReasons::read_state(StateReader& in) {
  uint64_t names = 0;
  if (!in.number(names) || names > kMaxNames) return false;
  names_.resize(static_cast<size_t>(names));
  for (auto& [name, text] : names_)
    if (!in.text(name) || !in.text(text)) return false;
  return in.text(other_);
}

bool require_columns(const HeaderMap& header, std::initializer_list<RequiredColumn> required,
                     std::string_view format_name, SourceReport& report) {
  for (const RequiredColumn& column : required) {
    if (header.find(column.aliases) != HeaderMap::npos) continue;
    report.error = "missing column \"" + std::string(column.name) + "\": this " +
                   std::string(format_name) + " cannot be read without it";
    return false;
  }
  return true;
}

size_t find_column(const HeaderMap& header, const FieldNames& field) {
  for (std::string_view name : field.names) {
    if (name.empty()) continue;
    if (const size_t column = header.find({name}); column != HeaderMap::npos) return column;
  }
  return HeaderMap::npos;
}

bool require_fields(const HeaderMap& header, std::span<const FieldNames* const> required,
                    std::string_view format_name, SourceReport& report) {
  for (const FieldNames* field : required) {
    if (find_column(header, *field) != HeaderMap::npos) continue;
    report.error = "missing column \"" + std::string(field->shown) + "\": this " + std::string(format_name) +
                   " cannot be read without it";
    return false;
  }
  return true;
}

void skip_defect(SourceReport& report, uint64_t line, const std::string& reason, std::string_view value) {
  report.add_problem(line, reason + " \"" + bounded(value) + "\"");
  report.skip(line, reason, /*problem=*/false);
}

}  // namespace mailflow::exo
