// mailflow: the engine's command-line shell. Dispatches to one command per cmd_<name>.cpp.
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "command.h"
#include "output.h"

namespace mailflow::shell {

namespace {

constexpr std::array<const Command*, 5> kCommands = {&kAggregateCommand, &kReportCommand, &kConnectorsCommand,
                                                     &kPartnersCommand, &kMergeCommand};

std::string general_help() {
  std::string text =
      "Usage: mailflow COMMAND [OPTIONS] FILE...\n"
      "\n"
      "Mail-flow TLS and connector report from mail log exports (Exchange Online and Exchange\n"
      "Server exports, MTA logs, ...), computed locally.\n"
      "\n"
      "Commands:\n";
  for (const Command* command : kCommands) {
    std::string line = "  " + std::string(command->name);
    line.resize(14, ' ');
    text += line + std::string(command->summary) + "\n";
  }
  text +=
      "\n"
      "Options:\n"
      "  --help        this text; `mailflow COMMAND --help` for a command's options\n"
      "  --version     the version\n"
      "\n"
      "Exit status: 0 when the input was read (skipped rows are reported, not fatal), 1 when an\n"
      "input could not be opened or recognised, 2 for a wrong command line.\n";
  return text;
}

const Command* find_command(std::string_view name) {
  for (const Command* command : kCommands) {
    if (command->name == name) return command;
  }
  return nullptr;
}

}  // namespace

int usage_error(std::string_view command, std::string_view message) {
  std::fprintf(stderr, "mailflow %.*s: %.*s (see mailflow %.*s --help)\n",
               static_cast<int>(command.size()), command.data(), static_cast<int>(message.size()),
               message.data(), static_cast<int>(command.size()), command.data());
  return kExitUsage;
}

int run(std::vector<std::string_view> arguments) {
  if (arguments.empty()) {
    std::fputs(general_help().c_str(), stderr);
    return kExitUsage;
  }
  const std::string_view first = arguments.front();
  if (first == "--version" || first == "-V") {
    return write_stdout("mailflow " MAILFLOW_VERSION "\n") ? kExitOk : kExitInputError;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    if (arguments.size() > 1 && first == "help") {
      if (const Command* command = find_command(arguments[1])) {
        return write_stdout(command->help) ? kExitOk : kExitInputError;
      }
    }
    return write_stdout(general_help()) ? kExitOk : kExitInputError;
  }

  const Command* command = find_command(first);
  if (command == nullptr) {
    std::fprintf(stderr, "mailflow: unknown command \"%.*s\" (see mailflow --help)\n",
                 static_cast<int>(first.size()), first.data());
    return kExitUsage;
  }
  std::string error;
  const std::vector<std::string_view> rest(arguments.begin() + 1, arguments.end());
  const std::optional<ParsedArguments> parsed = parse_arguments(rest, command->options, error);
  if (!parsed) return usage_error(command->name, error);
  if (parsed->has("help")) return write_stdout(command->help) ? kExitOk : kExitInputError;
  return command->run(*parsed);
}

}  // namespace mailflow::shell

int main(int argc, char** argv) {
  return mailflow::shell::run(std::vector<std::string_view>(argv + 1, argv + argc));
}
