// The --lang de|en option of the commands that print for people: without it, the language of the
// locale environment (LC_ALL, LC_MESSAGES, LANG starting with "de" means German).
#pragma once

#include <optional>
#include <string>

#include "arguments.h"
#include "text/language.h"

namespace mailflow::shell {

inline constexpr OptionSpec kLangOption{"lang", true};

// nullopt with `error` set when --lang names a language mailflow does not speak.
std::optional<Language> parse_language_option(const ParsedArguments& arguments, std::string& error);

}  // namespace mailflow::shell
