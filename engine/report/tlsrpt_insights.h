// Insights from TLS-RPT data: a policy domain whose senders report failed sessions in the range
// ("TLS-RPT: 120 failed sessions to contoso.com (certificate-expired)"). A pure function of the
// TLS-RPT view (report/tlsrpt_view.h), so the page, its insights list and the shell agree; the
// sentence is drawn by the caller in its language from these fields.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/tlsrpt_view.h"

namespace mailflow {

struct TlsRptInsight {
  std::string domain;                       // the policy domain the failed sessions went to
  uint64_t failed = 0;                      // failed sessions in the range
  uint64_t sessions = 0;                    // all its sessions in the range
  std::string main_result;                  // the failure type with most sessions (or kNoDetails)
  std::vector<TlsRptResultCount> failures;  // every failure type, most sessions first
};

// One insight per domain with at least `min_failed` failed sessions in the view's range, most
// failed sessions first, then by domain.
std::vector<TlsRptInsight> tlsrpt_insights(const TlsRptView& view, uint64_t min_failed = 1);

// The English sentence, e.g. for the shell: "TLS-RPT: 120 failed sessions to contoso.com
// (certificate-expired)".
std::string tlsrpt_insight_text(const TlsRptInsight& insight);

}  // namespace mailflow
