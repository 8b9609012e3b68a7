#include "report/tls_coverage.h"

#include <algorithm>

namespace mailflow {

namespace {

bool has_format(const Aggregate& aggregate, std::string_view prefix) {
  return std::any_of(aggregate.sources().begin(), aggregate.sources().end(),
                     [&](const SourceReport& s) { return std::string_view(s.format).starts_with(prefix); });
}

}  // namespace

const char* missing_tls_hint(const Aggregate& aggregate) {
  // Each format without TLS, and the export of the same system that carries it.
  if (has_format(aggregate, "message-trace") && !has_format(aggregate, "message-trace-detail"))
    return "A message trace has no TLS: add the message trace detail (Get-MessageTraceDetailV2, or Graph "
           "getDetailsByRecipient) of the same messages, or the Extended report.";
  if (has_format(aggregate, "exo-enhanced-summary") && !has_format(aggregate, "exo-extended"))
    return "The Enhanced summary report has no TLS: add the Extended report of the same search.";
  if (has_format(aggregate, "exchange-tracking") && !has_format(aggregate, "exchange-protocol"))
    return "A message tracking log has no TLS: add the SMTP protocol logs (RECV*.LOG, SEND*.LOG) of the same "
           "servers.";
  if (has_format(aggregate, "postfix") || has_format(aggregate, "sendmail"))
    return "The mail log has no TLS lines: set smtpd_tls_loglevel and smtp_tls_loglevel to 1 (Postfix) or "
           "LogLevel to 9 (Sendmail).";
  return nullptr;
}

}  // namespace mailflow
