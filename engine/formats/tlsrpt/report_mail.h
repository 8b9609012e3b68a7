// TLS-RPT reports as they arrive: e-mails (RFC 8460 section 5.3), saved as a .eml file, an mbox of
// many, or one file per message in a maildir (cur/, new/; names like "1700000000.M1P2.host:2,S").
// A report e-mail is `multipart/report; report-type=tlsrpt` with a text or HTML part (Microsoft's is
// quoted-printable HTML) and the report attached in base64: application/tlsrpt+gzip, named
// "<submitter>!<policy-domain>!<begin>!<end>[!<id>].json.gz"; some senders use +json, or
// application/gzip, application/octet-stream, application/json with a .json(.gz) name.
//
// How it is read: mail/mime_stream.h walks the messages and their parts as they stream by; an
// attachment of a report type, or named .json/.json.gz/.json.zip, is decoded and unpacked
// (formats/tlsrpt/report_attachment.h), and its JSON goes to the report parser the .json reader
// uses (formats/tlsrpt/report_parser.h), with the e-mail's TLS-Report-Domain for policies that
// name no domain. What the reports count is as for TLS-RPT JSON (formats/tlsrpt/tlsrpt.h).
//
// Every message is accounted for: each report it carries is a record (counted, or skipped with a
// reason), and a message without a report attachment is one skipped record ("e-mail without a TLS
// report attachment", or a DMARC report e-mail), at the line it starts on. A file with no report
// attachment at all is an error that says so: a maildir holds other mail too.
//
// What it cannot tell: more than the reports hold (the e-mail's own headers, Date or Received, are
// not used); encrypted (S/MIME, PGP) mail; attachments in other encodings than base64,
// quoted-printable or as written.
#pragma once

#include "formats/format_reader.h"

namespace mailflow {
extern const FormatInfo kTlsRptMailFormat;
}
