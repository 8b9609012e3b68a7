#include "report/tlsrpt_insights.h"

#include <algorithm>

#include "report/number_format.h"

namespace mailflow {

std::vector<TlsRptInsight> tlsrpt_insights(const TlsRptView& view, uint64_t min_failed) {
  std::vector<TlsRptInsight> out;
  for (const auto& d : view.domains) {
    if (d.counts.failed == 0 || d.counts.failed < min_failed) continue;
    TlsRptInsight in;
    in.domain = d.domain;
    in.failed = d.counts.failed;
    in.sessions = d.counts.total();
    in.failures = d.failures;  // most sessions first (tlsrpt_view)
    in.main_result = d.failures.empty() ? std::string(TlsReports::kNoDetails) : d.failures.front().result;
    out.push_back(std::move(in));
  }
  std::stable_sort(out.begin(), out.end(), [](const TlsRptInsight& a, const TlsRptInsight& b) {
    return a.failed != b.failed ? a.failed > b.failed : a.domain < b.domain;
  });
  return out;
}

std::string tlsrpt_insight_text(const TlsRptInsight& insight) {
  return "TLS-RPT: " + format_plural(insight.failed, "failed session", "failed sessions", Language::En) + " to " +
         insight.domain + " (" + insight.main_result + ")";
}

}  // namespace mailflow
