// The languages mailflow speaks to people in. English is the engine's own language (its texts are
// the message ids of text/messages.h); German is rendered from them.
#pragma once

#include <optional>
#include <string_view>

namespace mailflow {

enum class Language { En, De };

// "de", "de_DE.UTF-8", "en", "C" ... -> the language; nullopt for an empty or unknown name.
std::optional<Language> language_from_name(std::string_view name);
// The language of a POSIX locale environment: the first of LC_ALL, LC_MESSAGES and LANG that is
// set and not empty decides (as setlocale() does); German when it starts with "de".
Language language_from_locale(const char* lc_all, const char* lc_messages, const char* lang);
// "en" / "de", as the page's language switch and the saved report's view state name them.
std::string_view language_key(Language language);

}  // namespace mailflow
