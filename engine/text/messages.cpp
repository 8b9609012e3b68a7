// The template matcher. A template is cut once into literal pieces, placeholders and plural
// choices; a text is matched piece by piece, trying the shortest text for {s} and {t} first and
// backtracking, so "{p} of {t} had no TLS ({t2})." finds the phrase before " had no TLS (".
#include "text/messages.h"

#include <charconv>
#include <unordered_map>
#include <vector>

#include "model/day.h"
#include "report/number_format.h"

namespace mailflow {

namespace {

struct Piece {
  enum class Kind { Literal, Placeholder, Plural } kind;
  std::string_view text;                 // Literal: the text; Placeholder/Plural: the name ("n2")
  std::vector<std::string_view> forms;   // Plural: singular, plural
};

std::vector<Piece> cut(std::string_view pattern) {
  std::vector<Piece> pieces;
  size_t at = 0;
  while (at < pattern.size()) {
    const size_t open = pattern.find('{', at);
    if (open == std::string_view::npos) {
      pieces.push_back({Piece::Kind::Literal, pattern.substr(at), {}});
      break;
    }
    if (open > at) pieces.push_back({Piece::Kind::Literal, pattern.substr(at, open - at), {}});
    const size_t close = pattern.find('}', open);
    std::string_view inside = pattern.substr(open + 1, close - open - 1);
    const size_t bar = inside.find('|');
    if (bar == std::string_view::npos) {
      pieces.push_back({Piece::Kind::Placeholder, inside, {}});
    } else {
      Piece plural{Piece::Kind::Plural, inside.substr(0, bar), {}};
      std::string_view rest = inside.substr(bar + 1);
      const size_t second = rest.find('|');
      plural.forms = {rest.substr(0, second), rest.substr(second + 1)};
      pieces.push_back(std::move(plural));
    }
    at = close + 1;
  }
  return pieces;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The lengths a placeholder of `kind` may take at the start of `text`, longest first for the
// figures (their extent is fixed) and shortest first for the texts.
std::vector<size_t> candidate_lengths(char kind, std::string_view text) {
  std::vector<size_t> lengths;
  size_t n = 0;
  switch (kind) {
    case 'n': {  // 1234 or 1,234 (groups of exactly three after a comma)
      while (n < text.size() && is_digit(text[n])) ++n;
      if (n == 0) return lengths;
      lengths.push_back(n);
      while (n + 4 <= text.size() && text[n] == ',' && is_digit(text[n + 1]) &&
             is_digit(text[n + 2]) && is_digit(text[n + 3])) {
        n += 4;
        lengths.insert(lengths.begin(), n);
      }
      return lengths;
    }
    case 'f':
    case 'p': {
      while (n < text.size() && is_digit(text[n])) ++n;
      if (n == 0) return lengths;
      if (n + 1 < text.size() && text[n] == '.' && is_digit(text[n + 1])) {
        ++n;
        while (n < text.size() && is_digit(text[n])) ++n;
      }
      if (kind == 'p') {
        if (n < text.size() && text[n] == '%') lengths.push_back(n + 1);
        return lengths;
      }
      lengths.push_back(n);
      return lengths;
    }
    case 'd': {
      if (text.size() >= 10 && is_digit(text[0]) && is_digit(text[3]) && text[4] == '-' && text[7] == '-' &&
          is_digit(text[9]))
        lengths.push_back(10);
      return lengths;
    }
    default:  // s, t, l, F: any text, shortest first
      for (size_t i = 0; i <= text.size(); ++i) lengths.push_back(i);
      return lengths;
  }
}

bool translatable(char kind, std::string_view text) {
  if (kind == 't') return text.empty() || translate_message(text, Language::De).has_value();
  size_t at = 0;
  while (true) {
    const size_t comma = text.find(", ", at);
    if (!translate_message(text.substr(at, comma - at), Language::De)) return false;
    if (comma == std::string_view::npos) return true;
    at = comma + 2;
  }
}

using Captures = std::vector<std::pair<std::string_view, std::string_view>>;  // name, text

bool match(const std::vector<Piece>& pieces, size_t index, std::string_view text, Captures& captures) {
  if (index == pieces.size()) return text.empty();
  const Piece& piece = pieces[index];
  switch (piece.kind) {
    case Piece::Kind::Literal:
      return text.starts_with(piece.text) && match(pieces, index + 1, text.substr(piece.text.size()), captures);
    case Piece::Kind::Plural:
      for (std::string_view form : piece.forms)
        if (text.starts_with(form) && match(pieces, index + 1, text.substr(form.size()), captures)) return true;
      return false;
    case Piece::Kind::Placeholder: {
      // A text placeholder followed by a literal can only end where that literal begins.
      const char kind = piece.text.empty() ? 's' : piece.text[0];
      const bool is_text = kind == 's' || kind == 't' || kind == 'l' || kind == 'F';
      const Piece* next = index + 1 < pieces.size() ? &pieces[index + 1] : nullptr;
      for (size_t length : candidate_lengths(kind, text)) {
        if (is_text && next && next->kind == Piece::Kind::Literal &&
            text.substr(length, next->text.size()) != next->text)
          continue;
        if (is_text && !next && length != text.size()) continue;
        // A phrase of the catalogue must be one, or the template does not match.
        if ((kind == 't' || kind == 'l') && !translatable(kind, text.substr(0, length))) continue;
        captures.emplace_back(piece.text, text.substr(0, length));
        if (match(pieces, index + 1, text.substr(length), captures)) return true;
        captures.pop_back();
      }
      return false;
    }
  }
  return false;
}

uint64_t count_value(std::string_view english) {
  uint64_t value = 0;
  for (char c : english)
    if (is_digit(c)) value = value * 10 + static_cast<uint64_t>(c - '0');
  return value;
}

// "1 TLS 1.2, 3 without TLS": each item rendered on its own.
std::string render_list(std::string_view english, Language language) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t comma = english.find(", ", at);
    out += render_message(english.substr(at, comma - at), language);
    if (comma == std::string_view::npos) return out;
    out += ", ";
    at = comma + 2;
  }
}

// A list of format names (which hold commas themselves): each name replaced by its German.
std::string render_format_names(std::string_view english, Language language) {
  std::string out(english);
  for (const MessageTemplate& t : message_catalogue()) {
    if (!t.code.starts_with("format.")) continue;
    const std::string_view to = language == Language::De ? t.german : t.english;
    for (size_t at = out.find(t.english); at != std::string::npos; at = out.find(t.english, at + to.size()))
      out.replace(at, t.english.size(), to);
  }
  return out;
}

std::string localised(char kind, std::string_view english, Language language) {
  if (kind == 't') return render_message(english, language);
  if (kind == 'l') return render_list(english, language);
  if (kind == 'F') return render_format_names(english, language);
  // Counts are grouped in English too: readers write them as std::to_string does.
  if (kind == 'n') return format_count(count_value(english), language);
  if (language == Language::En) return std::string(english);
  switch (kind) {
    case 'f': {
      std::string text(english);
      for (char& c : text)
        if (c == '.') c = ',';
      return text;
    }
    case 'p': {
      std::string text(english.substr(0, english.size() - 1));
      for (char& c : text)
        if (c == '.') c = ',';
      return text + " %";
    }
    case 'd': {
      int year = 0, month = 0, day = 0;
      std::from_chars(english.data(), english.data() + 4, year);
      std::from_chars(english.data() + 5, english.data() + 7, month);
      std::from_chars(english.data() + 8, english.data() + 10, day);
      if (!is_valid_civil({year, month, day})) return std::string(english);
      return format_day(day_from_civil({year, month, day}), language);
    }
    default: return std::string(english);
  }
}

std::string_view captured(const Captures& captures, std::string_view name) {
  for (const auto& [n, text] : captures)
    if (n == name) return text;
  return {};
}

std::string fill(std::string_view pattern, const Captures& captures, Language language) {
  std::string out;
  for (const Piece& piece : cut(pattern)) {
    switch (piece.kind) {
      case Piece::Kind::Literal: out += piece.text; break;
      case Piece::Kind::Placeholder:
        out += localised(piece.text.empty() ? 's' : piece.text[0], captured(captures, piece.text), language);
        break;
      case Piece::Kind::Plural:
        out += count_value(captured(captures, piece.text)) == 1 ? piece.forms[0] : piece.forms[1];
        break;
    }
  }
  return out;
}

struct CompiledTemplate {
  const MessageTemplate* entry;
  std::vector<Piece> pieces;
};

// The catalogue cut into pieces once: exact texts in a hash map, the others in catalogue order.
struct Index {
  std::unordered_map<std::string_view, const MessageTemplate*> exact;
  std::vector<CompiledTemplate> patterns;
};

const Index& index() {
  static const Index built = [] {
    Index i;
    for (const MessageTemplate& t : message_catalogue()) {
      if (t.english.find('{') == std::string_view::npos) i.exact.emplace(t.english, &t);
      else i.patterns.push_back({&t, cut(t.english)});
    }
    return i;
  }();
  return built;
}

const CompiledTemplate* find_compiled(std::string_view english, Captures& captures) {
  for (const CompiledTemplate& t : index().patterns) {
    // Most templates begin with a literal: a cheap test before the matcher.
    const Piece& first = t.pieces.front();
    if (first.kind == Piece::Kind::Literal && !english.starts_with(first.text)) continue;
    captures.clear();
    if (match(t.pieces, 0, english, captures)) return &t;
  }
  return nullptr;
}

}  // namespace

