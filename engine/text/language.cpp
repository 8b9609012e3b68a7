#include "text/language.h"

namespace mailflow {

std::optional<Language> language_from_name(std::string_view name) {
  if (name.starts_with("de")) return Language::De;
  if (name.starts_with("en") || name == "C" || name == "POSIX" || name.starts_with("C.")) return Language::En;
  return std::nullopt;
}

Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang) {
  for (const char* value : {lc_all, lc_messages, lang}) {
    if (value == nullptr || *value == '\0') continue;
    return std::string_view(value).starts_with("de") ? Language::De : Language::En;
  }
  return Language::En;
}

std::string_view language_key(Language language) { return language == Language::De ? "de" : "en"; }

}  // namespace mailflow
