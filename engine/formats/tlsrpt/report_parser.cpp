#include "formats/tlsrpt/report_parser.h"

#include <nlohmann/json.hpp>

#include "util/text.h"

namespace mailflow {

namespace {

using Json = nlohmann::json;

const Json* member(const Json* j, const char* key) {
  if (!j || !j->is_object()) return nullptr;
  auto it = j->find(key);
  return it == j->end() ? nullptr : &*it;
}
const Json* member(const Json& j, const char* key) { return member(&j, key); }
std::string text_of(const Json* v) { return v && v->is_string() ? v->get<std::string>() : std::string(); }
std::optional<uint64_t> count_of(const Json* v) {
  if (!v || !v->is_number_unsigned()) return std::nullopt;
  return v->get<uint64_t>();
}
// Domain and host names compare without case and without the root's trailing dot.
std::string name_of(std::string_view text) {
  std::string s(trim(text));
  for (char& c : s) c = ascii_lower(c);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}
std::string name_of(const Json* v) { return name_of(text_of(v)); }
// Sums of counts from a file are capped, never wrapped.
void add_to(uint64_t& sum, uint64_t n) { sum = n > UINT64_MAX - sum ? UINT64_MAX : sum + n; }

struct PolicyRead {
  std::string why_not;           // empty when the policy was read
  bool domain_from_mail = false;
};

PolicyRead read_policy(const Json& p, TlsRptPolicy& policy, std::string_view mail_domain) {
  PolicyRead r;
  const Json* head = member(p, "policy");
  if (!head || !head->is_object()) return {"no \"policy\" object"};
  policy.domain = name_of(member(*head, "policy-domain"));
  if (policy.domain.empty() && !mail_domain.empty()) {
    policy.domain = name_of(mail_domain);
    r.domain_from_mail = true;
  }
  if (policy.domain.empty()) return {"no policy-domain"};
  policy.type = name_of(member(*head, "policy-type"));
  if (policy.type.empty()) return {"no policy-type"};
  // mx-host (RFC: a string in its example, a list in its schema; absent in Microsoft's and
  // Mail.ru's reports) or the draft's mx-host-pattern: with exactly one MX it names the receiving
  // MX of failures that do not.
  std::string only_mx;
  for (const char* key : {"mx-host", "mx-host-pattern"}) {
    const Json* mx = member(*head, key);
    if (mx && mx->is_string()) only_mx = name_of(mx);
    else if (mx && mx->is_array() && mx->size() == 1) only_mx = name_of(&(*mx)[0]);
    if (mx) break;
  }
  const Json* summary = member(p, "summary");
  const auto ok = count_of(member(summary, "total-successful-session-count"));
  const auto failed = count_of(member(summary, "total-failure-session-count"));
  if (!ok || !failed) return {"summary session counts missing or not whole numbers"};
  policy.successful = *ok;
  policy.failed = *failed;
  if (const Json* details = member(p, "failure-details"); details && details->is_array()) {
    for (const Json& d : *details) {
      if (!d.is_object()) continue;
      TlsRptFailure f;
      f.result_type = name_of(member(d, "result-type"));
      if (f.result_type.empty()) f.result_type = "(no result-type)";
      f.sessions = count_of(member(d, "failed-session-count")).value_or(0);
      f.sending_mta = std::string(trim(text_of(member(d, "sending-mta-ip"))));
      f.receiving_mx = name_of(member(d, "receiving-mx-hostname"));
      if (f.receiving_mx.empty()) f.receiving_mx = std::string(trim(text_of(member(d, "receiving-ip"))));
      if (f.receiving_mx.empty()) f.receiving_mx = only_mx;
      policy.failures.push_back(std::move(f));
    }
  }
  return r;
}

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void TlsRptParser::skip(uint64_t line, const std::string& reason, bool problem) {
  ++context_.report.records;
  context_.report.skip(line, reason, problem);
}

void TlsRptParser::read(std::string_view object, uint64_t line, std::string_view mail_domain) {
  const Json j = Json::parse(object, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return skip(line, "not valid JSON");
  const Json* policies = member(j, "policies");
  if (!policies || !policies->is_array()) return skip(line, "not a TLS-RPT report (no \"policies\" list)");

  TlsRptReport report;
  const Json* range = member(j, "date-range");
  const std::string start = text_of(member(range, "start-datetime"));
  TimestampParser parser;
  const auto time = parser.parse(start);
  if (!time || !time->resolved)
    return skip(line, "date-range start-datetime \"" + start.substr(0, 40) + "\" is missing or not an RFC 3339 time");
  report.day = day_of(time->utc_seconds);
  // A day's range ends at 23:59:59Z or at the next day's 00:00:00Z (Mail.ru): both are one day.
  bool multi_day = false;
  if (const auto end = parser.parse(text_of(member(range, "end-datetime"))); end && end->resolved)
    multi_day = end->utc_seconds - time->utc_seconds > kSecondsPerDay;
  report.organization = std::string(trim(text_of(member(j, "organization-name"))));

  // A duplicate (the same report dropped twice, or repeated in one file) is counted once.
  const std::string id = text_of(member(j, "report-id"));
  if (!id.empty() && seen_.size() < kMaxIds) {
    if (!seen_.insert(report.organization + '\n' + id).second)
      return skip(line, "a report already counted (same organization-name and report-id)", false);
  }

  size_t index = 0;
  uint64_t from_mail = 0;
  for (const Json& p : *policies) {
    ++index;
    TlsRptPolicy policy;
    const PolicyRead r = read_policy(p, policy, mail_domain);
    if (!r.why_not.empty()) {
      context_.report.add_problem(line, "policy " + std::to_string(index) + " left out: " + r.why_not);
      continue;
    }
    from_mail += r.domain_from_mail;
    report.policies.push_back(std::move(policy));
  }
  if (report.policies.empty())
    return skip(line, policies->empty() ? "a report without policies" : "no policy of the report could be read");

  // The summary is authoritative over the failure details (aggregate/tls_reports.h).
  for (TlsRptPolicy& p : report.policies) {
    const uint64_t detailed = scale_failures_to_summary(p);
    if (detailed > p.failed) {
      ++over_detailed_;
      add_to(over_detailed_sum_, detailed);
      add_to(over_detailed_summary_, p.failed);
    } else if (detailed < p.failed) {
      ++under_detailed_;
      add_to(under_detailed_sum_, detailed);
      add_to(under_detailed_summary_, p.failed);
    }
  }
  bool overlapping = false;
  for (const TlsRptDomainCount& d : count_once_per_domain(report)) {
    add_to(sessions_, d.sessions);
    add_to(failed_, d.failures->failed);
    overlapping = overlapping || d.policies > 1;
  }
  overlapping_reports_ += overlapping;
  multi_day_ += multi_day;
  domain_from_mail_ += from_mail;
  ++context_.report.records;
  ++context_.report.reports;
  context_.sink.tls_report(report);
}

void TlsRptParser::finish() {
  auto& notes = context_.report.notes;
  const uint64_t reports = context_.report.reports;
  if (reports == 0) return;
  notes.push_back("TLS-RPT counts sessions, not messages: " + plural(reports, "report", "reports") + " with " +
                  std::to_string(sessions_) + " sessions, " + std::to_string(failed_) + " of them failed");
  if (overlapping_reports_)
    notes.push_back(plural(overlapping_reports_, "report evaluates", "reports evaluate") +
                    " the same sessions against more than one policy of a domain (such as DANE \"tlsa\" and "
                    "MTA-STS \"sts\"): each report's sessions of a domain are counted once (its largest policy "
                    "total, with the failures of the policy that reports the most); the figures of each policy "
                    "are shown apart");
  if (over_detailed_)
    notes.push_back(plural(over_detailed_, "policy lists", "policies list") + " more failed sessions in failure-details (" +
                    std::to_string(over_detailed_sum_) + ") than in the summary (" +
                    std::to_string(over_detailed_summary_) +
                    "): the summary is authoritative, so the failure types are scaled down to it");
  if (under_detailed_)
    notes.push_back(plural(under_detailed_, "policy lists", "policies list") + " fewer failed sessions in failure-details (" +
                    std::to_string(under_detailed_sum_) + ") than in the summary (" +
                    std::to_string(under_detailed_summary_) +
                    "): the summary is authoritative, and the rest count as \"(failure without details)\"");
  if (multi_day_)
    notes.push_back(plural(multi_day_, "report covers", "reports cover") +
                    " more than one day; their sessions are counted on the day they start");
  if (domain_from_mail_)
    notes.push_back(plural(domain_from_mail_, "policy names", "policies name") +
                    " no policy-domain: counted under the domain of the report e-mail's TLS-Report-Domain header");
}

}  // namespace mailflow
