// TLS-RPT failures raise insights (report/tlsrpt_insights.h): one per policy domain with failed
// sessions in the range, most failed first, named by its most frequent failure type.
#include <gtest/gtest.h>

#include "aggregate/tls_reports.h"
#include "report/tlsrpt_insights.h"
#include "report/tlsrpt_view.h"

namespace mailflow {
namespace {

TlsRptFailure failure(const std::string& result, uint64_t n) { return TlsRptFailure{result, "198.51.100.7", "mx1.contoso.com", n}; }

Aggregate with_reports() {
  const Day day1 = *parse_day("2026-11-10"), day2 = *parse_day("2026-11-20");
  TlsReports reports;
  reports.add(TlsRptReport{day1, "Google Inc.",
                           {TlsRptPolicy{"contoso.com", "sts", 900, 120,
                                         {failure("certificate-expired", 100), failure("sts-policy-fetch-error", 20)}},
                            TlsRptPolicy{"fabrikam.com", "sts", 50, 0, {}}}});
  reports.add(TlsRptReport{day2, "Microsoft Corporation",
                           {TlsRptPolicy{"fabrikam.com", "sts", 10, 3, {failure("sts-policy-fetch-error", 3)}}}});
  Aggregate a;
  a.tls_reports() = reports;
  return a;
}

TEST(TlsRptInsights, FailedSessionsPerDomainMostFirst) {
  const Aggregate a = with_reports();
  const auto insights = tlsrpt_insights(tlsrpt_view(a, *tlsrpt_full_range(a)));
  ASSERT_EQ(insights.size(), 2u);
  EXPECT_EQ(insights[0].domain, "contoso.com");
  EXPECT_EQ(insights[0].failed, 120u);
  EXPECT_EQ(insights[0].sessions, 1020u);
  EXPECT_EQ(insights[0].main_result, "certificate-expired");
  ASSERT_EQ(insights[0].failures.size(), 2u);
  EXPECT_EQ(insights[0].failures[1].sessions, 20u);
  EXPECT_EQ(tlsrpt_insight_text(insights[0]), "TLS-RPT: 120 failed sessions to contoso.com (certificate-expired)");
  EXPECT_EQ(insights[1].domain, "fabrikam.com");
  EXPECT_EQ(insights[1].failed, 3u);
  EXPECT_EQ(insights[1].main_result, "sts-policy-fetch-error");
}

TEST(TlsRptInsights, FollowTheRangeAndTheThreshold) {
  const Aggregate a = with_reports();
  const Day day2 = *parse_day("2026-11-20");
  const auto late = tlsrpt_insights(tlsrpt_view(a, {day2, day2}));
  ASSERT_EQ(late.size(), 1u);  // contoso.com's failures were on 10 Nov
  EXPECT_EQ(late[0].domain, "fabrikam.com");
  EXPECT_EQ(tlsrpt_insight_text(late[0]), "TLS-RPT: 3 failed sessions to fabrikam.com (sts-policy-fetch-error)");
  EXPECT_TRUE(tlsrpt_insights(tlsrpt_view(a, *tlsrpt_full_range(a)), 121).empty());
  // No failures, no insight.
  Aggregate quiet;
  TlsReports ok;
  ok.add(TlsRptReport{day2, "x", {TlsRptPolicy{"contoso.com", "sts", 10, 0, {}}}});
  quiet.tls_reports() = ok;
  EXPECT_TRUE(tlsrpt_insights(tlsrpt_view(quiet, *tlsrpt_full_range(quiet))).empty());
}

}  // namespace
}  // namespace mailflow
