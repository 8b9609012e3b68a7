// `mailflow aggregate`: the inputs as one aggregate JSON (schema mailflow.aggregate.v1).
#include <array>

#include "aggregate/aggregate_json.h"
#include "command.h"
#include "input.h"
#include "output.h"
#include "range_options.h"

namespace mailflow::shell {

namespace {

constexpr std::array<OptionSpec, 8> kOptions = {{kThreadsOption, kFromOption, kToOption, {"utc-offset", true}, {"year", true},
                                                 {"pretty", false}, {"no-hosts", false}, {"help", false}}};

constexpr std::string_view kHelp = R"help(Usage: mailflow aggregate [OPTIONS] FILE...

Reads mail log exports and prints their aggregate as JSON (schema mailflow.aggregate.v1): messages
and bytes per day, direction, connector and TLS version, the top remote hosts, and a report of
every input. Without --from/--to the aggregate covers all of the data. FILE may be - for stdin.

Options:
  --from YYYY-MM-DD     leave out days before this one
  --to YYYY-MM-DD       leave out days after this one
  --utc-offset +HH:MM   zone of timestamps written without one (default +00:00)
  --year YYYY           year of syslog lines written without one (default: from the log, else this build's)
  --threads N           threads to read with (default: every core; 1 = one thread; the answer is the same)
  --pretty              indent the JSON
  --no-hosts            leave remote host names out (to share the aggregate without them)
)help";

int run(const ParsedArguments& arguments) {
  std::string error;
  const std::optional<RangeRequest> range = parse_range_options(arguments, error);
  if (!range) return usage_error("aggregate", error);
  const std::optional<SessionOptions> options = parse_session_options(arguments, error);
  if (!options) return usage_error("aggregate", error);
  if (arguments.positional.empty()) return usage_error("aggregate", "no input files (give FILE... or - for stdin)");

  Session session(*options);
  if (!read_inputs(arguments.positional, session)) return kExitInputError;

  JsonWriteOptions json;
  json.from = range->from;
  json.to = range->to;
  json.remote_hosts = !arguments.has("no-hosts");
  json.indent = arguments.has("pretty") ? 2 : -1;
  json.threads = options->threads;
  return write_stdout_line(aggregate_to_json(std::move(session).aggregate(), json)) ? kExitOk : kExitInputError;
}

}  // namespace

const Command kAggregateCommand{"aggregate", "print the inputs' aggregate as JSON", kHelp, kOptions, run};

}  // namespace mailflow::shell
