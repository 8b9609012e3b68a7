// TLS-RPT reports (RFC 8460): what an admin reads from them (sessions per domain, failures by
// type and where they came from), every report accounted for, RFC and draft field names.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "../io/compress_util.h"
#include "aggregate/aggregate_json.h"
#include "report/tlsrpt_view.h"
#include "support/ingest.h"

namespace mailflow::test {
namespace {

// A report as senders write it (RFC field names, mx-host as a list).
std::string rfc_report(const std::string& org, const std::string& day, uint64_t ok, uint64_t failed,
                       const std::string& id = "r1") {
  return R"({"organization-name":")" + org + R"(","date-range":{"start-datetime":")" + day +
         R"(T00:00:00Z","end-datetime":")" + day + R"(T23:59:59Z"},"contact-info":"tlsrpt@)" + org +
         R"(","report-id":")" + id + R"(","policies":[{"policy":{"policy-type":"sts","policy-string":["version: STSv1","mode: enforce"],"policy-domain":"Contoso.com.","mx-host":["mx1.contoso.com"]},"summary":{"total-successful-session-count":)" +
         std::to_string(ok) + R"(,"total-failure-session-count":)" + std::to_string(failed) +
         R"(},"failure-details":[{"result-type":"certificate-expired","sending-mta-ip":"198.51.100.7","receiving-mx-hostname":"mx1.contoso.com","failed-session-count":)" +
         std::to_string(failed) + R"(,"additional-information":"https://example.com/x"}]}]})";
}
// The draft's names: mx-host-pattern as a string, additional-info-uri, a failure without a host.
const std::string kDraftReport =
    R"({"organization-name":"Adatum","date-range":{"start-datetime":"2026-11-03T00:00:00Z","end-datetime":"2026-11-03T23:59:59Z"},"contact-info":"x","report-id":"d1","policies":[{"policy":{"policy-type":"no-policy-found","policy-domain":"contoso.com","mx-host-pattern":"mx2.contoso.com"},"summary":{"total-successful-session-count":10,"total-failure-session-count":7},"failure-details":[{"result-type":"starttls-not-supported","sending-mta-ip":"203.0.113.80","failed-session-count":5,"additional-info-uri":"https://adatum.example/tls"}]}]})";

struct Read {
  std::unique_ptr<Session> session;
  Aggregate aggregate;
  const SourceReport& report() const { return session->report(0); }
};
Read read(const std::string& bytes, Cutting cutting = {}) {
  Read r{ingest({{"reports.json", bytes}}, cutting), {}};
  r.aggregate = r.session->aggregate();
  return r;
}
void expect_reports_accounted(const SourceReport& r) {
  EXPECT_EQ(r.records, r.messages + r.reports + r.skipped);
  EXPECT_EQ(r.messages, 0u);
}

TEST(TlsRpt, SessionsPerDomainAndFailureType) {
  const Read r = read(rfc_report("Fabrikam Mail", "2026-11-02", 412, 3) + "\n" + kDraftReport + "\n");
  EXPECT_EQ(r.report().format, "tlsrpt");
  EXPECT_EQ(r.report().reports, 2u);
  expect_reports_accounted(r.report());
  ASSERT_EQ(r.report().notes.size(), 2u);
  EXPECT_EQ(r.report().notes[0], "TLS-RPT counts sessions, not messages: 2 reports with 432 sessions, 10 of them failed");
  // The draft report details 5 of its 7 failed sessions.
  EXPECT_EQ(r.report().notes[1],
            "1 policy lists fewer failed sessions in failure-details (5) than in the summary (7): the summary is "
            "authoritative, and the rest count as \"(failure without details)\"");
  EXPECT_EQ(r.aggregate.total().messages, 0u);  // no messages: nothing in the mail-flow rows

  const TlsRptView view = tlsrpt_view(r.aggregate, *tlsrpt_full_range(r.aggregate));
  EXPECT_EQ(view.range.days(), 2);
  EXPECT_EQ(view.totals.successful, 422u);
  EXPECT_EQ(view.totals.failed, 10u);
  ASSERT_EQ(view.domains.size(), 1u);  // "Contoso.com." and "contoso.com" are one domain
  EXPECT_EQ(view.domains[0].domain, "contoso.com");
  EXPECT_EQ(view.domains[0].policy_types, (std::vector<std::string>{"no-policy-found", "sts"}));
  ASSERT_EQ(view.failure_types.size(), 3u);
  EXPECT_EQ(view.failure_types[0].result, "starttls-not-supported");
  EXPECT_EQ(view.failure_types[0].sessions, 5u);
  ASSERT_EQ(view.failure_types[0].sending_mtas.size(), 1u);
  EXPECT_EQ(view.failure_types[0].sending_mtas[0].host, "203.0.113.80");
  // The draft report names its one MX only in mx-host-pattern: the failures are put on it.
  ASSERT_EQ(view.failure_types[0].receiving_mx.size(), 1u);
  EXPECT_EQ(view.failure_types[0].receiving_mx[0].host, "mx2.contoso.com");
  EXPECT_EQ(view.failure_types[1].result, "certificate-expired");
  EXPECT_EQ(view.failure_types[2].result, std::string(TlsReports::kNoDetails));  // 7 failed, 5 detailed
  EXPECT_EQ(view.failure_types[2].sessions, 2u);
  EXPECT_EQ(view.days[0].counts.total(), 415u);
  EXPECT_EQ(view.days[1].counts.total(), 17u);
  ASSERT_EQ(view.organizations.size(), 2u);
}

TEST(TlsRpt, MxHostAsAStringAndArraysOfReports) {
  std::string report = rfc_report("Fabrikam", "2026-11-05", 9, 1);
  const std::string list = R"("mx-host":["mx1.contoso.com"])";
  report.replace(report.find(list), list.size(), R"("mx-host":"*.contoso.com")");
  const Read r = read("[" + report + ",\n" + kDraftReport + "]");
  EXPECT_EQ(r.report().reports, 2u);
  EXPECT_EQ(r.report().skipped, 0u);
}

TEST(TlsRpt, BrokenReportsAreSkippedWithTheirLine) {
  const std::string text = rfc_report("A", "2026-11-02", 1, 0) + "\n" + "{\"organization-name\":\"B\", oops}\n" +
                           R"({"organization-name":"C","date-range":{"start-datetime":"yesterday"},"policies":[]})" + "\n" +
                           rfc_report("A", "2026-11-02", 1, 0) + "\n" +  // the same report-id again
                           R"({"organization-name":"D","date-range":{"start-datetime":"2026-11-04T00:00:00Z"},"policies":[{"policy":{"policy-type":"sts"},"summary":{}}]})" +
                           "\n" + "{\"policies\":[";
  const Read r = read(text);
  const SourceReport& s = r.report();
  expect_reports_accounted(s);
  EXPECT_EQ(s.reports, 1u);
  EXPECT_EQ(s.skipped, 5u);
  EXPECT_EQ(s.skipped_by_reason.at("not valid JSON"), 1u);
  EXPECT_EQ(s.skipped_by_reason.at("a report already counted (same organization-name and report-id)"), 1u);
  EXPECT_EQ(s.skipped_by_reason.at("no policy of the report could be read"), 1u);
  EXPECT_EQ(s.skipped_by_reason.at("the last report is cut off (the file ends inside it)"), 1u);
  ASSERT_GE(s.problems.size(), 2u);
  EXPECT_EQ(s.problems[0].line, 2u);
  EXPECT_EQ(s.problems[1].line, 3u);
}

TEST(TlsRpt, GzipAndChunkingGiveTheSameAggregate) {
  std::string text;
  for (int d = 2; d <= 8; ++d) text += rfc_report("Org" + std::to_string(d % 3), "2026-11-0" + std::to_string(d), 100 * d, d, "id" + std::to_string(d)) + "\n";
  const std::string whole = aggregate_to_json(read(text).aggregate);
  const std::string gz = gzip(text);
  for (Cutting c : {Cutting{}, Cutting{1, 0}, Cutting{50, 9}}) {
    const std::string json = aggregate_to_json(read(gz, c).aggregate);
    EXPECT_EQ(json.substr(json.find("\"rows\"")), whole.substr(whole.find("\"rows\"")));
  }
}

TEST(TlsRpt, AggregateJsonRoundTripsAndMerges) {
  const Aggregate a = read(rfc_report("Fabrikam", "2026-11-02", 50, 2)).aggregate;
  const Aggregate b = read(kDraftReport).aggregate;
  std::string error;
  const auto loaded = aggregate_from_json(aggregate_to_json(a), error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(aggregate_to_json(*loaded), aggregate_to_json(a));
  Aggregate merged = *loaded;
  merged.merge(b);
  const TlsRptView view = tlsrpt_view(merged, *tlsrpt_full_range(merged));
  EXPECT_EQ(merged.tls_reports().reports(), 2u);
  EXPECT_EQ(view.totals.total(), 52u + 17u);
  // Without host names, the section keeps its counts and drops the MTAs and MX hosts.
  JsonWriteOptions no_hosts;
  no_hosts.remote_hosts = false;
  const std::string shared = aggregate_to_json(merged, no_hosts);
  EXPECT_EQ(shared.find("198.51.100.7"), std::string::npos);
  EXPECT_NE(shared.find("\"tls_reports\""), std::string::npos);
}

// examples/compressed/ (written by examples/generate_compressed.mjs) as the app reads it.
TEST(TlsRpt, ExamplesGiveTheGeneratorsTotals) {
  const std::filesystem::path dir = std::filesystem::path(MAILFLOW_EXAMPLES_DIR) / "compressed";
  const auto expected = nlohmann::json::parse(read_file((dir / "expected-compressed.json").string()), nullptr, false);
  if (expected.is_discarded()) GTEST_SKIP() << "run node examples/generate_compressed.mjs";
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "tlsrpt"))
    files.emplace_back(entry.path().filename().string(), read_file(entry.path().string()));
  std::sort(files.begin(), files.end());
  const auto session = ingest(files, Cutting{4096, 0});
  const Aggregate aggregate = session->aggregate();
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(session->report(i).error, "") << files[i].first;
    expect_reports_accounted(session->report(i));
  }
  const auto& want = expected["tlsrpt"];
  const TlsRptView view = tlsrpt_view(aggregate, *tlsrpt_full_range(aggregate));
  EXPECT_EQ(view.reports, want["reports"].get<uint64_t>());
  EXPECT_EQ(view.totals.successful, want["successful"].get<uint64_t>());
  EXPECT_EQ(view.totals.failed, want["failed"].get<uint64_t>());
  EXPECT_EQ(format_day(view.range.from), want["first_day"].get<std::string>());
  EXPECT_EQ(format_day(view.range.to), want["last_day"].get<std::string>());
  for (const TlsRptFailureType& f : view.failure_types)
    EXPECT_EQ(f.sessions, want["by_result"].value(f.result, uint64_t{0})) << f.result;
  EXPECT_EQ(view.failure_types.size(), want["by_result"].size());

  // exports.zip holds copies of two examples: each entry reads as the file it copies.
  const auto& zip = expected["exports.zip"];
  const auto archive = ingest({{"exports.zip", read_file((dir / "exports.zip").string())}}, Cutting{777, 0});
  ASSERT_EQ(archive->source_count(), 1 + zip["entries"].size());
  for (size_t i = 0; i < zip["entries"].size(); ++i) {
    const SourceReport& entry = archive->report(i + 1);
    EXPECT_EQ(entry.name, zip["entries"][i].get<std::string>());
    const auto plain = ingest({{"plain", read_file(std::string(MAILFLOW_EXAMPLES_DIR) + "/" + zip["same_as"][i].get<std::string>())}});
    EXPECT_EQ(entry.records, plain->report(0).records) << entry.name;
    EXPECT_EQ(entry.messages, plain->report(0).messages) << entry.name;
    EXPECT_EQ(entry.format, plain->report(0).format) << entry.name;
  }
}

}  // namespace
}  // namespace mailflow::test
