// TLS-RPT: SMTP TLS reports (RFC 8460), the JSON that sending organisations mail daily to the
// address in a domain's _smtp._tls TXT record, plain (.json) or gzip'd (.json.gz; the engine
// unpacks it before this reader sees the text). One file may hold one report, several
// concatenated or one per line (NDJSON), or a JSON array of them.
//
// One report is one record. Per policy it gives session counts, not messages:
//   date-range.start-datetime   the day its sessions are counted on (reports cover one UTC day)
//   organization-name           the reporting organisation
//   policy.policy-domain/-type  the domain and its policy ("sts", "tlsa", "no-policy-found")
//   summary.total-successful-session-count / total-failure-session-count
//   failure-details[]           result-type, sending-mta-ip, receiving-mx-hostname (else
//                               receiving-ip), failed-session-count
// The draft-era names (mx-host-pattern, additional-info-uri) are accepted beside the RFC's
// (mx-host as a string or a list, additional-information); none of them feed the report.
// A report's sessions of a domain are counted once however many of its policies evaluated them,
// and the summary is authoritative over failure-details (formats/tlsrpt/report_parser.h, shared
// with the reader of report e-mails, formats/tlsrpt/report_mail.h).
//
// What it cannot tell: TLS versions and ciphers (there is no such field), messages and bytes, and
// connectors. It is the receiving side's view from the senders' reports, so it goes to its own
// part of the aggregate (aggregate/tls_reports.h); the source's `messages` stays 0 and its
// `reports` counts the reports read.
#pragma once

#include "formats/format_reader.h"

namespace mailflow {
extern const FormatInfo kTlsRptFormat;
}
