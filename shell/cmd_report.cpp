// `mailflow report`: the dashboard's views as terminal tables.
#include <array>

#include "command.h"
#include "connector_option.h"
#include "language_option.h"
#include "output.h"
#include "partners_text.h"
#include "range_options.h"
#include "report/insights.h"
#include "report_file.h"
#include "report_text.h"
#include "text/messages.h"
#include "view_inputs.h"

namespace mailflow::shell {

namespace {

constexpr std::array<OptionSpec, 14> kOptions = {{kThreadsOption, kFromOption, kToOption, kDaysOption, kAllOption,
                                                  kConnectorOption, kLangOption,
                                                  {"utc-offset", true}, {"year", true}, kHtmlOption,
                                                  kPageOption, kNoHostsOption, {"min-tls", true}, {"help", false}}};

constexpr std::string_view kHelp = R"help(Usage: mailflow report [OPTIONS] FILE...

Reads mail log exports (or aggregate JSON files) and prints the mail-flow report: the inputs and
what became of their rows, inbound and outbound volume with the share protected by TLS, the TLS
versions per day, the connector report (TLS usage per connector) and the insights ("No TLS is over
25%", "TLS 1.0 is above 50%", TLS 1.1 still in use, TLS share got worse) with the remote hosts
behind them. Shares are taken over the messages whose TLS state the input records. FILE may be -
for stdin.

Options:
  --days N              the last N days of the data, 1 to 30 (default 7)
  --from YYYY-MM-DD     first day of the range (with --to: any length)
  --to YYYY-MM-DD       last day of the range
  --all                 every day of the data
  --connector NAME      also show this connector per day; "(no connector)" and
                        "(unknown connector)" name mail without a connector or of unknown connector
  --lang de|en          the language of the report (words, numbers, days); default: German when
                        LC_ALL, LC_MESSAGES or LANG starts with "de", else English
  --min-tls any|1.2|1.3 add what requiring TLS, TLS 1.2 or later, or TLS 1.3 would refuse, per
                        direction (for the connector given, else all): messages, partners, days
  --utc-offset +HH:MM   zone of timestamps written without one (default +00:00)
  --year YYYY           year of syslog lines written without one (default: from the log, else this build's)
  --threads N           threads to read with (default: every core; 1 = one thread; the answer is the same)
  --html OUT.html       instead of the tables, write the saved report: one self-contained .html
                        file with the interactive dashboard and the aggregate (never messages,
                        subjects or addresses), opening on the range and connector given; the
                        same file as the page's "Save report". - writes it to stdout
  --no-hosts            with --html: leave remote host names out of the report
  --page PATH           with --html: the mailflow page to build it from (default: $MAILFLOW_PAGE,
                        else mailflow.html next to this program or in ../share/mailflow/ (where
                        the package installs it), else the build/wasm/web folder of the source tree)

FILE may also be an aggregate JSON (mailflow aggregate) or a saved report .html.
)help";

int run(const ParsedArguments& arguments) {
  int exit_code = kExitOk;
  std::optional<ViewInputs> inputs = read_view_inputs("report", arguments, exit_code);
  if (!inputs) return exit_code;
  const RangeRequest& request = inputs->request;
  const Aggregate& aggregate = inputs->aggregate;
  const ConnectorChoice& choice = inputs->choice;
  if (arguments.has("html"))
    return write_report_file(arguments, aggregate, report_state_for(request, resolve(request, aggregate), choice));
  if (arguments.has("no-hosts") || arguments.has("page")) return usage_error("report", "--no-hosts and --page go with --html");

  std::string language_error;
  const std::optional<Language> language = parse_language_option(arguments, language_error);
  if (!language) return usage_error("report", language_error);
  std::optional<TlsPolicy> policy;
  if (auto text = arguments.value("min-tls")) {
    policy = parse_tls_policy(*text);
    if (!policy) return usage_error("report", "--min-tls must be any, 1.2 or 1.3, not \"" + *text + "\"");
  }

  std::string out = sources_text(aggregate, *language);
  // Each section after a blank line, appended as it is (`"\n" + text` moved the whole text).
  const auto section = [&out](const std::string& text) {
    out += '\n';
    out += text;
  };
  const std::optional<DateRange> range = resolve(request, aggregate);
  // TLS reports count sessions on days of their own: the messages' range, else their own days.
  std::string tlsrpt;
  if (!aggregate.tls_reports().empty()) {
    const std::optional<DateRange> days = range ? range
                                          : request.all ? tlsrpt_full_range(aggregate)
                                                         : tlsrpt_range(aggregate, request.from, request.to, request.days);
    if (days) {
      tlsrpt = '\n';
      tlsrpt += tlsrpt_text(tlsrpt_view(aggregate, *days), *language);
    }
  }
  if (!range) {
    const std::string nothing = render_message("No messages were read, so there is nothing to report.", *language);
    if (tlsrpt.empty()) {
      section(nothing);
      out += '\n';
    } else {
      out += tlsrpt;
    }
    return write_stdout(out) ? kExitOk : kExitInputError;
  }

  const MailFlowOverview overview = mail_flow_overview(aggregate, *range);
  const ConnectorReport connectors = connector_report(aggregate, *range, choice);
  section(overview_text(overview, *language));
  section(tls_per_day_text(overview, Direction::Inbound, *language));
  section(tls_per_day_text(overview, Direction::Outbound, *language));
  section(connectors_text(connectors, *language));
  if (choice.kind != ConnectorChoice::Kind::All) section(connector_days_text(connectors, *language));
  section(insights_text(find_insights(aggregate, *range), overview, *language));
  if (policy)
    for (Direction direction : {Direction::Inbound, Direction::Outbound})
      section(what_if_text(what_if(aggregate, {*range, direction, choice}, *policy), *language));
  out += tlsrpt;
  return write_stdout(out) ? kExitOk : kExitInputError;
}

}  // namespace

const Command kReportCommand{"report", "print the mail-flow and connector report as tables", kHelp,
                             kOptions, run};

}  // namespace mailflow::shell
