// The remote partners view and the TLS "what if", counted exactly from the aggregate's partner
// table (aggregate/partner_table.h) over a range, direction and connector choice.
//
// A partner is the remote side of the SMTP hop (model/partner.h says how each source names it).
// "What if": for a policy (require TLS, TLS 1.2 or later, TLS 1.3), each message in the range
// would have passed, failed, or cannot tell (no TLS data; for a version policy also "TLS, version
// unknown"). Messages that cannot tell are never counted as passing or failing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"
#include "report/views.h"

namespace mailflow {

struct PartnerFilter {
  DateRange range;
  std::optional<Direction> direction;  // nullopt: both directions
  ConnectorChoice connectors;          // all connectors by default
  bool matches(const Aggregate& aggregate, const PartnerCellKey& key) const;
};

struct PartnerHost {
  std::string host;  // a host name or an IP; "" when the source names only the partner's domain
  uint64_t messages = 0;
};

struct PartnerRow {
  std::string partner;  // "" (and other = false): the sources do not name the remote side
  bool other = false;   // "other partners": counted past the partner table's bound
  TlsMix mix;           // messages and bytes per TLS state
  Day first_day = 0, last_day = 0;
  std::vector<PartnerHost> hosts;                      // heaviest first, then by name
  std::vector<std::optional<std::string>> connectors;  // in connector_name_less order
  uint64_t messages() const { return mix.total().messages; }
  // The weakest TLS state among its messages with TLS data (none < SSL 3 < 1.0 < 1.1 < 1.2 < 1.3,
  // "TLS, version unknown" above none only); nullopt when none of them has TLS data.
  std::optional<TlsVersion> worst_tls() const;
};

struct PartnersView {
  PartnerFilter filter;
  std::vector<PartnerRow> rows;  // heaviest first, then by name; "other partners" last
  TlsMix totals;                 // equals the connector report's totals for the same filter
  bool bounded = false;          // a bound was reached: "other partners" holds the rest
};
PartnersView partners_view(const Aggregate& aggregate, const PartnerFilter& filter);

// Where no partner is named the view says so; the bound's row has its own label.
std::string partner_label(const PartnerRow& row);

// The heaviest remote hosts (host names or IPs; the partner where no host is named) of the mail
// that matches `filter` and has one of `states`: what the insights name. At most `count`.
struct RemoteHostCount {
  std::string host;
  std::string partner;
  bool other = false;  // "other partners" (past the bound)
  uint64_t messages = 0;
};
std::string remote_host_label(const RemoteHostCount& host);  // "(other partners)" past the bound
std::vector<RemoteHostCount> top_remote_hosts(const Aggregate& aggregate, const PartnerFilter& filter,
                                              const std::vector<TlsVersion>& states, size_t count);

// ---- what if ----

enum class TlsPolicy { RequireTls, RequireTls12, RequireTls13 };
enum class PolicyOutcome { Pass, Fail, CannotTell };

PolicyOutcome policy_outcome(TlsPolicy policy, TlsVersion tls);
// "any" (require TLS), "1.2", "1.3": the shell's --min-tls and the page's spelling.
std::optional<TlsPolicy> parse_tls_policy(std::string_view text);
std::string_view tls_policy_key(TlsPolicy policy);
std::string tls_policy_label(TlsPolicy policy);  // "require TLS", "require TLS 1.2 or later", ...

struct WhatIfDay {
  Day day;
  Volume pass, fail, cannot_tell;
};

struct WhatIfPartner {
  std::string partner;
  bool other = false;
  Volume fail;
  double share = 0;  // of the would-fail messages of the filter
  std::optional<TlsVersion> worst_tls;
  Day last_seen = 0;  // the last day with would-fail mail
  std::vector<PartnerHost> hosts;  // of its would-fail mail, heaviest first
};

// "3 partners send 92 % of the inbound mail that TLS 1.2 would refuse": raised when at most
// kConcentratedPartners partners cause at least kConcentratedShare of the would-fail messages.
struct WhatIfConcentration {
  size_t partners = 0;
  double share = 0;
  uint64_t messages = 0;
};
inline constexpr size_t kConcentratedPartners = 3;
inline constexpr double kConcentratedShare = 0.8;

struct WhatIf {
  TlsPolicy policy;
  PartnerFilter filter;
  Volume pass, fail, cannot_tell;
  std::vector<WhatIfDay> days;          // every day of the range
  std::vector<WhatIfPartner> partners;  // those with would-fail mail, most first, then by name
  std::optional<WhatIfConcentration> concentration;
};
WhatIf what_if(const Aggregate& aggregate, const PartnerFilter& filter, TlsPolicy policy);

// The insight sentence for a concentration, in English.
std::string concentration_text(const WhatIf& result);

}  // namespace mailflow
