// TLS-RPT report e-mails in the shapes real ones have (tests/data/real-shapes/tlsrpt-*, see
// tests/data/real-shapes/README.md for the public files each reproduces), read as a user drops them:
// whole, in 1-byte chunks and in random chunks. The figures were counted by hand from the files'
// decoded attachments (the grep commands are in the README), never from mailflow's output.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "aggregate/aggregate_json.h"
#include "report/tlsrpt_view.h"
#include "formats/format_test_util.h"

namespace mailflow::test {
namespace {

const std::string kDir = std::string(MAILFLOW_TEST_DATA_DIR) + "/real-shapes/";

// The files as the shell names them: one source per file, a folder's files sorted.
std::vector<std::pair<std::string, std::string>> files_of(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> files;
  if (!std::filesystem::is_directory(path)) return {{std::filesystem::path(path).filename().string(), read_file(path)}};
  std::vector<std::string> found;
  for (const auto& e : std::filesystem::recursive_directory_iterator(path))
    if (e.is_regular_file()) found.push_back(e.path().string());
  std::sort(found.begin(), found.end());
  for (const std::string& f : found) files.emplace_back(std::filesystem::path(f).filename().string(), read_file(f));
  return files;
}

const std::vector<Cutting> kCuttings = {Cutting{}, Cutting{1, 0}, Cutting{97, 3}, Cutting{4096, 11}};

struct Read {
  std::unique_ptr<Session> session;
  Aggregate aggregate;
  TlsRptView view;
  const SourceReport& report(size_t i = 0) const { return session->report(i); }
};

// Reads `path` with every cutting, checks they agree, and hands each reading to `check`.
template <class Check>
void read_every_way(const std::string& path, Check check) {
  const auto files = files_of(kDir + path);
  ASSERT_FALSE(files.empty()) << path;
  std::string first_json;
  for (const Cutting& cutting : kCuttings) {
    SCOPED_TRACE(path + " cut " + std::to_string(cutting.fixed) + "/" + std::to_string(cutting.seed));
    Read r{ingest(files, cutting), {}, {}};
    r.aggregate = r.session->aggregate();
    const auto range = tlsrpt_full_range(r.aggregate);
    ASSERT_TRUE(range);
    r.view = tlsrpt_view(r.aggregate, *range);
    const std::string json = aggregate_to_json(r.aggregate);
    if (first_json.empty()) first_json = json;
    EXPECT_EQ(json, first_json);
    check(r);
  }
}

void expect_reports_accounted(const SourceReport& s) {
  EXPECT_EQ(s.records, s.messages + s.reports + s.skipped) << s.name;
  EXPECT_EQ(s.messages, 0u) << s.name;
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : s.skipped_by_reason) by_reason += n;
  EXPECT_EQ(by_reason, s.skipped) << s.name;
}

const TlsRptDomain* domain(const TlsRptView& v, const std::string& name) {
  for (const TlsRptDomain& d : v.domains)
    if (d.domain == name) return &d;
  return nullptr;
}
uint64_t failure_sessions(const TlsRptView& v, const std::string& result) {
  for (const TlsRptFailureType& f : v.failure_types)
    if (f.result == result) return f.sessions;
  return 0;
}
// Google: text part, application/tlsrpt+gzip with a folded name, mx-host a list, LF line ends.
TEST(RealShapesTlsRpt, GoogleReportEmail) {
  read_every_way("tlsrpt-google.eml", [](const Read& r) {
    const SourceReport& s = r.report();
    EXPECT_EQ(s.format, "tlsrpt-mail");
    EXPECT_EQ(s.error, "");
    EXPECT_EQ(s.records, 1u);
    EXPECT_EQ(s.reports, 1u);
    EXPECT_EQ(s.skipped, 0u);
    expect_reports_accounted(s);
    EXPECT_EQ(s.notes.at(0), "TLS-RPT counts sessions, not messages: 1 report with 243 sessions, 3 of them failed");
    EXPECT_EQ(r.view.totals.successful, 240u);
    EXPECT_EQ(r.view.totals.failed, 3u);
    ASSERT_EQ(r.view.days.size(), 1u);
    EXPECT_EQ(format_day(r.view.days[0].day), "2026-11-19");
    ASSERT_EQ(r.view.failure_types.size(), 1u);
    EXPECT_EQ(r.view.failure_types[0].result, "certificate-expired");
    EXPECT_EQ(r.view.failure_types[0].sessions, 3u);
    ASSERT_EQ(r.view.failure_types[0].sending_mtas.size(), 1u);
    EXPECT_EQ(r.view.failure_types[0].sending_mtas[0].host, "198.51.100.25");
    ASSERT_EQ(r.view.failure_types[0].receiving_mx.size(), 1u);
    EXPECT_EQ(r.view.failure_types[0].receiving_mx[0].host, "mx2.contoso.com");
    ASSERT_EQ(r.view.organizations.size(), 1u);
    EXPECT_EQ(r.view.organizations[0].host, "Google Inc.");
  });
}

// Microsoft: quoted-printable HTML part, folded Subject and Content-Type, CRLF, and the same 57
// sessions evaluated against a DANE "tlsa" and an MTA-STS "sts" policy: 57 sessions, not 114.
TEST(RealShapesTlsRpt, MicrosoftReportEmailCountsTheDomainOnce) {
  read_every_way("tlsrpt-microsoft.eml", [](const Read& r) {
    const SourceReport& s = r.report();
    EXPECT_EQ(s.format, "tlsrpt-mail");
    EXPECT_EQ(s.records, 1u);
    EXPECT_EQ(s.reports, 1u);
    expect_reports_accounted(s);
    EXPECT_EQ(s.notes.at(0), "TLS-RPT counts sessions, not messages: 1 report with 57 sessions, 0 of them failed");
    EXPECT_TRUE(test::has_note(s, "1 report evaluates the same sessions against more than one policy of a domain"));
    EXPECT_EQ(r.view.totals.total(), 57u);
    EXPECT_EQ(r.view.totals.failed, 0u);
    const TlsRptDomain* d = domain(r.view, "contoso.com");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->counts.total(), 57u);
    EXPECT_TRUE(d->policies_overlap);
    ASSERT_EQ(d->policies.size(), 2u);  // each policy's own figures, shown apart
    EXPECT_EQ(d->policies[0].type, "sts");
    EXPECT_EQ(d->policies[0].counts.total(), 57u);
    EXPECT_EQ(d->policies[1].type, "tlsa");
    EXPECT_EQ(d->policies[1].counts.total(), 57u);
  });
}

