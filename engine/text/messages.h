// The message catalogue: every text the engine writes for people (skip reasons, problems, notes,
// errors, format names, insight titles and sentences, hints) in English and German.
//
// gettext style: the English text is the message id, so readers and views keep writing plain
// English and an aggregate saved long ago translates as well as a fresh one. A text with figures
// or names is matched against templates with placeholders, and its German is the template's German
// with the same parameters, written the German way:
//   {n}  a count ("1,234" or "1234")     -> "1.234" (English groups it too: "1,234")
//   {f}  a decimal ("1.5")               -> "1,5"
//   {p}  a percentage ("84.7%")          -> "84,7 %"
//   {d}  a day ("2026-11-24")            -> "24.11.2026"
//   {s}  any text, kept as it is (a file name, a quoted value)
//   {t}  any text that is itself a catalogue text, rendered in the language too
//   {l}  a list "a, b, c" of catalogue texts, each rendered
//   {F}  a list of format names (FormatInfo::name), each rendered
// A digit after the letter tells several of a kind apart ({n}, {n2}). A plural picks its form by a
// count: {n|report|reports} matches either English form, and writes the form that goes with the
// count, in German {n|Bericht|Berichte} as well; so English texts render through their templates
// too, and "1 reports" of an older reader reads "1 report". Each template has a stable code ("skip.unreadable_date") that
// the aggregate JSON stores beside the English text.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "text/language.h"

namespace mailflow {

struct MessageTemplate {
  std::string_view code;
  std::string_view english;
  std::string_view german;
};

// Every template, English and German.
std::span<const MessageTemplate> message_catalogue();

// The template an English engine text matches, nullptr when none does.
const MessageTemplate* find_message(std::string_view english);
// Its code, "" when no template matches.
std::string_view message_code(std::string_view english);
// The text in `language`; nullopt when it is German and no template matches (English without a
// template is returned as it is).
std::optional<std::string> translate_message(std::string_view english, Language language);
// The text in `language`, the English itself when the catalogue lacks it.
std::string render_message(std::string_view english, Language language);
// The English text with the values of its {s} placeholders (a quoted value, a program's name)
// written "...": `size "x1" is not a whole number of bytes` -> `size "..." is not a whole number of
// bytes`, which the same template still matches. nullopt when the text has no such value (no
// template matches it, or its template has no {s}).
std::optional<std::string> without_values(std::string_view english);

}  // namespace mailflow
