// The report views as terminal text, one function per section of `mailflow report`. Every piece
// of text that comes from an input (file, connector and host names, problems) goes through
// printable(), so a crafted log cannot send escape sequences to the terminal. Each speaks
// `language`: the report's words, the engine's texts (through the catalogue, text/messages.h), and
// numbers and days as that language writes them.
#pragma once

#include <string>
#include <vector>

#include "report/insights.h"
#include "report/tlsrpt_view.h"
#include "report/views.h"
#include "text/language.h"

namespace mailflow::shell {

// A connector as the report names it: its own name as it is, the fixed labels in `language`.
std::string connector_text(const std::optional<std::string>& name, Language language);
std::string sources_text(const Aggregate& aggregate, Language language = Language::En);
std::string overview_text(const MailFlowOverview& overview, Language language = Language::En);
std::string tls_per_day_text(const MailFlowOverview& overview, Direction direction, Language language = Language::En);
std::string connectors_text(const ConnectorReport& report, Language language = Language::En);
// The chosen connector per day (only meaningful when the choice is not All).
std::string connector_days_text(const ConnectorReport& report, Language language = Language::En);
std::string insights_text(const std::vector<Insight>& insights, const MailFlowOverview& overview,
                          Language language = Language::En);
// The connector CSV rows as a table (`mailflow connectors` without --csv).
std::string connector_rows_text(const std::vector<ConnectorCsvRow>& rows, Language language = Language::En);
// TLS reports (TLS-RPT): sessions per policy domain and per day, failure types with their
// sending MTAs and receiving MX hosts, reporting organisations.
std::string tlsrpt_text(const TlsRptView& view, Language language = Language::En);

// "2026-11-14 to 2026-11-20 (7 days)", "14.11.2026 bis 20.11.2026 (7 Tage)"
std::string range_title(DateRange range, Language language = Language::En);

}  // namespace mailflow::shell
