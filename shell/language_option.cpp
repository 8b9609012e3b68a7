#include "language_option.h"

#include <cstdlib>

namespace mailflow::shell {

std::optional<Language> parse_language_option(const ParsedArguments& arguments, std::string& error) {
  if (const auto value = arguments.value("lang")) {
    if (*value == "de") return Language::De;
    if (*value == "en") return Language::En;
    error = "--lang " + *value + ": the languages are de and en";
    return std::nullopt;
  }
  return language_from_locale(std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
}

}  // namespace mailflow::shell
