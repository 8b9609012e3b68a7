#include "formats/syslog_common/journal_json.h"

#include <optional>

#include "util/text.h"

namespace mailflow {

namespace {

// A field's value as found in the line, before it is unescaped or decoded.
struct RawValue {
  enum class Kind { Absent, String, Bytes, Null, Number } kind = Kind::Absent;
  std::string_view raw;  // String: between the quotes; Bytes: between the brackets; Number: the digits
  bool escaped = false;  // String with backslashes
};

// The reads a flat journal object needs. Every read checks its bounds, and nested values are
// skipped by counting brackets, never by recursion, so hostile nesting cannot exhaust the stack.
struct JsonCursor {
  std::string_view s;
  size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void skip_space() {
    while (!done() && is_space(s[i])) ++i;
  }
  bool take(char c) {
    skip_space();
    if (peek() != c) return false;
    ++i;
    return true;
  }
  // At an opening quote: the text up to the closing one.
  bool string(std::string_view& raw, bool& escaped) {
    if (peek() != '"') return false;
    const size_t start = ++i;
    escaped = false;
    while (!done() && s[i] != '"') {
      if (s[i] == '\\') escaped = true, ++i;
      ++i;
    }
    if (done()) return false;
    raw = s.substr(start, i - start);
    ++i;
    return true;
  }
  // Any value, whatever it holds.
  bool skip_value() {
    skip_space();
    size_t depth = 0;
    for (;;) {
      if (done()) return false;
      const char c = s[i];
      if (c == '"') {
        std::string_view ignored;
        bool escaped = false;
        if (!string(ignored, escaped)) return false;
      } else if (c == '[' || c == '{') {
        ++depth, ++i;
      } else if (c == ']' || c == '}') {
        if (depth == 0) return false;
        --depth, ++i;
      } else if (depth == 0) {  // a number, true, false or null: up to the next separator
        const size_t start = i;
        while (!done() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_space(s[i])) ++i;
        return i > start;
      } else {
        ++i;  // inside an array or object: separators, blanks, scalars
      }
      if (depth == 0) return true;
    }
  }
  bool literal(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
};

bool is_byte_list(std::string_view inner) {
  for (char c : inner)
    if (!is_digit(c) && c != ',' && !is_space(c)) return false;
  return true;
}

// At '[' followed by a digit or ']': a byte array ([50, 48, ...]), the value's bytes.
RawValue byte_array(JsonCursor& c) {
  const size_t open = c.i;
  const size_t close = c.s.find(']', open);
  if (close == std::string_view::npos || !is_byte_list(c.s.substr(open + 1, close - open - 1))) return {};
  c.i = close + 1;
  return {RawValue::Kind::Bytes, c.s.substr(open + 1, close - open - 1), false};
}

bool starts_byte_array(JsonCursor c) {
  ++c.i;
  c.skip_space();
  return is_digit(c.peek()) || c.peek() == ']';
}

// At '[': a byte array, or an array of the field's values (the field was given more than once),
// of which the last one counts. Deeper arrays are skipped, not descended into.
RawValue array_value(JsonCursor& c) {
  if (starts_byte_array(c)) return byte_array(c);
  ++c.i;
  RawValue last;
  for (;;) {
    c.skip_space();
    if (c.peek() == '"') {
      RawValue v{RawValue::Kind::String, {}, false};
      if (!c.string(v.raw, v.escaped)) return {};
      last = v;
    } else if (c.peek() == '[' && starts_byte_array(c)) {
      last = byte_array(c);
      if (last.kind == RawValue::Kind::Absent) return {};
    } else if (c.literal("null")) {
      last = {RawValue::Kind::Null, {}, false};
    } else if (!c.skip_value()) {
      return {};
    }
    if (c.take(',')) continue;
    if (c.take(']')) return last;
    return {};
  }
}

RawValue read_value(JsonCursor& c) {
  c.skip_space();
  const char first = c.peek();
  if (first == '"') {
    RawValue v{RawValue::Kind::String, {}, false};
    if (!c.string(v.raw, v.escaped)) v.kind = RawValue::Kind::Absent, c.i = c.s.size();
    return v;
  }
  if (first == '[') return array_value(c);
  if (c.literal("null")) return {RawValue::Kind::Null, {}, false};
  if (is_digit(first)) {
    const size_t start = c.i;
    while (is_digit(c.peek())) ++c.i;
    return {RawValue::Kind::Number, c.s.substr(start, c.i - start), false};
  }
  if (!c.skip_value()) c.i = c.s.size();  // an object or true/false: nothing a journal field holds
  return {};
}

unsigned hex_value(char c) {
  if (is_digit(c)) return static_cast<unsigned>(c - '0');
  c = ascii_lower(c);
  return c >= 'a' && c <= 'f' ? static_cast<unsigned>(c - 'a' + 10) : 16u;
}

// Four hex digits after "\u" at `at`; 0x110000 (not a code point) when they are not.
uint32_t hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return 0x110000;
  uint32_t v = 0;
  for (size_t k = 0; k < 4; ++k) {
    const unsigned d = hex_value(s[at + k]);
    if (d > 15) return 0x110000;
    v = v << 4 | d;
  }
  return v;
}

void append_unescaped(std::string_view raw, std::string& out) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out.push_back(raw[i]);
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        uint32_t cp = hex4(raw, i + 1);
        if (cp == 0x110000) {  // not an escape after all: keep it as written
          out.append("\\u");
          break;
        }
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF && raw.substr(i + 1, 2) == "\\u") {
          const uint32_t low = hex4(raw, i + 3);
          if (low >= 0xDC00 && low <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00), i += 6;
        }
        if ((cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) cp = 0xFFFD;  // lone surrogate; NUL
        append_utf8(out, cp);
        break;
      }
      default: out.push_back(e); break;  // \" \\ \/ (and any other character as itself)
    }
  }
}

