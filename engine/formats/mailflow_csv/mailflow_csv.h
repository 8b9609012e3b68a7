// mailflow CSV: our own simple format, for anyone who can export mail-flow facts from a SIEM or a
// script. A header row names the columns (any order, any case, '_' '-' ' ' ignored; extra columns
// are ignored):
//   required: timestamp, direction, connector, tls_version, bytes
//   optional: message_id, sender, recipient, remote_host, remote_ip, status, tls_cipher
// One row is one message crossing the organisation's boundary in one direction, or, when rows
// share a message_id (one row per recipient, as many SIEM exports write them), one recipient of
// it: rows with the same message_id and direction are one message, counted once with the size of
// its first row.
//   timestamp    ISO 8601 (Z or offset; zone-less = the session's UTC offset), the PowerShell culture
//                formats, or Unix seconds/milliseconds
//   direction    inbound/outbound, Incoming/Originating, in/out, 1/2; "internal" rows are skipped
//   connector    the connector's name; empty = no connector was used
//   tls_version  any spelling of shared/FORMATS.md section 10 ("1.2", "TLSv1.2", "TLS1_2",
//                "none", "TLSv1/SSLv3" = TLS of unknown version); empty = the source has no TLS data
//   bytes        message size in bytes; empty = 0
//   remote_host  the other side (host or domain); remote_ip is used when it is empty
#pragma once

#include "formats/format_reader.h"

namespace mailflow {
extern const FormatInfo kMailflowCsvFormat;
}
