// `mailflow partners`: the remote partners of the mail in a range, or, with --min-tls, only those
// whose mail a TLS policy would refuse (the "what if").
#include <array>

#include "command.h"
#include "connector_option.h"
#include "export/partners_csv.h"
#include "language_option.h"
#include "output.h"
#include "range_options.h"
#include "text/messages.h"
#include "partners_text.h"
#include "view_inputs.h"

namespace mailflow::shell {

namespace {

constexpr std::array<OptionSpec, 14> kOptions = {{kThreadsOption, kFromOption, kToOption, kDaysOption, kAllOption, kConnectorOption,
                                                  kLangOption, {"direction", true}, {"min-tls", true}, {"csv", false},
                                                  {"utc-offset", true}, {"year", true}, {"help", false}, {"no-hosts", false}}};

constexpr std::string_view kHelp = R"help(Usage: mailflow partners [OPTIONS] FILE...

Prints the remote partners of the mail in the range: one row per partner (the organisational
domain of the remote host, else of the sender's domain for inbound or the recipient's domain for
outbound mail, else the remote IP) with its messages per TLS state, bytes, hosts, first and last
day, and connectors. With --min-tls, prints what the policy would refuse: the messages and bytes
per day, and the partners that cause them (a contact list). Messages without TLS data "cannot
tell": they are never counted as passing or failing. FILE may be - for stdin.

Options:
  --direction in|out    only inbound or outbound mail (default: both)
  --min-tls any|1.2|1.3 what if TLS (any version), TLS 1.2 or later, or TLS 1.3 were required
  --csv                 write CSV: the partner table (Partner,Hosts,Messages,Bytes,TLS 1.3,...,
                        No TLS data,TLS protected,First day,Last day,Connectors), or with --min-tls
                        the contact list (Partner,Hosts,Messages,Bytes,Share,Worst TLS,Last seen)
  --no-hosts            leave the host names out (partners only)
  --lang de|en          the language of the text (CSV stays as it is); default from the locale
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
  std::optional<Direction> direction;
  if (auto text = arguments.value("direction")) {
    direction = parse_direction(*text);
    if (!direction) return usage_error("partners", "--direction must be in or out, not \"" + *text + "\"");
  }
  std::optional<TlsPolicy> policy;
  if (auto text = arguments.value("min-tls")) {
    policy = parse_tls_policy(*text);
    if (!policy) return usage_error("partners", "--min-tls must be any, 1.2 or 1.3, not \"" + *text + "\"");
  }
  std::string language_error;
  const std::optional<Language> language = parse_language_option(arguments, language_error);
  if (!language) return usage_error("partners", language_error);

  int exit_code = kExitOk;
  std::optional<ViewInputs> inputs = read_view_inputs("partners", arguments, exit_code);
  if (!inputs) return exit_code;
  const std::optional<DateRange> resolved = resolve(inputs->request, inputs->aggregate);
  if (!resolved && !arguments.has("csv"))
    return write_stdout_line(render_message("No messages were read, so there is nothing to report.", *language))
               ? kExitOk
               : kExitInputError;
  // No data and no range asked for: the CSV still has its header.
  const DateRange range = resolved.value_or(DateRange{0, -1});
  const PartnerFilter filter{range, direction, inputs->choice};
  const bool hosts = !arguments.has("no-hosts");
  const bool csv = arguments.has("csv");

  std::string out;
  if (policy) {
    WhatIf result = what_if(inputs->aggregate, filter, *policy);
    if (!hosts)
      for (WhatIfPartner& p : result.partners) p.hosts.clear();
    out = csv ? contact_list_csv(result) : what_if_text(result, *language);
  } else {
    PartnersView view = partners_view(inputs->aggregate, filter);
    if (!hosts)
      for (PartnerRow& row : view.rows) row.hosts.clear();
    out = csv ? partners_csv(view) : partners_text(view, *language);
  }
  return write_stdout(out) ? kExitOk : kExitInputError;
}

}  // namespace

const Command kPartnersCommand{"partners", "print the remote partners, or those a TLS policy would refuse (--min-tls)",
                               kHelp, kOptions, run};

}  // namespace mailflow::shell
