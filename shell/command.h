// What every shell command is: a name, its help, the options it takes and the function that runs
// it. One command per cmd_<name>.cpp; main.cpp only dispatches.
#pragma once

#include <span>
#include <string_view>

#include "arguments.h"

namespace mailflow::shell {

// Exit codes: 0 the input was read (skipped rows are reported, not fatal); 1 an input could not be
// opened, recognised or written; 2 the command line was wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;
inline constexpr int kExitUsage = 2;

struct Command {
  std::string_view name;
  std::string_view summary;  // one line for `mailflow --help`
  std::string_view help;     // the full text for `mailflow NAME --help`
  std::span<const OptionSpec> options;
  int (*run)(const ParsedArguments& arguments);
};

extern const Command kAggregateCommand;
extern const Command kReportCommand;
extern const Command kConnectorsCommand;
extern const Command kMergeCommand;
extern const Command kPartnersCommand;

// Prints "mailflow: <message>" and a pointer to the command's help on stderr; returns kExitUsage.
int usage_error(std::string_view command, std::string_view message);

}  // namespace mailflow::shell
