#include "arguments.h"

#include <algorithm>

namespace mailflow::shell {

std::optional<std::string> ParsedArguments::value(std::string_view name) const {
  const auto it = options.find(name);
  if (it == options.end()) return std::nullopt;
  return it->second;
}

std::optional<ParsedArguments> parse_arguments(std::span<const std::string_view> arguments,
                                               std::span<const OptionSpec> specs, std::string& error) {
  ParsedArguments parsed;
  bool options_ended = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    std::string_view argument = arguments[i];
    if (options_ended || argument == "-" || argument.size() < 2 || argument[0] != '-') {
      parsed.positional.emplace_back(argument);
      continue;
    }
    if (argument == "--") {
      options_ended = true;
      continue;
    }
    if (argument == "-h") argument = "--help";
    if (argument.substr(0, 2) != "--") {
      error = "unknown option " + std::string(argument);
      return std::nullopt;
    }
    std::string_view name = argument.substr(2);
    std::optional<std::string_view> inline_value;
    if (const size_t eq = name.find('='); eq != std::string_view::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const auto spec = std::find_if(specs.begin(), specs.end(),
                                   [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      error = "unknown option --" + std::string(name);
      return std::nullopt;
    }
    if (!spec->takes_value) {
      if (inline_value) {
        error = "--" + std::string(name) + " takes no value";
        return std::nullopt;
      }
      parsed.options[std::string(name)] = "";
      continue;
    }
    if (inline_value) {
      parsed.options[std::string(name)] = std::string(*inline_value);
    } else if (i + 1 < arguments.size()) {
      parsed.options[std::string(name)] = std::string(arguments[++i]);
    } else {
      error = "--" + std::string(name) + " needs a value";
      return std::nullopt;
    }
  }
  return parsed;
}

}  // namespace mailflow::shell
