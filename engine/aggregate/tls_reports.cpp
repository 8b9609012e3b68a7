#include "aggregate/tls_reports.h"

#include <algorithm>

namespace mailflow {

namespace {

std::string cut(std::string_view name) { return std::string(name.substr(0, TlsReports::kMaxNameLength)); }

// floor(a * b / c) and its remainder, exactly, for a <= c and b < c, without a 128-bit type (wasm
// has none portably): long multiplication bit by bit, keeping the remainder below c.
uint64_t mul_div(uint64_t a, uint64_t b, uint64_t c, uint64_t& remainder) {
  uint64_t q = 0, r = 0;
  for (int bit = 63; bit >= 0; --bit) {
    // (q, r) <- twice the product so far
    q <<= 1;
    if (r >= c - r) r -= c - r, ++q;
    else r += r;
    if ((a >> bit) & 1) {
      if (r >= c - b) r -= c - b, ++q;
      else r += b;
    }
  }
  remainder = r;
  return q;
}

}  // namespace

uint64_t detailed_sessions(const TlsRptPolicy& policy) {
  uint64_t sum = 0;
  for (const TlsRptFailure& f : policy.failures) sum = f.sessions > UINT64_MAX - sum ? UINT64_MAX : sum + f.sessions;
  return sum;
}

uint64_t scale_failures_to_summary(TlsRptPolicy& policy) {
  const uint64_t detailed = detailed_sessions(policy);
  if (detailed <= policy.failed) return detailed;
  // Largest remainder: each row gets the floor of its exact share, the sessions left over go one by
  // one to the largest remainders (ties to the earlier row). With an overflowing sum, each row is
  // first halved until the sum fits; the shares stay the same to within a session.
  std::vector<uint64_t> weights;
  weights.reserve(policy.failures.size());
  for (const TlsRptFailure& f : policy.failures) weights.push_back(f.sessions);
  uint64_t sum = 0;
  for (int shift = 0; shift < 64; ++shift) {
    sum = 0;
    bool fits = true;
    for (uint64_t w : weights) {
      if (sum > UINT64_MAX - w) fits = false;
      sum += w;
    }
    if (fits) break;
    for (uint64_t& w : weights) w >>= 1;
  }
  std::vector<uint64_t> remainders(weights.size());
  uint64_t given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    policy.failures[i].sessions = sum == 0 ? 0 : mul_div(weights[i], policy.failed, sum, remainders[i]);
    given += policy.failures[i].sessions;
  }
  while (given < policy.failed) {
    size_t best = 0;
    for (size_t i = 1; i < remainders.size(); ++i)
      if (remainders[i] > remainders[best]) best = i;
    ++policy.failures[best].sessions;
    remainders[best] = 0;
    ++given;
  }
  return detailed;
}

std::vector<TlsRptDomainCount> count_once_per_domain(const TlsRptReport& report) {
  std::vector<TlsRptDomainCount> out;
  for (const TlsRptPolicy& p : report.policies) {
    TlsRptDomainCount* d = nullptr;
    for (TlsRptDomainCount& seen : out)
      if (seen.domain == p.domain) d = &seen;
    if (!d) d = &out.emplace_back(TlsRptDomainCount{p.domain, 0, &p, 0});
    // A total beyond 64 bits cannot be a count of sessions: it is capped, never wrapped.
    const uint64_t total = p.successful > UINT64_MAX - p.failed ? UINT64_MAX : p.successful + p.failed;
    d->sessions = std::max(d->sessions, total);
    if (p.failed > d->failures->failed) d->failures = &p;
    ++d->policies;
  }
  return out;
}

std::string TlsReports::domain_name(std::string_view domain) {
  const std::string name = cut(domain);
  if (domains_.count(name)) return name;
  if (domains_.size() >= kMaxDomains) return std::string(kOtherDomains);
  domains_.emplace(name, true);
  return name;
}

std::string TlsReports::result_name(std::string_view result) {
  const std::string name = cut(result);
  if (results_.count(name)) return name;
  if (results_.size() >= kMaxResultTypes) return std::string(kOtherResults);
  results_.emplace(name, true);
  return name;
}

