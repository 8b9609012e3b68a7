#include "formats/json_records/flat_object.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace mailflow {

namespace {

constexpr bool ignored_in_names(char c) { return c == '_' || c == '-' || c == '.' || c == ' ' || c == '"'; }

}  // namespace

bool same_column_name(std::string_view raw, std::string_view normalised) {
  size_t j = 0;
  for (char c : trim(raw)) {
    if (ignored_in_names(c)) continue;
    if (j >= normalised.size() || ascii_lower(c) != normalised[j]) return false;
    ++j;
  }
  return j == normalised.size();
}

// The SAX events of one object: depth 1 is its members, depth 2 the members of an object value.
struct FlatObject::Sax {
  using Json = nlohmann::json;
  FlatObject& out;
  int depth = 0;
  size_t member = npos;  // the wanted name of the current top-level member
  bool nested_value = false;  // inside an object value of a wanted member, at its "value" member
  bool top_is_object = false;

  // A scalar at the place the events are at: kept when it is a wanted member's value.
  bool scalar(std::string_view text) {
    if (depth == 1 && member != npos) set(text);
    else if (depth == 2 && nested_value) set(text);
    nested_value = false;
    return true;
  }
  void set(std::string_view text) {
    if (!out.present_[member]) {
      out.present_[member] = true;
      out.values_[member].assign(text);
    }
    if (depth == 1) member = npos;
  }
  template <class Number>
  bool number(Number n) {
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, n).ptr;
    return scalar(std::string_view(buffer, static_cast<size_t>(end - buffer)));
  }

  bool null() { return scalar({}); }
  bool boolean(bool b) { return scalar(b ? "true" : "false"); }
  bool number_integer(Json::number_integer_t n) { return number(n); }
  bool number_unsigned(Json::number_unsigned_t n) { return number(n); }
  bool number_float(Json::number_float_t, const Json::string_t& text) { return scalar(text); }
  bool string(Json::string_t& s) { return scalar(s); }
  bool binary(Json::binary_t&) { return scalar({}); }
  bool start_object(std::size_t) {
    if (depth == 0) top_is_object = true;
    ++depth;
    return true;
  }
  bool key(Json::string_t& name) {
    if (depth == 1) member = out.slot_of(name);
    else if (depth == 2) nested_value = member != npos && same_column_name(name, "value");
    return true;
  }
  bool end_object() {
    // An object value that had no "value" member still makes its member present.
    if (depth == 2 && member != npos) set({});
    --depth;
    if (depth == 1) member = npos;
    return true;
  }
  bool start_array(std::size_t) {
    if (depth == 1 && member != npos) set({});
    ++depth;
    return true;
  }
  bool end_array() {
    --depth;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

FlatObject::FlatObject(std::vector<std::string_view> names)
    : names_(std::move(names)), values_(names_.size()), present_(names_.size(), false) {}

size_t FlatObject::find(std::string_view raw) const {
  for (size_t i = 0; i < names_.size(); ++i)
    if (same_column_name(raw, names_[i])) return i;
  return npos;
}

size_t FlatObject::slot_of(const std::string& raw) {
  for (const auto& [name, slot] : seen_)
    if (name == raw) return slot;
  const size_t slot = find(raw);
  if (seen_.size() < kMaxSeen) seen_.emplace_back(raw, slot);
  return slot;
}

bool FlatObject::read(std::string_view text) {
  std::fill(present_.begin(), present_.end(), false);
  Sax sax{*this};
  const bool ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &sax,
                                            nlohmann::json::input_format_t::json, /*strict=*/true);
  if (ok && sax.top_is_object) return true;
  std::fill(present_.begin(), present_.end(), false);
  return false;
}

}  // namespace mailflow
