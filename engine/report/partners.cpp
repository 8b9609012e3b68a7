#include "report/partners.h"

#include <algorithm>
#include <utility>

#include "report/number_format.h"
#include "util/text.h"

namespace mailflow {

namespace {

// Weakest first: how badly a state falls short of a policy.
int strength(TlsVersion tls) {
  switch (tls) {
    case TlsVersion::None: return 0;
    case TlsVersion::UnknownVersion: return 1;
    case TlsVersion::Ssl3: return 2;
    case TlsVersion::Tls10: return 3;
    case TlsVersion::Tls11: return 4;
    case TlsVersion::Tls12: return 5;
    case TlsVersion::Tls13: return 6;
    case TlsVersion::NoData: break;
  }
  return 7;
}

std::optional<TlsVersion> weakest(std::optional<TlsVersion> a, TlsVersion b) {
  if (b == TlsVersion::NoData) return a;
  if (!a || strength(b) < strength(*a)) return b;
  return a;
}

// Each partner's hosts (index: partner id) from the messages counted per endpoint: heaviest first,
// then by name; a partner's endpoint without a host name is not a host. Counted in arrays by id, not
// in a map per partner: a month of 20,000 partners took 130-290 ms natively that way.
std::vector<std::vector<PartnerHost>> hosts_by_partner(const RemoteNames& names, const std::vector<uint64_t>& messages) {
  std::vector<std::vector<PartnerHost>> hosts(names.partner_count());
  for (uint32_t e = 0; e < messages.size(); ++e)
    if (messages[e] && !names.host(e).empty()) hosts[names.partner_id(e)].push_back({std::string(names.host(e)), messages[e]});
  for (auto& list : hosts)
    std::sort(list.begin(), list.end(), [](const PartnerHost& a, const PartnerHost& b) {
      return a.messages != b.messages ? a.messages > b.messages : text_less(a.host, b.host);
    });
  return hosts;
}

}  // namespace

bool PartnerFilter::matches(const Aggregate& aggregate, const PartnerCellKey& key) const {
  return range.contains(key.day) && (!direction || *direction == key.direction) &&
         connectors.matches(aggregate, key.connector);
}

std::optional<TlsVersion> PartnerRow::worst_tls() const {
  std::optional<TlsVersion> worst;
  for (TlsVersion tls : kAllTlsVersions)
    if (mix[tls].messages) worst = weakest(worst, tls);
  return worst;
}

PartnersView partners_view(const Aggregate& aggregate, const PartnerFilter& filter) {
  struct Partner {
    bool seen = false;
    TlsMix mix;
    Day first = 0, last = 0;
    std::vector<ConnectorId> connectors;  // a partner's mail takes a connector or a few
  };
  const PartnerTable& table = aggregate.partners();
  const RemoteNames& names = table.names();
  std::vector<Partner> by_partner(names.partner_count());
  std::vector<uint64_t> by_endpoint(names.endpoint_count());
  PartnersView view{filter, {}, {}, table.overflowed()};
  table.for_each_of_days(filter.range.from, filter.range.to, [&](const PartnerCellKey& key, const Volume& volume) {
    if (!filter.matches(aggregate, key)) return;
    Partner& p = by_partner[names.partner_id(key.endpoint)];
    if (!p.seen || key.day < p.first) p.first = key.day;
    if (!p.seen || key.day > p.last) p.last = key.day;
    p.seen = true;
    p.mix.add(key.tls, volume);
    by_endpoint[key.endpoint] += volume.messages;
    if (std::find(p.connectors.begin(), p.connectors.end(), key.connector) == p.connectors.end())
      p.connectors.push_back(key.connector);
    view.totals.add(key.tls, volume);
  });
  std::vector<std::vector<PartnerHost>> hosts = hosts_by_partner(names, by_endpoint);
  for (uint32_t id = 0; id < by_partner.size(); ++id) {
    const Partner& p = by_partner[id];
    if (!p.seen) continue;
    PartnerRow row;
    row.partner = std::string(names.partner_name(id));
    row.other = id == RemoteNames::kOtherPartners;
    row.mix = p.mix;
    row.first_day = p.first;
    row.last_day = p.last;
    if (!row.other) row.hosts = std::move(hosts[id]);
    for (ConnectorId c : p.connectors) {
      const auto name = aggregate.connector_name(c);
      row.connectors.push_back(name ? std::optional<std::string>(std::string(*name)) : std::nullopt);
    }
    std::sort(row.connectors.begin(), row.connectors.end(), connector_name_less);
    view.rows.push_back(std::move(row));
  }
  std::sort(view.rows.begin(), view.rows.end(), [](const PartnerRow& a, const PartnerRow& b) {
    if (a.other != b.other) return b.other;
    if (a.messages() != b.messages()) return a.messages() > b.messages();
    return a.partner < b.partner;
  });
  return view;
}

std::string partner_label(const PartnerRow& row) {
  if (row.other) return "(other partners)";
  return row.partner.empty() ? "(not named by the source)" : row.partner;
}

std::string remote_host_label(const RemoteHostCount& host) {
  return host.other ? "(other partners)" : host.host.empty() ? "(not named by the source)" : host.host;
}

std::vector<RemoteHostCount> top_remote_hosts(const Aggregate& aggregate, const PartnerFilter& filter,
                                              const std::vector<TlsVersion>& states, size_t count) {
  // Counted by endpoint id, and only the hosts that make the top get their names as text: with
  // 100,000 partners a map of every host's name took over 100 ms per insight natively.
  const RemoteNames& names = aggregate.partners().names();
  std::vector<uint64_t> by_endpoint(names.endpoint_count());
  aggregate.partners().for_each_of_days(filter.range.from, filter.range.to, [&](const PartnerCellKey& key,
                                                                               const Volume& volume) {
    if (std::find(states.begin(), states.end(), key.tls) == states.end() || !filter.matches(aggregate, key)) return;
    by_endpoint[key.endpoint] += volume.messages;
  });
  // A partner named only by its domain (no host) is listed under its domain, together with a host
  // of that very name.
  const auto host_of = [&](uint32_t e) {
    return e == RemoteNames::kOtherPartners ? std::string_view() : names.host(e).empty() ? names.partner(e) : names.host(e);
  };
  std::vector<uint32_t> found;
  for (uint32_t e = 0; e < by_endpoint.size(); ++e) {
    if (by_endpoint[e] == 0) continue;
    if (e != RemoteNames::kOtherPartners && names.host(e).empty())
      if (const auto twin = names.find(names.partner_id(e), names.partner(e)); twin && *twin != e) {
        if (by_endpoint[*twin] == 0 && *twin < e) found.push_back(*twin);  // passed over as empty
        by_endpoint[*twin] += std::exchange(by_endpoint[e], 0);
        continue;
      }
    found.push_back(e);
  }
  const auto heavier = [&](uint32_t a, uint32_t b) {
    if (by_endpoint[a] != by_endpoint[b]) return by_endpoint[a] > by_endpoint[b];
    return std::pair(host_of(a), names.partner(a)) < std::pair(host_of(b), names.partner(b));
  };
  const size_t shown = std::min(count, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(shown), found.end(), heavier);
  std::vector<RemoteHostCount> top;
  for (size_t i = 0; i < shown; ++i) {
    const uint32_t e = found[i];
    top.push_back({std::string(host_of(e)), std::string(names.partner(e)), e == RemoteNames::kOtherPartners,
                   by_endpoint[e]});
  }
  return top;
}

PolicyOutcome policy_outcome(TlsPolicy policy, TlsVersion tls) {
  if (tls == TlsVersion::NoData) return PolicyOutcome::CannotTell;
  if (tls == TlsVersion::None) return PolicyOutcome::Fail;
  if (policy == TlsPolicy::RequireTls) return PolicyOutcome::Pass;
  if (tls == TlsVersion::UnknownVersion) return PolicyOutcome::CannotTell;
  const int needed = strength(policy == TlsPolicy::RequireTls12 ? TlsVersion::Tls12 : TlsVersion::Tls13);
  return strength(tls) >= needed ? PolicyOutcome::Pass : PolicyOutcome::Fail;
}

namespace {
// How each policy is spelt: on the command line and in view(), as a label, and as what refuses
// the mail in the concentration sentence. In TlsPolicy's order.
struct PolicyNames {
  TlsPolicy policy;
  std::string_view key, label, refuser;
};
constexpr PolicyNames kPolicyNames[] = {
    {TlsPolicy::RequireTls, "any", "require TLS", "requiring TLS"},
    {TlsPolicy::RequireTls12, "1.2", "require TLS 1.2 or later", "TLS 1.2"},
    {TlsPolicy::RequireTls13, "1.3", "require TLS 1.3", "TLS 1.3"},
};
const PolicyNames& names_of(TlsPolicy policy) { return kPolicyNames[static_cast<size_t>(policy)]; }
}  // namespace

std::optional<TlsPolicy> parse_tls_policy(std::string_view text) {
  if (text == "tls") return TlsPolicy::RequireTls;
  for (const PolicyNames& names : kPolicyNames)
    if (text == names.key) return names.policy;
  return std::nullopt;
}

std::string_view tls_policy_key(TlsPolicy policy) { return names_of(policy).key; }

std::string tls_policy_label(TlsPolicy policy) { return std::string(names_of(policy).label); }

WhatIf what_if(const Aggregate& aggregate, const PartnerFilter& filter, TlsPolicy policy) {
  struct Failing {
    bool seen = false;
    Volume fail;
    std::optional<TlsVersion> worst;
    Day last = 0;
  };
  WhatIf result{policy, filter, {}, {}, {}, {}, {}, std::nullopt};
  const int days = std::max(filter.range.days(), 0);
  for (int i = 0; i < days; ++i) result.days.push_back({filter.range.from + i, {}, {}, {}});
  const RemoteNames& names = aggregate.partners().names();
  std::vector<Failing> failing(names.partner_count());
  std::vector<uint64_t> failing_by_endpoint(names.endpoint_count());
  aggregate.partners().for_each_of_days(filter.range.from, filter.range.to, [&](const PartnerCellKey& key,
                                                                               const Volume& volume) {
    if (!filter.matches(aggregate, key)) return;
    WhatIfDay& day = result.days[static_cast<size_t>(key.day - filter.range.from)];
    switch (policy_outcome(policy, key.tls)) {
      case PolicyOutcome::Pass: result.pass += volume, day.pass += volume; return;
      case PolicyOutcome::CannotTell: result.cannot_tell += volume, day.cannot_tell += volume; return;
      case PolicyOutcome::Fail: break;
    }
    result.fail += volume, day.fail += volume;
    Failing& f = failing[names.partner_id(key.endpoint)];
    f.fail += volume;
    f.worst = weakest(f.worst, key.tls);
    if (!f.seen || key.day > f.last) f.last = key.day;
    f.seen = true;
    failing_by_endpoint[key.endpoint] += volume.messages;
  });
  std::vector<std::vector<PartnerHost>> hosts = hosts_by_partner(names, failing_by_endpoint);
  for (uint32_t id = 0; id < failing.size(); ++id) {
    const Failing& f = failing[id];
    if (!f.seen) continue;
    WhatIfPartner p;
    p.partner = std::string(names.partner_name(id));
    p.other = id == RemoteNames::kOtherPartners;
    p.fail = f.fail;
    p.share = result.fail.messages ? static_cast<double>(f.fail.messages) / static_cast<double>(result.fail.messages) : 0;
    p.worst_tls = f.worst;
    p.last_seen = f.last;
    if (!p.other) p.hosts = std::move(hosts[id]);
    result.partners.push_back(std::move(p));
  }
  std::sort(result.partners.begin(), result.partners.end(), [](const WhatIfPartner& a, const WhatIfPartner& b) {
    if (a.other != b.other) return b.other;
    if (a.fail.messages != b.fail.messages) return a.fail.messages > b.fail.messages;
    return a.partner < b.partner;
  });
  // The fewest named partners that cause most of the would-fail mail.
  uint64_t covered = 0;
  for (size_t k = 0; k < result.partners.size() && k < kConcentratedPartners && !result.partners[k].other; ++k) {
    covered += result.partners[k].fail.messages;
    const double share = static_cast<double>(covered) / static_cast<double>(result.fail.messages);
    if (share >= kConcentratedShare) {
      result.concentration = WhatIfConcentration{k + 1, share, covered};
      break;
    }
  }
  return result;
}

std::string concentration_text(const WhatIf& r) {
  if (!r.concentration) return "";
  const WhatIfConcentration& c = *r.concentration;
  const std::string mail = r.filter.direction ? std::string(direction_key(*r.filter.direction)) + " mail" : "mail";
  return format_count(c.partners) + (c.partners == 1 ? " partner sends " : " partners send ") +
         format_percent(c.share, 0) + " of the " + mail + " that " + std::string(names_of(r.policy).refuser) +
         " would refuse";
}

}  // namespace mailflow
