// A small command-line parser: `--name value`, `--name=value` and flags, anywhere among the
// positional arguments; `--` ends the options; a lone `-` is a positional argument (stdin).
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace mailflow::shell {

struct OptionSpec {
  std::string_view name;  // without the leading "--"
  bool takes_value = false;
};

struct ParsedArguments {
  std::map<std::string, std::string, std::less<>> options;  // name -> value ("" for flags)
  std::vector<std::string> positional;

  bool has(std::string_view name) const { return options.find(name) != options.end(); }
  std::optional<std::string> value(std::string_view name) const;
};

// nullopt with `error` set for an unknown option or an option missing its value. `-h` is read
// as `--help`. When repeated, the last value wins.
std::optional<ParsedArguments> parse_arguments(std::span<const std::string_view> arguments,
                                               std::span<const OptionSpec> specs, std::string& error);

}  // namespace mailflow::shell
