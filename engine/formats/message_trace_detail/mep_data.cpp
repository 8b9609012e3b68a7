#include "formats/message_trace_detail/mep_data.h"

#include "util/text.h"

namespace mailflow {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char l = ascii_lower(c);
  if (l >= 'a' && l <= 'f') return l - 'a' + 10;
  return -1;
}

// An XML entity at the start of `s` ("&amp;", "&#38;", "&#x26;"): appends it and returns its
// length, or 0 when `s` starts no entity (the '&' is then kept as written).
size_t decode_entity(std::string_view s, std::string& out) {
  const size_t semicolon = s.find(';');
  if (semicolon == std::string_view::npos || semicolon > 10) return 0;
  const std::string_view name = s.substr(1, semicolon - 1);
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
  for (auto [entity, c] : kNamed)
    if (name == entity) {
      out.push_back(c);
      return semicolon + 1;
    }
  if (name.size() < 2 || name[0] != '#') return 0;
  uint32_t cp = 0;
  const bool hex = name[1] == 'x' || name[1] == 'X';
  const std::string_view digits = name.substr(hex ? 2 : 1);
  if (digits.empty()) return 0;
  for (char c : digits) {
    const int v = hex ? hex_value(c) : (is_digit(c) ? c - '0' : -1);
    if (v < 0) return 0;
    cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(v);
  }
  append_utf8(out, cp);
  return semicolon + 1;
}

bool is_name_char(char c) {
  const char l = ascii_lower(c);
  return (l >= 'a' && l <= 'z') || is_digit(c) || c == '_' || c == ':' || c == '-' || c == '.';
}

}  // namespace

std::string_view MepData::decoded_attribute(std::string_view raw) {
  if (raw.find('&') == std::string_view::npos) return raw;
  const size_t start = values_.size();
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] == '&') {
      if (const size_t n = decode_entity(raw.substr(i), values_)) {
        i += n;
        continue;
      }
    }
    values_.push_back(raw[i++]);
  }
  return std::string_view(values_).substr(start);
}

void MepData::read(std::string_view data) {
  count_ = 0;
  data = trim(data);
  // URI-escaped as a whole: "%3Croot%3E%3CMEP%20Name%3D%22ClientIP%22...".
  if (data.size() >= 3 && data[0] == '%' && hex_value(data[1]) >= 0 && hex_value(data[2]) >= 0) {
    unescaped_.clear();
    reserve_at_least(unescaped_, data.size());
    for (size_t i = 0; i < data.size(); ++i) {
      if (data[i] == '%' && i + 2 < data.size() && hex_value(data[i + 1]) >= 0 && hex_value(data[i + 2]) >= 0) {
        unescaped_.push_back(static_cast<char>(hex_value(data[i + 1]) * 16 + hex_value(data[i + 2])));
        i += 2;
      } else {
        unescaped_.push_back(data[i]);
      }
    }
    data = unescaped_;
  }
  values_.clear();
  reserve_at_least(values_, data.size());  // decoded values never outgrow the text, so views never move

  size_t i = 0;
  while (count_ < kMaxElements) {
    const size_t open = ifind(data, "<MEP", i);
    if (open == std::string_view::npos) return;
    i = open + 4;
    std::string_view name, value;
    bool have_value = false;
    // Attributes: name="value" or name='value', until "/>" or ">".
    while (i < data.size()) {
      while (i < data.size() && is_space(data[i])) ++i;
      if (i >= data.size() || data[i] == '>' || data[i] == '/') break;
      const size_t name_start = i;
      while (i < data.size() && is_name_char(data[i])) ++i;
      const std::string_view attribute = data.substr(name_start, i - name_start);
      while (i < data.size() && is_space(data[i])) ++i;
      if (attribute.empty() || i >= data.size() || data[i] != '=') return;  // malformed: stop
      ++i;
      while (i < data.size() && is_space(data[i])) ++i;
      if (i >= data.size() || (data[i] != '"' && data[i] != '\'')) return;
      const char quote = data[i++];
      const size_t close = data.find(quote, i);
      if (close == std::string_view::npos) return;
      const std::string_view raw = data.substr(i, close - i);
      i = close + 1;
      if (iequals(attribute, "Name")) {
        name = decoded_attribute(raw);
      } else if (!have_value) {
        value = decoded_attribute(raw);
        have_value = true;
      }
    }
    if (!name.empty()) elements_[count_++] = {name, value};
  }
}

std::optional<std::string_view> MepData::value(std::string_view name) const {
  for (size_t i = 0; i < count_; ++i)
    if (iequals(elements_[i].name, name)) return elements_[i].value;
  return std::nullopt;
}

}  // namespace mailflow
