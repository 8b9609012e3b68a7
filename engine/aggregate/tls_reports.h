// The TLS-RPT part of the aggregate (RFC 8460 reports, see formats/tlsrpt). A TLS report counts
// SMTP sessions that other organisations' senders made to a policy domain's MX hosts, successful
// or failed by result type; it carries no TLS version, so it cannot join the message cells and
// has this part of its own: session counts per (day, policy domain, result) with each report's
// sessions of a domain counted once (see count_once_per_domain), the same per policy type, the
// heaviest sending MTAs and receiving MX hosts per failure type, and the reporting organisations.
// Its size depends on days, domains and result types (all bounded), never on the number of
// reports.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "aggregate/top_hosts.h"
#include "model/day.h"

namespace mailflow {

// One report as a reader hands it over: already checked, names trimmed and lower-cased.
struct TlsRptFailure {
  std::string result_type;     // "starttls-not-supported", "certificate-expired", ...
  std::string sending_mta;     // sending-mta-ip
  std::string receiving_mx;    // receiving-mx-hostname, else receiving-ip
  uint64_t sessions = 0;       // failed-session-count
};
struct TlsRptPolicy {
  std::string domain;          // policy-domain
  std::string type;            // "sts", "tlsa", "no-policy-found"
  uint64_t successful = 0;     // total-successful-session-count
  uint64_t failed = 0;         // total-failure-session-count
  std::vector<TlsRptFailure> failures;
};
struct TlsRptReport {
  Day day = 0;                 // the day the report's date-range starts (UTC)
  std::string organization;    // organization-name
  std::vector<TlsRptPolicy> policies;
};

// The summary is authoritative (RFC 8460 4.3: details may be truncated, and real reports list
// more failed sessions in failure-details than in their summary): when the details add up to more
// than total-failure-session-count, they are scaled down to it in proportion (largest remainder,
// ties to the earlier row), so the failure types add up to the summary. Returns the sessions the
// details added up to before.
uint64_t scale_failures_to_summary(TlsRptPolicy& policy);
// The failed sessions a policy's details add up to (capped at UINT64_MAX).
uint64_t detailed_sessions(const TlsRptPolicy& policy);

// How one report counts for each of its policy domains. A sender may evaluate the same sessions
// against several policies of one domain (Microsoft reports a DANE "tlsa" and an MTA-STS "sts"
// policy with the same counts); adding them would count those sessions twice. So a domain's
// sessions in one report are its largest policy total, and its failed sessions, with their result
// types and hosts, are those of its policy with the most failures (on a tie, the first listed):
// no session is counted twice, and no failure a policy reports is hidden.
struct TlsRptDomainCount {
  std::string_view domain;
  uint64_t sessions = 0;                    // the largest policy total (successful + failed)
  const TlsRptPolicy* failures = nullptr;   // the policy whose failed sessions count
  size_t policies = 0;                      // the domain's policies in the report
  uint64_t successful() const { return sessions - failures->failed; }
};
// In the order the domains first appear. The report must outlive the result.
std::vector<TlsRptDomainCount> count_once_per_domain(const TlsRptReport& report);

// Per policy type: what each policy says, for showing the policies apart.
struct TlsSessionKey {
  Day day = 0;
  std::string domain;
  std::string policy_type;
  std::string result;  // kSuccess, a result type, or kNoDetails
  // Spelled out: libc++ 14 (emscripten 3.1.6) has no operator<=> for std::string.
  bool operator<(const TlsSessionKey& o) const {
    return std::tie(day, domain, policy_type, result) < std::tie(o.day, o.domain, o.policy_type, o.result);
  }
};

// Per domain: each report's sessions of the domain counted once (count_once_per_domain).
struct TlsDomainKey {
  Day day = 0;
  std::string domain;
  std::string result;  // kSuccess, a result type, or kNoDetails
  bool operator<(const TlsDomainKey& o) const {
    return std::tie(day, domain, result) < std::tie(o.day, o.domain, o.result);
  }
};

class TlsReports {
 public:
  static constexpr std::string_view kSuccess = "success";
  // Failed sessions the report counts in its summary but does not detail by result type.
  static constexpr std::string_view kNoDetails = "(failure without details)";
  // Beyond these many distinct names, further ones are counted under a shared "(other ...)" name,
  // so a hostile file cannot grow the aggregate without bound.
  static constexpr size_t kMaxDomains = 1024;
  static constexpr size_t kMaxResultTypes = 64;
  static constexpr size_t kMaxNameLength = 253;  // a DNS name's limit; longer names are cut
  static constexpr std::string_view kOtherDomains = "(other domains)";
  static constexpr std::string_view kOtherResults = "(other result types)";
  static constexpr size_t kHostCapacity = 32;
  static constexpr size_t kOrganizationCapacity = 64;

  void add(const TlsRptReport& report);
  void merge(const TlsReports& other);

  // For loading saved aggregates.
  void add_sessions(TlsSessionKey key, uint64_t sessions);
  void add_domain_sessions(TlsDomainKey key, uint64_t sessions);
  void add_reports(uint64_t n) { reports_ += n; }
  void restore_sending_mta(std::string_view result, HostCount host);
  void restore_receiving_mx(std::string_view result, HostCount host);
  void restore_organization(HostCount organization) { organizations_.restore(std::move(organization)); }

  bool empty() const { return reports_ == 0 && sessions_.empty() && domain_sessions_.empty(); }
  uint64_t reports() const { return reports_; }
  // Sessions by (day, domain, result), each report's sessions of a domain counted once: the
  // figures of domains, days and failure types.
  const std::map<TlsDomainKey, uint64_t>& domain_sessions() const { return domain_sessions_; }
  // Sessions by (day, domain, policy type, result), sorted: what each policy says. A domain's
  // policies may count the same sessions, so these do not add up to the domain's sessions.
  const std::map<TlsSessionKey, uint64_t>& sessions() const { return sessions_; }
  // Heaviest hosts per failure result type, weighted by failed sessions (as counted per domain).
  const std::map<std::string, TopHosts>& sending_mtas() const { return sending_; }
  const std::map<std::string, TopHosts>& receiving_mx() const { return receiving_; }
  // Reporting organisations, weighted by reports.
  const TopHosts& organizations() const { return organizations_; }

 private:
  std::string domain_name(std::string_view domain);
  std::string result_name(std::string_view result);
  void add_host(std::map<std::string, TopHosts>& groups, std::string_view result, std::string_view host, uint64_t n);

  uint64_t reports_ = 0;
  std::map<TlsDomainKey, uint64_t> domain_sessions_;
  std::map<TlsSessionKey, uint64_t> sessions_;
  std::map<std::string, TopHosts> sending_;
  std::map<std::string, TopHosts> receiving_;
  TopHosts organizations_{kOrganizationCapacity};
  std::map<std::string, bool, std::less<>> domains_;  // the distinct domains kept
  std::map<std::string, bool, std::less<>> results_;  // the distinct result types kept
};

}  // namespace mailflow