void append_bytes(std::string_view list, std::string& out) {
  unsigned value = 0;
  bool in_number = false;
  for (char c : list) {
    if (is_digit(c)) {
      value = value * 10 + static_cast<unsigned>(c - '0');
      if (value > 255) value = 0xFFFD;  // keeps it out of byte range until the separator
      in_number = true;
    } else if (in_number) {
      if (value <= 255) out.push_back(static_cast<char>(value));
      value = 0, in_number = false;
    }
  }
  if (in_number && value <= 255) out.push_back(static_cast<char>(value));
}

// The text of a string or byte-array value: a view into the line when it needs no decoding,
// else appended to `scratch` (returned as offset and length, made a view once scratch is final).
struct Text {
  bool in_scratch = false;
  std::string_view view;
  size_t offset = 0, length = 0;
};

Text text_of(const RawValue& v, std::string& scratch) {
  Text t;
  if (v.kind == RawValue::Kind::String && !v.escaped) {
    t.view = v.raw;
  } else if (v.kind == RawValue::Kind::String || v.kind == RawValue::Kind::Bytes) {
    t.in_scratch = true;
    t.offset = scratch.size();
    if (v.kind == RawValue::Kind::String) append_unescaped(v.raw, scratch);
    else append_bytes(v.raw, scratch);
    t.length = scratch.size() - t.offset;
  }
  return t;
}

std::string_view view_of(const Text& t, const std::string& scratch) {
  return t.in_scratch ? std::string_view(scratch).substr(t.offset, t.length) : t.view;
}

// journald's VALID_REALTIME: after the epoch and before the year 3111.
std::optional<int64_t> microseconds(const RawValue& v) {
  if (v.kind != RawValue::Kind::String && v.kind != RawValue::Kind::Number) return std::nullopt;
  const auto us = parse_u64(v.raw);
  if (!us || *us == 0 || *us >= (uint64_t{1} << 55)) return std::nullopt;
  return static_cast<int64_t>(*us);
}

// The JSON text of a json, json-seq (RS before each object) or json-sse ("data: " before it) line.
std::string_view object_text(std::string_view line) {
  if (line.starts_with('\x1e')) line.remove_prefix(1);
  else if (line.starts_with("data: ")) line.remove_prefix(6);
  while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
  return line;
}

}  // namespace

bool looks_like_journal_json(std::string_view line) {
  line = object_text(line);
  return line.starts_with('{') && line.find("\"__REALTIME_TIMESTAMP\"") != std::string_view::npos;
}

JournalEntry parse_journal_json(std::string_view line, std::string& scratch) {
  JournalEntry out;
  JsonCursor c{object_text(line)};
  if (!c.take('{')) return out;
  RawValue realtime, source_realtime, identifier, comm, syslog_pid, pid, host, message;
  if (!c.take('}')) {
    for (;;) {
      c.skip_space();
      std::string_view key;
      bool escaped = false;
      if (!c.string(key, escaped) || !c.take(':')) return out;
      RawValue* slot = key == "MESSAGE"                      ? &message
                       : key == "__REALTIME_TIMESTAMP"       ? &realtime
                       : key == "_SOURCE_REALTIME_TIMESTAMP" ? &source_realtime
                       : key == "SYSLOG_IDENTIFIER"          ? &identifier
                       : key == "_COMM"                      ? &comm
                       : key == "SYSLOG_PID"                 ? &syslog_pid
                       : key == "_PID"                       ? &pid
                       : key == "_HOSTNAME"                  ? &host
                                                             : nullptr;
      if (slot) {
        *slot = read_value(c);
      } else if (!c.skip_value()) {
        return out;
      }
      if (c.take(',')) continue;
      if (c.take('}')) break;
      return out;
    }
  }
  auto time = microseconds(source_realtime);
  if (!time) time = microseconds(realtime);
  if (!time) return out;
  out.realtime_us = *time;
  if (message.kind == RawValue::Kind::Absent || message.kind == RawValue::Kind::Number) {
    out.shape = JournalEntry::Shape::NoMessage;
    return out;
  }
  if (message.kind == RawValue::Kind::Null) {
    out.shape = JournalEntry::Shape::MessageLeftOut;
    return out;
  }
  out.shape = JournalEntry::Shape::Entry;
  for (const RawValue* p : {&syslog_pid, &pid}) {
    const auto n = p->kind == RawValue::Kind::String || p->kind == RawValue::Kind::Number ? parse_u64(p->raw)
                                                                                         : std::nullopt;
    if (n && *n > 0 && *n <= UINT32_MAX) {
      out.pid = static_cast<uint32_t>(*n);
      break;
    }
  }
  scratch.clear();
  const bool named = identifier.kind == RawValue::Kind::String || identifier.kind == RawValue::Kind::Bytes;
  const Text program = text_of(named ? identifier : comm, scratch);
  const Text hostname = text_of(host, scratch);
  const Text text = text_of(message, scratch);
  out.program = view_of(program, scratch);
  out.host = view_of(hostname, scratch);
  out.message = view_of(text, scratch);
  if (out.program.empty()) out.program = "unknown";  // as journalctl prints an entry without either field
  return out;
}

}  // namespace mailflow