const MessageTemplate* find_message(std::string_view english) {
  if (auto it = index().exact.find(english); it != index().exact.end()) return it->second;
  Captures captures;
  const CompiledTemplate* t = find_compiled(english, captures);
  return t ? t->entry : nullptr;
}

std::string_view message_code(std::string_view english) {
  const MessageTemplate* t = find_message(english);
  return t ? t->code : std::string_view{};
}

std::optional<std::string> translate_message(std::string_view english, Language language) {
  if (auto it = index().exact.find(english); it != index().exact.end())
    return std::string(language == Language::De ? it->second->german : it->second->english);
  Captures captures;
  const CompiledTemplate* t = find_compiled(english, captures);
  if (!t) return language == Language::En ? std::optional<std::string>(english) : std::nullopt;
  // English too goes through its template: its plurals then agree with their counts.
  return fill(language == Language::De ? t->entry->german : t->entry->english, captures, language);
}

std::optional<std::string> without_values(std::string_view english) {
  Captures captures;
  const CompiledTemplate* t = find_compiled(english, captures);
  bool has_value = false;
  if (t)
    for (auto& [name, text] : captures)
      if (name.empty() || name[0] == 's') text = "...", has_value = true;
  if (!has_value) return std::nullopt;
  return fill(t->entry->english, captures, Language::En);
}

std::string render_message(std::string_view english, Language language) {
  std::optional<std::string> text = translate_message(english, language);
  return text ? std::move(*text) : std::string(english);
}

}  // namespace mailflow