// An mbox: Mail.ru (folded Subject over four lines, quoted report-type, no close delimiter, a day
// ending at the next day's 00:00:00Z), a cron mail with a ">From " line, a Postfix TLSRPT report
// without policy-domain as application/gzip, Google with failure-details above its summary, and
// a DMARC report e-mail. CRLF for the first two messages, LF after.
TEST(RealShapesTlsRpt, MboxOfReportsAndOtherMail) {
  read_every_way("tlsrpt-reports.mbox", [](const Read& r) {
    const SourceReport& s = r.report();
    EXPECT_EQ(s.format, "tlsrpt-mail");
    EXPECT_EQ(s.error, "");
    EXPECT_EQ(s.records, 5u);  // 5 messages ("From " lines), each with at most one report
    EXPECT_EQ(s.reports, 3u);
    EXPECT_EQ(s.skipped, 2u);
    expect_reports_accounted(s);
    EXPECT_EQ(s.skipped_by_reason.at("e-mail without a TLS report attachment"), 1u);
    EXPECT_EQ(s.skipped_by_reason.at("a DMARC report e-mail, not a TLS report"), 1u);
    ASSERT_EQ(s.problems.size(), 2u);
    EXPECT_EQ(s.problems[0].line, 47u);   // the cron mail's "From " line
    EXPECT_EQ(s.problems[1].line, 128u);  // the DMARC e-mail's
    EXPECT_EQ(s.notes.at(0), "TLS-RPT counts sessions, not messages: 3 reports with 117 sessions, 5 of them failed");
    EXPECT_TRUE(test::has_note(s, "1 policy lists more failed sessions in failure-details (6) than in the summary (4)"));
    EXPECT_TRUE(test::has_note(s, "1 policy names no policy-domain: counted under the domain of the report e-mail's"));
    EXPECT_TRUE(test::has_note(s, "an mbox of 5 e-mails"));

    EXPECT_EQ(r.view.totals.total(), 117u);
    EXPECT_EQ(r.view.totals.failed, 5u);
    ASSERT_EQ(r.view.days.size(), 1u);  // 00:00:00Z to the next 00:00:00Z is one day
    EXPECT_EQ(format_day(r.view.days[0].day), "2026-11-20");
    const TlsRptDomain* contoso = domain(r.view, "contoso.com");
    ASSERT_TRUE(contoso);
    EXPECT_EQ(contoso->counts.total(), 1u);
    EXPECT_EQ(contoso->counts.failed, 1u);
    const TlsRptDomain* fabrikam = domain(r.view, "fabrikam.com");
    ASSERT_TRUE(fabrikam);
    EXPECT_EQ(fabrikam->counts.total(), 116u);  // 12 (no-policy-found) + 104 (sts)
    EXPECT_EQ(fabrikam->counts.failed, 4u);     // the summary's 4, not the details' 6
    EXPECT_FALSE(fabrikam->policies_overlap);
    EXPECT_EQ(fabrikam->policy_types, (std::vector<std::string>{"no-policy-found", "sts"}));
    // 3 + 3 detailed against 4 in the summary: each scaled to 3 * 4 / 6 = 2.
    EXPECT_EQ(failure_sessions(r.view, "starttls-not-supported"), 2u);
    EXPECT_EQ(failure_sessions(r.view, "validation-failure"), 2u);
    EXPECT_EQ(failure_sessions(r.view, "sts-policy-fetch-error"), 1u);
    EXPECT_EQ(r.view.organizations.size(), 3u);  // Mail.ru, mail.adatum.com, Google Inc.
  });
}

