// `mailflow report --html FILE`: the saved report file, the very file the page's "Save report"
// writes (engine/export/report_html), built from the mailflow page of the wasm build.
#pragma once

#include <optional>
#include <string>

#include "arguments.h"
#include "export/report_html.h"
#include "range_options.h"

namespace mailflow::shell {

inline constexpr OptionSpec kHtmlOption{"html", true};
inline constexpr OptionSpec kPageOption{"page", true};
inline constexpr OptionSpec kNoHostsOption{"no-hosts", false};

// Where the page is looked for: --page PATH; $MAILFLOW_PAGE; mailflow.html next to the executable;
// the wasm build folder of the source tree this shell was built from.
std::vector<std::string> page_candidates(const ParsedArguments& arguments);

// The view the report opens on, from the report's range and connector options.
ReportState report_state_for(const RangeRequest& request, const std::optional<DateRange>& range,
                             const ConnectorChoice& choice);

// Writes the report to --html's path (- for stdout). Returns the exit status; prints why on failure.
int write_report_file(const ParsedArguments& arguments, const Aggregate& aggregate, const ReportState& state);

}  // namespace mailflow::shell
