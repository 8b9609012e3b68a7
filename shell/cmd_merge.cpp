// `mailflow merge`: several aggregate JSON files as one.
#include <array>

#include "aggregate/aggregate_json.h"
#include "command.h"
#include "input.h"
#include "output.h"

namespace mailflow::shell {

namespace {

constexpr std::array<OptionSpec, 3> kOptions = {{{"pretty", false}, {"no-hosts", false}, {"help", false}}};

constexpr std::string_view kHelp = R"help(Usage: mailflow merge [OPTIONS] AGGREGATE.json...

Merges aggregate JSON files (as written by `mailflow aggregate`) and saved reports (.html, as
written by the page's "Save report" or `mailflow report --html`) into one aggregate and prints it:
counts of the same day, direction, connector and TLS version are added, top hosts are combined, and
every input's source reports are kept. FILE may be - for stdin.

Options:
  --pretty              indent the JSON
  --no-hosts            leave remote host names out
)help";

int run(const ParsedArguments& arguments) {
  if (arguments.positional.empty()) return usage_error("merge", "no aggregate files to merge");
  Aggregate merged;
  for (const std::string& path : arguments.positional) {
    const std::optional<Aggregate> aggregate = load_aggregate_file(path);
    if (!aggregate) return kExitInputError;
    merged.merge(*aggregate);
  }
  JsonWriteOptions json;
  json.remote_hosts = !arguments.has("no-hosts");
  json.indent = arguments.has("pretty") ? 2 : -1;
  return write_stdout_line(aggregate_to_json(merged, json)) ? kExitOk : kExitInputError;
}

}  // namespace

const Command kMergeCommand{"merge", "merge aggregate JSON files into one", kHelp, kOptions, run};

}  // namespace mailflow::shell
