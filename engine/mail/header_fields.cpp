#include "mail/header_fields.h"

#include <algorithm>
#include <map>

#include "util/text.h"

namespace mailflow {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = ascii_lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// RFC 2231 extended value: "%XX" escapes; the first section starts with "charset'language'".
std::string percent_decoded(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// One RFC 2231 section of a parameter: "filename*1*" is section 1 of "filename", extended.
struct Section {
  int number = -1;  // -1: not split
  bool extended = false;
  std::string value;
};

}  // namespace

std::string_view HeaderValue::param(std::string_view name) const {
  for (const auto& [n, v] : params)
    if (n == name) return v;
  return {};
}

HeaderValue parse_header_value(std::string_view text) {
  HeaderValue out;
  size_t i = text.find(';');
  out.value = ascii_lowercase(trim(text.substr(0, i)));
  std::map<std::string, std::vector<Section>> sections;
  std::vector<std::string> order;
  while (i != std::string_view::npos && i < text.size()) {
    ++i;  // past ';'
    while (i < text.size() && is_space(text[i])) ++i;
    const size_t eq = text.find_first_of("=;", i);
    if (eq == std::string_view::npos || text[eq] == ';') {  // a parameter without value: left out
      i = eq;
      continue;
    }
    std::string name = ascii_lowercase(trim(text.substr(i, eq - i)));
    i = eq + 1;
    while (i < text.size() && is_space(text[i])) ++i;
    std::string value;
    if (i < text.size() && text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
      }
      i = text.find(';', i);
    } else {
      const size_t end = text.find(';', i);
      value = std::string(trim(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i)));
      i = end;
    }
    if (name.empty()) continue;
    // RFC 2231: "name*" (extended), "name*N" and "name*N*" (sections).
    Section section;
    section.value = std::move(value);
    if (name.back() == '*') {
      section.extended = true;
      name.pop_back();
    }
    if (const size_t star = name.rfind('*'); star != std::string::npos) {
      const auto n = parse_u64(std::string_view(name).substr(star + 1));
      if (n && *n < 1000) {
        section.number = static_cast<int>(*n);
        name.resize(star);
      }
    }
    if (!sections.count(name)) order.push_back(name);
    sections[name].push_back(std::move(section));
  }
  for (const std::string& name : order) {
    std::vector<Section>& parts = sections[name];
    std::stable_sort(parts.begin(), parts.end(), [](const Section& a, const Section& b) { return a.number < b.number; });
    std::string joined;
    for (size_t k = 0; k < parts.size(); ++k) {
      std::string_view v = parts[k].value;
      if (!parts[k].extended) {
        joined += v;
        continue;
      }
      if (k == 0) {  // charset'language'value
        const size_t first = v.find('\'');
        const size_t second = first == std::string_view::npos ? first : v.find('\'', first + 1);
        if (second != std::string_view::npos) v.remove_prefix(second + 1);
      }
      joined += percent_decoded(v);
    }
    out.params.emplace_back(name, std::move(joined));
  }
  return out;
}

TransferEncoding parse_transfer_encoding(std::string_view text) {
  const std::string e = ascii_lowercase(trim(parse_header_value(text).value));
  if (e == "base64") return TransferEncoding::Base64;
  if (e == "quoted-printable") return TransferEncoding::QuotedPrintable;
  return TransferEncoding::Identity;
}

bool is_field_name(std::string_view name) {
  if (name.empty() || name.size() > 76) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return c > ' ' && c < 127 && c != ':'; });
}

}  // namespace mailflow
