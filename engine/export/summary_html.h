// The printable summary: every view of the dashboard as plain HTML tables (sources, the mail-flow
// overview, TLS versions, TLS per day, the connector report with its insights, the daily connector
// rows and the top remote hosts behind each insight), for printing to paper or PDF and for screen
// readers: real <table>s with <caption> and <th scope>, print CSS, no script, no request (the
// same Content-Security-Policy as the page). Every text from the logs is escaped.
#pragma once

#include <string>

#include "aggregate/aggregate.h"
#include "report/views.h"
#include "text/language.h"

namespace mailflow {

struct SummaryOptions {
  std::string generated_at;   // shown in the heading, e.g. 2026-11-27T17:40:00Z
  bool remote_hosts = true;   // false: the insights' remote host names are left out
  Language language = Language::En;  // its words, the engine's texts, numbers and days
};

std::string summary_html(const Aggregate& aggregate, DateRange range, const SummaryOptions& options = {});

}  // namespace mailflow
