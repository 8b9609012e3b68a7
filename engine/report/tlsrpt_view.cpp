#include "report/tlsrpt_view.h"

#include <algorithm>
#include <map>

namespace mailflow {

std::optional<double> TlsRptCounts::success_share() const {
  if (total() == 0) return std::nullopt;
  return static_cast<double>(successful) / static_cast<double>(total());
}

std::optional<DateRange> tlsrpt_full_range(const Aggregate& aggregate) {
  const auto& sessions = aggregate.tls_reports().domain_sessions();
  if (sessions.empty()) return std::nullopt;
  Day first = sessions.begin()->first.day, last = first;
  for (const auto& [key, n] : sessions) first = std::min(first, key.day), last = std::max(last, key.day);
  return DateRange{first, last};
}

std::optional<DateRange> tlsrpt_range(const Aggregate& aggregate, std::optional<Day> from, std::optional<Day> to,
                                      int days) {
  days = std::clamp(days, 1, kMaxStandardRangeDays);
  if (from && to) return *to < *from ? std::nullopt : std::optional<DateRange>(DateRange{*from, *to});
  if (from) return DateRange{*from, *from + days - 1};
  if (to) return DateRange{*to - days + 1, *to};
  const auto full = tlsrpt_full_range(aggregate);
  if (!full) return std::nullopt;
  return DateRange{std::max(full->from, full->to - days + 1), full->to};
}

TlsRptView tlsrpt_view(const Aggregate& aggregate, DateRange range, size_t top_hosts) {
  const TlsReports& reports = aggregate.tls_reports();
  TlsRptView view;
  view.range = range;
  view.reports = reports.reports();
  for (Day d = range.from; d <= range.to; ++d) view.days.push_back({d, {}});

  struct DomainAcc {
    std::map<std::string, TlsRptCounts> policies;
    TlsRptCounts counts;
    std::map<std::string, uint64_t> failures;
  };
  auto counts_of = [](const std::string& result, uint64_t n) {
    const bool ok = result == TlsReports::kSuccess;
    return TlsRptCounts{ok ? n : 0, ok ? 0 : n};
  };
  std::map<std::string, DomainAcc> domains;
  std::map<std::string, uint64_t> failures;
  for (const auto& [key, n] : reports.domain_sessions()) {
    if (!range.contains(key.day)) continue;
    const TlsRptCounts c = counts_of(key.result, n);
    view.totals.add(c);
    view.days[static_cast<size_t>(key.day - range.from)].counts.add(c);
    DomainAcc& acc = domains[key.domain];
    acc.counts.add(c);
    if (c.failed) acc.failures[key.result] += n, failures[key.result] += n;
  }
  for (const auto& [key, n] : reports.sessions())
    if (range.contains(key.day)) domains[key.domain].policies[key.policy_type].add(counts_of(key.result, n));
  auto by_sessions = [](const TlsRptResultCount& a, const TlsRptResultCount& b) {
    return a.sessions != b.sessions ? a.sessions > b.sessions : a.result < b.result;
  };
  for (auto& [name, acc] : domains) {
    TlsRptDomain d;
    d.domain = name;
    d.counts = acc.counts;
    uint64_t policy_sessions = 0;
    for (const auto& [type, counts] : acc.policies) {
      d.policy_types.push_back(type);
      d.policies.push_back({type, counts});
      policy_sessions += counts.total();
    }
    d.policies_overlap = policy_sessions > d.counts.total();
    for (const auto& [result, n] : acc.failures) d.failures.push_back({result, n});
    std::sort(d.failures.begin(), d.failures.end(), by_sessions);
    view.domains.push_back(std::move(d));
  }
  std::sort(view.domains.begin(), view.domains.end(), [](const TlsRptDomain& a, const TlsRptDomain& b) {
    return a.counts.total() != b.counts.total() ? a.counts.total() > b.counts.total() : a.domain < b.domain;
  });
  for (const auto& [result, n] : failures) {
    TlsRptFailureType f{result, n, {}, {}};
    if (auto it = reports.sending_mtas().find(result); it != reports.sending_mtas().end()) f.sending_mtas = it->second.top(top_hosts);
    if (auto it = reports.receiving_mx().find(result); it != reports.receiving_mx().end()) f.receiving_mx = it->second.top(top_hosts);
    view.failure_types.push_back(std::move(f));
  }
  std::sort(view.failure_types.begin(), view.failure_types.end(),
            [](const TlsRptFailureType& a, const TlsRptFailureType& b) {
              return a.sessions != b.sessions ? a.sessions > b.sessions : a.result < b.result;
            });
  view.organizations = reports.organizations().top(reports.organizations().entries().size());
  return view;
}

}  // namespace mailflow
