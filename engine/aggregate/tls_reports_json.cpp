#include "aggregate/tls_reports_json.h"

namespace mailflow {

using Json = nlohmann::ordered_json;

namespace {

const Json* member(const Json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}
std::optional<uint64_t> u64(const Json& j, const char* key) {
  const Json* v = member(j, key);
  if (!v || !v->is_number_unsigned()) return std::nullopt;
  return v->get<uint64_t>();
}
std::optional<std::string> text(const Json& j, const char* key) {
  const Json* v = member(j, key);
  if (!v || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

Json host_groups(const std::map<std::string, TopHosts>& groups) {
  Json out = Json::array();
  for (const auto& [result, sketch] : groups) {
    Json hosts = Json::array();
    for (const HostCount& h : sketch.top(sketch.entries().size()))
      hosts.push_back({{"host", h.host}, {"sessions", h.messages}, {"error", h.error}});
    out.push_back({{"result", result}, {"hosts", hosts}});
  }
  return out;
}

// Host groups are lenient, like remote_hosts: a malformed entry is left out.
template <class Restore>
void read_host_groups(const Json* groups, Restore restore) {
  if (!groups || !groups->is_array()) return;
  for (const Json& g : *groups) {
    if (!g.is_object()) continue;
    const auto result = text(g, "result");
    const Json* hosts = member(g, "hosts");
    if (!result || !hosts || !hosts->is_array()) continue;
    for (const Json& h : *hosts) {
      if (!h.is_object()) continue;
      const auto host = text(h, "host");
      const auto sessions = u64(h, "sessions");
      if (host && sessions) restore(*result, HostCount{*host, *sessions, u64(h, "error").value_or(0)});
    }
  }
}

}  // namespace

Json tls_reports_to_json(const TlsReports& reports, const JsonWriteOptions& options) {
  auto in_range = [&](Day day) { return !(options.from && day < *options.from) && !(options.to && day > *options.to); };
  Json domain_sessions = Json::array();
  for (const auto& [key, n] : reports.domain_sessions()) {
    if (!in_range(key.day)) continue;
    domain_sessions.push_back(
        {{"day", format_day(key.day)}, {"policy_domain", key.domain}, {"result", key.result}, {"sessions", n}});
  }
  Json sessions = Json::array();
  for (const auto& [key, n] : reports.sessions()) {
    if (!in_range(key.day)) continue;
    sessions.push_back({{"day", format_day(key.day)},
                        {"policy_domain", key.domain},
                        {"policy_type", key.policy_type},
                        {"result", key.result},
                        {"sessions", n}});
  }
  Json out = {{"reports", reports.reports()}, {"domain_sessions", domain_sessions}, {"sessions", sessions}};
  if (options.remote_hosts) {
    out["sending_mtas"] = host_groups(reports.sending_mtas());
    out["receiving_mx"] = host_groups(reports.receiving_mx());
  }
  Json organizations = Json::array();
  for (const HostCount& o : reports.organizations().top(reports.organizations().entries().size()))
    organizations.push_back({{"name", o.host}, {"reports", o.messages}, {"error", o.error}});
  out["organizations"] = organizations;
  return out;
}

bool tls_reports_from_json(const Json& j, TlsReports& reports, std::string& error) {
  if (!j.is_object()) return error = "\"tls_reports\" is not an object", false;
  const auto count = u64(j, "reports");
  const Json* sessions = member(j, "sessions");
  if (!count || !sessions || !sessions->is_array())
    return error = "\"tls_reports\" lacks reports or sessions", false;
  reports.add_reports(*count);
  const Json* domain_sessions = member(j, "domain_sessions");
  for (const Json& row : *sessions) {
    if (!row.is_object()) return error = "a TLS report session row is not an object", false;
    const auto day = parse_day(text(row, "day").value_or(""));
    const auto domain = text(row, "policy_domain"), type = text(row, "policy_type"), result = text(row, "result");
    const auto n = u64(row, "sessions");
    if (!day || !domain || !type || !result || !n)
      return error = "a TLS report session row has a missing or malformed day, policy_domain, policy_type, result or sessions",
             false;
    reports.add_sessions({*day, *domain, *type, *result}, *n);
    if (!domain_sessions) reports.add_domain_sessions({*day, *domain, *result}, *n);
  }
  if (domain_sessions) {
    if (!domain_sessions->is_array()) return error = "\"tls_reports\" domain_sessions is not a list", false;
    for (const Json& row : *domain_sessions) {
      if (!row.is_object()) return error = "a TLS report domain session row is not an object", false;
      const auto day = parse_day(text(row, "day").value_or(""));
      const auto domain = text(row, "policy_domain"), result = text(row, "result");
      const auto n = u64(row, "sessions");
      if (!day || !domain || !result || !n)
        return error = "a TLS report domain session row has a missing or malformed day, policy_domain, result or sessions",
               false;
      reports.add_domain_sessions({*day, *domain, *result}, *n);
    }
  }
  read_host_groups(member(j, "sending_mtas"),
                   [&](const std::string& r, HostCount h) { reports.restore_sending_mta(r, std::move(h)); });
  read_host_groups(member(j, "receiving_mx"),
                   [&](const std::string& r, HostCount h) { reports.restore_receiving_mx(r, std::move(h)); });
  if (const Json* orgs = member(j, "organizations"); orgs && orgs->is_array())
    for (const Json& o : *orgs)
      if (o.is_object())
        if (auto name = text(o, "name"); name && u64(o, "reports"))
          reports.restore_organization({*name, *u64(o, "reports"), u64(o, "error").value_or(0)});
  return true;
}

}  // namespace mailflow
