// The TLS-RPT view: what the senders' TLS reports (RFC 8460) say about the sessions to our
// domains, as a plain struct for the dashboard and `mailflow report`. A pure function of the
// aggregate's tls_reports() part and a date range. It counts SMTP sessions, not messages, and has
// no TLS versions: it answers "how often did senders fail to set up (valid) TLS to our MX, why,
// and from where". Domains, days and failure types count each report's sessions of a domain once;
// the figures per policy are given apart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.h"
#include "report/views.h"

namespace mailflow {

struct TlsRptCounts {
  uint64_t successful = 0;
  uint64_t failed = 0;
  uint64_t total() const { return successful + failed; }
  // Share of successful sessions (0..1); nullopt without sessions.
  std::optional<double> success_share() const;
  void add(const TlsRptCounts& o) { successful += o.successful, failed += o.failed; }
};

struct TlsRptResultCount {
  std::string result;  // a result type, or TlsReports::kNoDetails
  uint64_t sessions = 0;
};

// What one policy type of a domain says, on its own.
struct TlsRptPolicyCounts {
  std::string type;  // "sts", "tlsa", "no-policy-found"
  TlsRptCounts counts;
};

struct TlsRptDomain {
  std::string domain;
  std::vector<std::string> policy_types;   // "sts", "tlsa", "no-policy-found", sorted
  // Each report's sessions counted once, however many of the domain's policies evaluated them
  // (see count_once_per_domain in aggregate/tls_reports.h).
  TlsRptCounts counts;
  std::vector<TlsRptResultCount> failures;  // by result, most sessions first
  std::vector<TlsRptPolicyCounts> policies; // per policy type, as policy_types
  // The policies' sessions add up to more than the domain's: reports evaluated the same sessions
  // against more than one policy (counted once in `counts`).
  bool policies_overlap = false;
};

struct TlsRptDay {
  Day day;
  TlsRptCounts counts;
};

struct TlsRptFailureType {
  std::string result;
  uint64_t sessions = 0;                 // in the range
  std::vector<HostCount> sending_mtas;   // heaviest first (over all days: sketches are not per day)
  std::vector<HostCount> receiving_mx;
};

struct TlsRptView {
  DateRange range;
  uint64_t reports = 0;                         // reports read (all days)
  TlsRptCounts totals;                          // sessions in the range
  std::vector<TlsRptDomain> domains;            // most sessions first, then by name
  std::vector<TlsRptDay> days;                  // every day of the range, days without reports included
  std::vector<TlsRptFailureType> failure_types; // most failed sessions first, then by name
  std::vector<HostCount> organizations;         // reporting organisations by reports (all days)
};

// The span of days with TLS-RPT sessions; nullopt when there are none.
std::optional<DateRange> tlsrpt_full_range(const Aggregate& aggregate);
// As resolve_range, over the TLS-RPT days: from/to as given, else the last `days` days of them.
std::optional<DateRange> tlsrpt_range(const Aggregate& aggregate, std::optional<Day> from, std::optional<Day> to,
                                      int days = kDefaultRangeDays);

TlsRptView tlsrpt_view(const Aggregate& aggregate, DateRange range, size_t top_hosts = 5);

}  // namespace mailflow
