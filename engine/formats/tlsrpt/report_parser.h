// One TLS report (RFC 8460), a JSON object, becomes a TlsRptReport for the aggregate, with the
// accounting both TLS-RPT readers share (the .json reader, formats/tlsrpt/tlsrpt.h, and the e-mail
// reader, formats/tlsrpt/report_mail.h): each object is a record, read as a report or skipped
// with a reason; a report seen before (same organization-name and report-id) is skipped; and at
// the end, the notes that say what the reports held and how they were counted:
//   - sessions and failures, each report's sessions of a domain counted once even when it
//     evaluated them against several policies (aggregate/tls_reports.h, count_once_per_domain);
//   - failure-details that add up to more or less than the summary (the summary is authoritative);
//   - reports spanning more than a day (counted on the day they start);
//   - policies without policy-domain (Postfix's TLSRPT reporter leaves it out of no-policy-found
//     policies) counted under the domain the report e-mail names, when there is one.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

class TlsRptParser {
 public:
  explicit TlsRptParser(ReaderContext context) : context_(context) {}

  // One JSON object from `line` of the input. `mail_domain`: the report e-mail's TLS-Report-Domain
  // header (empty for a .json file), the policy domain of policies that name none.
  void read(std::string_view object, uint64_t line, std::string_view mail_domain = {});
  // A record that is not a report (broken JSON, a cut-off file, an unreadable attachment).
  void skip(uint64_t line, const std::string& reason, bool problem = true);
  // Adds the notes; call once at the end.
  void finish();

  uint64_t reports() const { return context_.report.reports; }

 private:
  static constexpr size_t kMaxIds = 100000;

  ReaderContext context_;
  std::set<std::string> seen_;
  uint64_t sessions_ = 0, failed_ = 0, multi_day_ = 0;
  uint64_t overlapping_reports_ = 0;
  uint64_t over_detailed_ = 0, over_detailed_sum_ = 0, over_detailed_summary_ = 0;
  uint64_t under_detailed_ = 0, under_detailed_sum_ = 0, under_detailed_summary_ = 0;
  uint64_t domain_from_mail_ = 0;
};

}  // namespace mailflow
