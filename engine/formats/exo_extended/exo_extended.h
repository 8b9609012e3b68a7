// Exchange Online historical search "Extended" report (EAC downloadable report; Start-HistoricalSearch
// -ReportType MessageTraceDetail). FORMATS.md §3.2, §3.3, §3.5.
//
// The source: a CSV of 27 columns named like the on-premises message tracking fields with '_'
// (date_time_utc, client_ip, ..., connector_id, source, event_id, message_id, network_message_id,
// ..., total_bytes, ..., original_client_ip, custom_data), one row per event, about 16 rows per
// message, in no order at all. The file is UTF-16 LE; the decoding layer hands us UTF-8.
//
// How rows become messages:
//   inbound   event RECEIVE with source SMTP (the message entered Exchange Online over SMTP, from
//             the internet or through an inbound connector);
//   outbound  event SENDEXTERNAL (any source), or SEND with source SMTP.
//   Every other row (DELIVER, AGENTINFO, EXPAND, RECEIVE by STOREDRIVER of mail written inside the
//   organisation, ...) is not a boundary crossing and is skipped, benignly, under a reason that
//   names the event. The rows of one message (one per recipient or hop) share the key
//   message_id (network_message_id when empty), so the message is counted once per direction and
//   joins a message trace or trace detail of the same message dropped alongside.
// Fields:
//   time        date_time_utc (ISO 8601, UTC)
//   connector   connector_id; empty = no connector. Without the column: unknown.
//   tls         custom_data entry `S:tlsversion=<value>` (key without case; TLS1_2, TLS1.2,
//               SP_PROT_TLS1_2_SERVER ... all normalised); a value mailflow does not know counts as
//               TLS of unknown version (with a note); no entry: no TLS data.
//   bytes       total_bytes
//   remote host inbound: client_hostname, else client_ip, else original_client_ip;
//               outbound: server_hostname, else server_ip.
// What the source cannot tell: whether a TLS entry is ever written in this report is UNCONFIRMED
// (FORMATS §3.2), so most files give "no TLS data"; an SMTP RECEIVE inside Microsoft's datacentre
// cannot be told from one at the boundary; the Extended report is capped at 1,000 rows in the EAC
// (100,000 per historical search), so it rarely covers a whole week.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_exo_extended(std::string_view head);
std::unique_ptr<FormatReader> make_exo_extended(ReaderContext context);

inline constexpr FormatInfo kExoExtendedFormat{
    "exo-extended", "Exchange Online extended message trace report", &sniff_exo_extended, &make_exo_extended,
    nullptr, /*counts_later=*/true, RecordCuts::CsvRecords};

}  // namespace mailflow
