// Small text helpers shared by the readers. ASCII-only case folding: every keyword the formats use
// is ASCII, and folding bytes keeps UTF-8 intact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "util/load.h"

namespace mailflow {

constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Inline: called for nearly every field of every row.
constexpr std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}
// a == b for short texts (a field against a known spelling), compared inline: in wasm a view's
// operator== calls memcmp, a byte loop behind a call.
constexpr bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}
// a == b for a name against the one its hash found (a connector's), inline as same_text, eight
// bytes at a time from eight bytes on (the last word overlapping the one before).
inline bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  const size_t size = a.size();
  if (size < 8) return same_text(a, b);
  for (size_t at = 0; at + 8 < size; at += 8)
    if (load64(a.data() + at) != load64(b.data() + at)) return false;
  return load64(a.data() + size - 8) == load64(b.data() + size - 8);
}
// a < b as a view compares them (bytes unsigned), eight bytes at a time: names sorted for a report
// share long prefixes, and in wasm a view's compare calls memcmp, a byte loop.
bool text_less(std::string_view a, std::string_view b);
constexpr bool starts_with_text(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && same_text(text.substr(0, prefix.size()), prefix);
}
bool iequals(std::string_view a, std::string_view b);
// A copy with ASCII letters in lower case.
std::string ascii_lowercase(std::string_view s);
bool istarts_with(std::string_view s, std::string_view prefix);
// Position of `needle` in `haystack`, ignoring ASCII case; npos when absent.
size_t ifind(std::string_view haystack, std::string_view needle, size_t from = 0);

// Room for at least `n` bytes, keeping a larger capacity. libc++ before LLVM 15 (Emscripten's)
// reallocates on every reserve() that differs from the capacity, shrinking too: a buffer reserved
// per record was a malloc and a free per record in wasm.
inline void reserve_at_least(std::string& s, size_t n) {
  if (s.capacity() < n) s.reserve(n);
}

// Appends `item` to the list `out` holds, after `separator` unless the list is empty.
inline void append_listed(std::string& out, std::string_view separator, std::string_view item) {
  if (!out.empty()) out += separator;
  out += item;
}

// Appends a code point as UTF-8; values beyond U+10FFFF become U+FFFD.
void append_utf8(std::string& out, uint32_t code_point);
// The same written at `out` (room for 4 bytes); returns the bytes written.
size_t write_utf8(char* out, uint32_t code_point);

// Unsigned decimal; rejects signs, blanks inside, and values above UINT64_MAX. Inline: read on
// most rows, and GCC returns an optional<uint64_t> from a call through the stack, a stalled store
// forward (perf annotate: half of its samples on the `ret`).
inline std::optional<uint64_t> parse_u64(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  uint64_t value = 0;
  const bool may_overflow = s.size() > 19;  // below 10^19 there is nothing to check
  for (char c : s) {
    if (!is_digit(c)) return std::nullopt;
    const auto digit = static_cast<uint64_t>(c - '0');
    if (may_overflow && value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}
// Decimal with an optional fraction and ',' or '.' as separator, e.g. "12.5", "12,5"; no exponent.
std::optional<double> parse_decimal(std::string_view s);

}  // namespace mailflow
