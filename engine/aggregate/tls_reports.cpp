#include "aggregate/tls_reports.h"

namespace mailflow {

namespace {
std::string cut(std::string_view name) { return std::string(name.substr(0, TlsReports::kMaxNameLength)); }
}  // namespace

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
  for (const TlsRptPolicy& policy : report.policies) {
    const std::string domain = domain_name(policy.domain);
    const std::string type = cut(policy.type);
    if (policy.successful) sessions_[{report.day, domain, type, std::string(kSuccess)}] += policy.successful;
    uint64_t detailed = 0;
    for (const TlsRptFailure& f : policy.failures) {
      if (f.sessions == 0) continue;
      const std::string result = result_name(f.result_type);
      sessions_[{report.day, domain, type, result}] += f.sessions;
      detailed += f.sessions;
      add_host(sending_, result, f.sending_mta, f.sessions);
      add_host(receiving_, result, f.receiving_mx, f.sessions);
    }
    // The summary is the total; details may be left out (RFC 8460 4.3 lets reporters truncate them).
    if (policy.failed > detailed) sessions_[{report.day, domain, type, std::string(kNoDetails)}] += policy.failed - detailed;
  }
}

void TlsReports::add_sessions(TlsSessionKey key, uint64_t sessions) {
  key.domain = domain_name(key.domain);
  key.policy_type = cut(key.policy_type);
  if (key.result != kSuccess && key.result != kNoDetails) key.result = result_name(key.result);
  sessions_[key] += sessions;
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
  for (const auto& [result, sketch] : other.sending_)
    sending_.try_emplace(result_name(result), kHostCapacity).first->second.merge(sketch);
  for (const auto& [result, sketch] : other.receiving_)
    receiving_.try_emplace(result_name(result), kHostCapacity).first->second.merge(sketch);
  organizations_.merge(other.organizations_);
}

}  // namespace mailflow
