// `mailflow connectors`: the connector report per day, as the EAC's CSV export or as a table.
#include <array>

#include "command.h"
#include "connector_option.h"
#include "language_option.h"
#include "export/connector_csv.h"
#include "output.h"
#include "range_options.h"
#include "report_text.h"
#include "view_inputs.h"

namespace mailflow::shell {

namespace {

constexpr std::array<OptionSpec, 11> kOptions = {{kThreadsOption, kFromOption, kToOption, kDaysOption, kAllOption,
                                                  kConnectorOption, kLangOption, {"csv", false},
                                                 {"utc-offset", true}, {"year", true}, {"help", false}}};

constexpr std::string_view kHelp = R"help(Usage: mailflow connectors [OPTIONS] FILE...

Prints the connector report: one row per day, direction and connector with the number of messages
per TLS version, as the Exchange admin center's connector report export. FILE may be - for stdin.

Options:
  --csv                 write CSV (columns Date,Direction,Connector,No TLS,TLS 1.0,TLS 1.1,
                        TLS 1.2,TLS 1.3,Volume,SSL 3.0,Unknown TLS version,No TLS data);
                        without it, a table
  --lang de|en          the language of the table (CSV stays as it is); default: German when
                        LC_ALL, LC_MESSAGES or LANG starts with "de", else English
  --days N              the last N days of the data, 1 to 30 (default 7)
  --from YYYY-MM-DD     first day of the range (with --to: any length)
  --to YYYY-MM-DD       last day of the range
  --all                 every day of the data
  --connector NAME      only this connector ("(no connector)", "(unknown connector)" allowed)
  --utc-offset +HH:MM   zone of timestamps written without one (default +00:00)
  --year YYYY           year of syslog lines written without one (default: from the log, else this build's)
  --threads N           threads to read with (default: every core; 1 = one thread; the answer is the same)
)help";

int run(const ParsedArguments& arguments) {
  int exit_code = kExitOk;
  std::optional<ViewInputs> inputs = read_view_inputs("connectors", arguments, exit_code);
  if (!inputs) return exit_code;
  const RangeRequest& request = inputs->request;
  const Aggregate& aggregate = inputs->aggregate;
  const ConnectorChoice& choice = inputs->choice;

  // No data and no range asked for: an empty report, still with its header.
  const DateRange range = resolve(request, aggregate).value_or(DateRange{0, -1});
  const std::vector<ConnectorCsvRow> rows = connector_daily_rows(aggregate, range, choice);
  std::string language_error;
  const std::optional<Language> language = parse_language_option(arguments, language_error);
  if (!language) return usage_error("connectors", language_error);
  const std::string out = arguments.has("csv") ? connector_csv(rows) : connector_rows_text(rows, *language);
  return write_stdout(out) ? kExitOk : kExitInputError;
}

}  // namespace

const Command kConnectorsCommand{"connectors", "print the connector report per day (CSV with --csv)",
                                 kHelp, kOptions, run};

}  // namespace mailflow::shell