// A maildir (cur/ and new/, names with ":2,S"): two reports and an ordinary e-mail, which is
// not read and says why.
TEST(RealShapesTlsRpt, MaildirFolder) {
  read_every_way("tlsrpt-maildir", [](const Read& r) {
    ASSERT_EQ(r.session->source_count(), 3u);
    // Sorted as the shell sorts a folder: cur/ (the Google report, then the other mail), new/.
    const SourceReport& google = r.report(0);
    const SourceReport& other = r.report(1);
    const SourceReport& microsoft = r.report(2);
    EXPECT_EQ(google.name, "1795346233.M271828P3141.mx1.fabrikam.com,S=1453:2,S");
    EXPECT_EQ(google.reports, 1u);
    EXPECT_EQ(microsoft.reports, 1u);
    expect_reports_accounted(google);
    expect_reports_accounted(microsoft);
    EXPECT_EQ(other.format, "tlsrpt-mail");
    EXPECT_EQ(other.error,
              "an e-mail without a TLS report: no attachment of type application/tlsrpt+gzip or +json, nor one named "
              ".json or .json.gz");
    EXPECT_EQ(other.records, 0u);

    const TlsRptDomain* fabrikam = domain(r.view, "fabrikam.com");
    ASSERT_TRUE(fabrikam);
    EXPECT_EQ(fabrikam->counts.total(), 221u);  // 131 (Google) + 90 (Microsoft's sts and tlsa, once)
    EXPECT_EQ(fabrikam->counts.failed, 2u);
    EXPECT_TRUE(fabrikam->policies_overlap);
    ASSERT_EQ(fabrikam->policies.size(), 2u);
    EXPECT_EQ(fabrikam->policies[0].type, "sts");
    EXPECT_EQ(fabrikam->policies[0].counts.total(), 221u);
    EXPECT_EQ(fabrikam->policies[1].type, "tlsa");
    EXPECT_EQ(fabrikam->policies[1].counts.total(), 90u);
    // Both policies report 2 failures: those of the first listed (sts) count for the domain.
    EXPECT_EQ(failure_sessions(r.view, "certificate-host-mismatch"), 2u);
    EXPECT_EQ(failure_sessions(r.view, "tlsa-invalid"), 0u);
    ASSERT_EQ(r.view.days.size(), 2u);
    EXPECT_EQ(r.view.days[0].counts.total(), 90u);   // 2026-11-20
    EXPECT_EQ(r.view.days[1].counts.total(), 131u);  // 2026-11-21
  });
}

}  // namespace
}  // namespace mailflow::test
