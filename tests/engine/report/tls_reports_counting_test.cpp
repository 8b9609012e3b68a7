// How TLS-RPT sessions are counted (aggregate/tls_reports.h): a report's sessions of a domain once,
// however many of its policies evaluated them; the summary authoritative over failure-details;
// and the aggregate JSON that keeps both the domain's and each policy's figures.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "aggregate/tls_reports.h"
#include "report/tlsrpt_view.h"

namespace mailflow {
namespace {

TlsRptPolicy policy(const std::string& domain, const std::string& type, uint64_t ok, uint64_t failed,
                    std::vector<TlsRptFailure> failures = {}) {
  return TlsRptPolicy{domain, type, ok, failed, std::move(failures)};
}
TlsRptFailure failure(const std::string& result, uint64_t n, const std::string& mta = "198.51.100.7") {
  return TlsRptFailure{result, mta, "mx1.contoso.com", n};
}

TEST(TlsRptCounting, SamePoliciesOfADomainCountOnce) {
  // Microsoft's shape: DANE and MTA-STS with the same counts.
  TlsRptReport r{day_of(1795046400), "Microsoft Corporation",
                 {policy("contoso.com", "sts", 57, 0), policy("contoso.com", "tlsa", 57, 0), policy("fabrikam.com", "sts", 5, 1)}};
  const auto counts = count_once_per_domain(r);
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].domain, "contoso.com");
  EXPECT_EQ(counts[0].sessions, 57u);
  EXPECT_EQ(counts[0].policies, 2u);
  EXPECT_EQ(counts[1].sessions, 6u);
  EXPECT_EQ(counts[1].successful(), 5u);
}

TEST(TlsRptCounting, TheLargestTotalWithTheMostFailures) {
  // tlsa saw 20 sessions and failed 5; sts saw 25 and failed none: 25 sessions, 5 of them failed.
  TlsRptReport r{0, "x", {policy("contoso.com", "tlsa", 15, 5, {failure("tlsa-invalid", 5)}), policy("contoso.com", "sts", 25, 0)}};
  const auto counts = count_once_per_domain(r);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].sessions, 25u);
  EXPECT_EQ(counts[0].failures, &r.policies[0]);
  EXPECT_EQ(counts[0].successful(), 20u);

  TlsReports reports;
  reports.add(r);
  Aggregate a;
  a.tls_reports() = reports;
  const TlsRptView v = tlsrpt_view(a, {0, 0});
  EXPECT_EQ(v.totals.total(), 25u);
  EXPECT_EQ(v.totals.failed, 5u);
  ASSERT_EQ(v.failure_types.size(), 1u);
  EXPECT_EQ(v.failure_types[0].result, "tlsa-invalid");
  ASSERT_EQ(v.domains.size(), 1u);
  EXPECT_TRUE(v.domains[0].policies_overlap);
  ASSERT_EQ(v.domains[0].policies.size(), 2u);
  EXPECT_EQ(v.domains[0].policies[0].type, "sts");
  EXPECT_EQ(v.domains[0].policies[0].counts.total(), 25u);
  EXPECT_EQ(v.domains[0].policies[1].counts.failed, 5u);

  // On a tie of failures the first policy listed gives them.
  TlsRptReport tie{0, "x", {policy("contoso.com", "sts", 8, 2, {failure("certificate-expired", 2)}),
                            policy("contoso.com", "tlsa", 8, 2, {failure("tlsa-invalid", 2)})}};
  EXPECT_EQ(count_once_per_domain(tie)[0].failures, &tie.policies[0]);
}

TEST(TlsRptCounting, DetailsAreScaledToTheSummary) {
  // 5 + 3 + 1 = 9 detailed against 4 in the summary: exact shares 20/9, 12/9, 4/9 give floors
  // 2, 1, 0; the one session left goes to the largest remainder (4/9): 2, 1, 1.
  TlsRptPolicy p = policy("contoso.com", "sts", 10, 4,
                          {failure("starttls-not-supported", 5), failure("validation-failure", 3), failure("certificate-expired", 1)});
  EXPECT_EQ(scale_failures_to_summary(p), 9u);
  EXPECT_EQ(p.failures[0].sessions, 2u);
  EXPECT_EQ(p.failures[1].sessions, 1u);
  EXPECT_EQ(p.failures[2].sessions, 1u);
  // Details that fit are left alone.
  TlsRptPolicy fits = policy("contoso.com", "sts", 10, 4, {failure("starttls-not-supported", 3)});
  EXPECT_EQ(scale_failures_to_summary(fits), 3u);
  EXPECT_EQ(fits.failures[0].sessions, 3u);
  // Counts at the edge of 64 bits do not overflow.
  TlsRptPolicy huge = policy("contoso.com", "sts", 0, 10, {failure("a", UINT64_MAX), failure("b", UINT64_MAX)});
  EXPECT_EQ(scale_failures_to_summary(huge), UINT64_MAX);
  EXPECT_EQ(huge.failures[0].sessions + huge.failures[1].sessions, 10u);
  EXPECT_EQ(huge.failures[0].sessions, 5u);

  // add() does the same for a report handed over unscaled: failure types add up to the summary.
  TlsReports reports;
  reports.add({0, "x", {policy("contoso.com", "sts", 10, 4, {failure("starttls-not-supported", 3), failure("validation-failure", 3)})}});
  uint64_t failed = 0;
  for (const auto& [key, n] : reports.domain_sessions())
    if (key.result != TlsReports::kSuccess) failed += n;
  EXPECT_EQ(failed, 4u);
}

TEST(TlsRptCounting, AggregateJsonKeepsDomainAndPolicyFigures) {
  Aggregate a;
  a.tls_reports().add({day_of(1795046400), "Microsoft Corporation",
                       {policy("contoso.com", "sts", 57, 0), policy("contoso.com", "tlsa", 57, 0)}});
  const std::string json = aggregate_to_json(a);
  std::string error;
  const auto back = aggregate_from_json(json, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(*back), json);
  EXPECT_EQ(tlsrpt_view(*back, *tlsrpt_full_range(*back)).totals.total(), 57u);

  // An aggregate saved before domain_sessions existed: its policies' sessions are added up, as
  // they were counted then.
  auto old = nlohmann::ordered_json::parse(json);
  old["tls_reports"].erase("domain_sessions");
  const auto loaded = aggregate_from_json(old.dump(), error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(tlsrpt_view(*loaded, *tlsrpt_full_range(*loaded)).totals.total(), 114u);

  auto broken = nlohmann::ordered_json::parse(json);
  broken["tls_reports"]["domain_sessions"][0].erase("sessions");
  EXPECT_FALSE(aggregate_from_json(broken.dump(), error));
  EXPECT_NE(error.find("domain session row"), std::string::npos);
}

}  // namespace
}  // namespace mailflow