void TlsReports::add(const TlsRptReport& report) {
  ++reports_;
  if (!report.organization.empty()) organizations_.add(cut(report.organization), 1);
  // Readers hand over policies whose details fit their summary; a copy is made only if not.
  TlsRptReport fitted;
  const TlsRptReport* checked = &report;
  for (const TlsRptPolicy& policy : report.policies) {
    if (detailed_sessions(policy) <= policy.failed) continue;
    fitted = report;
    for (TlsRptPolicy& p : fitted.policies) scale_failures_to_summary(p);
    checked = &fitted;
    break;
  }

  // What each policy says.
  for (const TlsRptPolicy& policy : checked->policies) {
    const std::string domain = domain_name(policy.domain);
    const std::string type = cut(policy.type);
    if (policy.successful) sessions_[{report.day, domain, type, std::string(kSuccess)}] += policy.successful;
    uint64_t detailed = 0;
    for (const TlsRptFailure& f : policy.failures) {
      if (f.sessions == 0) continue;
      sessions_[{report.day, domain, type, result_name(f.result_type)}] += f.sessions;
      detailed += f.sessions;
    }
    // The summary is the total; details may be left out (RFC 8460 4.3 lets reporters truncate them).
    if (policy.failed > detailed) sessions_[{report.day, domain, type, std::string(kNoDetails)}] += policy.failed - detailed;
  }

  // What the domains get: each report's sessions of a domain once.
  for (const TlsRptDomainCount& d : count_once_per_domain(*checked)) {
    const std::string domain = domain_name(d.domain);
    if (d.successful()) domain_sessions_[{report.day, domain, std::string(kSuccess)}] += d.successful();
    uint64_t detailed = 0;
    for (const TlsRptFailure& f : d.failures->failures) {
      if (f.sessions == 0) continue;
      const std::string result = result_name(f.result_type);
      domain_sessions_[{report.day, domain, result}] += f.sessions;
      detailed += f.sessions;
      add_host(sending_, result, f.sending_mta, f.sessions);
      add_host(receiving_, result, f.receiving_mx, f.sessions);
    }
    if (d.failures->failed > detailed)
      domain_sessions_[{report.day, domain, std::string(kNoDetails)}] += d.failures->failed - detailed;
  }
}

void TlsReports::add_sessions(TlsSessionKey key, uint64_t sessions) {
  key.domain = domain_name(key.domain);
  key.policy_type = cut(key.policy_type);
  if (key.result != kSuccess && key.result != kNoDetails) key.result = result_name(key.result);
  sessions_[key] += sessions;
}

void TlsReports::add_domain_sessions(TlsDomainKey key, uint64_t sessions) {
  key.domain = domain_name(key.domain);
  if (key.result != kSuccess && key.result != kNoDetails) key.result = result_name(key.result);
  domain_sessions_[key] += sessions;
}

void TlsReports::add_host(std::map<std::string, TopHosts>& groups, std::string_view result, std::string_view host,
                          uint64_t n) {
  if (host.empty()) return;
  groups.try_emplace(result_name(result), kHostCapacity).first->second.add(cut(host), n);
}

void TlsReports::restore_sending_mta(std::string_view result, HostCount host) {
  sending_.try_emplace(result_name(result), kHostCapacity).first->second.restore(std::move(host));
}

void TlsReports::restore_receiving_mx(std::string_view result, HostCount host) {
  receiving_.try_emplace(result_name(result), kHostCapacity).first->second.restore(std::move(host));
}

void TlsReports::merge(const TlsReports& other) {
  reports_ += other.reports_;
  for (const auto& [key, sessions] : other.sessions_) add_sessions(key, sessions);
  for (const auto& [key, sessions] : other.domain_sessions_) add_domain_sessions(key, sessions);
  for (const auto& [result, sketch] : other.sending_)
    sending_.try_emplace(result_name(result), kHostCapacity).first->second.merge(sketch);
  for (const auto& [result, sketch] : other.receiving_)
    receiving_.try_emplace(result_name(result), kHostCapacity).first->second.merge(sketch);
  organizations_.merge(other.organizations_);
}

}  // namespace mailflow
