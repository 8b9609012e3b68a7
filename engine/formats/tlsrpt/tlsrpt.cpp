#include "formats/tlsrpt/tlsrpt.h"

#include <set>

#include <nlohmann/json.hpp>

#include "formats/tlsrpt/json_objects.h"
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
std::string name_of(const Json* v) {
  std::string s(trim(text_of(v)));
  for (char& c : s) c = ascii_lower(c);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

class TlsRptReader final : public FormatReader {
 public:
  explicit TlsRptReader(ReaderContext context)
      : context_(context),
        objects_({[this](std::string_view object, uint64_t line) { on_report(object, line); },
                  [this](uint64_t line, uint64_t bytes) {
                    skip(line, "report larger than " + std::to_string(JsonObjects::kMaxObjectBytes >> 20) + " MiB (" +
                                   std::to_string(bytes >> 20) + " MiB); TLS reports are small, so this is not one");
                  },
                  [this](uint64_t line, std::string_view sample) {
                    skip(line, "text outside a JSON report (\"" + std::string(sample) + "\")");
                  },
                  [this](uint64_t line) { skip(line, "the last report is cut off (the file ends inside it)"); }}) {}

  void feed(std::string_view text) override { objects_.feed(text); }

  void finish() override {
    objects_.finish();
    auto& report = context_.report;
    if (report.reports == 0) return;
    report.notes.push_back("TLS-RPT counts sessions, not messages: " + std::to_string(report.reports) +
                           (report.reports == 1 ? " report" : " reports") + " with " + std::to_string(sessions_) +
                           " sessions, " + std::to_string(failed_) + " of them failed");
    if (multi_day_)
      report.notes.push_back(std::to_string(multi_day_) +
                             " reports cover more than one day; their sessions are counted on the day they start");
  }

 private:
  void skip(uint64_t line, const std::string& reason, bool problem = true) {
    ++context_.report.records;
    context_.report.skip(line, reason, problem);
  }

  void on_report(std::string_view object, uint64_t line) {
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
    if (const auto end = parser.parse(text_of(member(range, "end-datetime"))); end && end->resolved)
      multi_day_ += end->utc_seconds - time->utc_seconds > kSecondsPerDay;
    report.organization = std::string(trim(text_of(member(j, "organization-name"))));

    // A duplicate (the same report dropped twice, or repeated in one file) is counted once.
    const std::string id = text_of(member(j, "report-id"));
    if (!id.empty() && seen_.size() < kMaxIds) {
      if (!seen_.insert(report.organization + '\n' + id).second)
        return skip(line, "a report already counted (same organization-name and report-id)", false);
    }

    size_t index = 0;
    for (const Json& p : *policies) {
      ++index;
      TlsRptPolicy policy;
      if (std::string why = read_policy(p, policy); !why.empty()) {
        context_.report.add_problem(line, "policy " + std::to_string(index) + " left out: " + why);
        continue;
      }
      report.policies.push_back(std::move(policy));
    }
    if (report.policies.empty())
      return skip(line, policies->empty() ? "a report without policies" : "no policy of the report could be read");

    for (const TlsRptPolicy& p : report.policies) {
      uint64_t detailed = 0;
      for (const auto& f : p.failures) detailed += f.sessions;
      sessions_ += p.successful + std::max(p.failed, detailed);
      failed_ += std::max(p.failed, detailed);
    }
    ++context_.report.records;
    ++context_.report.reports;
    context_.sink.tls_report(report);
  }

  // Empty when the policy was read; else why not.
  static std::string read_policy(const Json& p, TlsRptPolicy& policy) {
    const Json* head = member(p, "policy");
    if (!head || !head->is_object()) return "no \"policy\" object";
    policy.domain = name_of(member(*head, "policy-domain"));
    if (policy.domain.empty()) return "no policy-domain";
    policy.type = name_of(member(*head, "policy-type"));
    if (policy.type.empty()) return "no policy-type";
    // mx-host (RFC: a string in its example, a list in its schema) or the draft's mx-host-pattern:
    // with exactly one MX it names the receiving MX of failures that do not.
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
    if (!ok || !failed) return "summary session counts missing or not whole numbers";
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
    return {};
  }

  static constexpr size_t kMaxIds = 100000;

  ReaderContext context_;
  JsonObjects objects_;
  std::set<std::string> seen_;
  uint64_t sessions_ = 0, failed_ = 0, multi_day_ = 0;
};

// A JSON object (or array of them) near the top with the report's own field names.
int sniff(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (head[first] != '{' && head[first] != '[')) return 0;
  const std::string_view top = head.substr(0, 8192);
  const bool policies = top.find("\"policies\"") != std::string_view::npos;
  const bool report = top.find("\"organization-name\"") != std::string_view::npos ||
                      top.find("\"report-id\"") != std::string_view::npos ||
                      top.find("\"date-range\"") != std::string_view::npos;
  return policies && report ? 95 : 0;
}

std::unique_ptr<FormatReader> make(ReaderContext context) { return std::make_unique<TlsRptReader>(context); }

}  // namespace

const FormatInfo kTlsRptFormat{"tlsrpt", "TLS-RPT report (RFC 8460)", &sniff, &make};

}  // namespace mailflow
