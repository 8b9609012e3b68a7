// Exchange Online historical search "Enhanced summary" report (EAC downloadable report;
// Start-HistoricalSearch -ReportType MessageTrace). FORMATS.md §3.1, §3.3, §3.5.
//
// The source: one row per message, columns origin_timestamp_utc (origin_timestamp accepted),
// sender_address, recipient_status, message_subject, total_bytes, message_id, network_message_id,
// original_client_ip, directionality, connector_id, delivery_priority. UTF-16 LE (decoded for us).
//
// How rows become messages:
//   direction   directionality: 1 / Incoming / inbound -> inbound; 2 / Originating / outbound ->
//               outbound. Any other value (Undefined, empty) names no crossing: benign skip.
//   internal    an originating message leaves the organisation only if one of its recipients'
//               status names Send (`lee@adatum.com##Receive, Send`). When recipient_status lists
//               recipients and none of them names Send (all `Receive, Deliver`: mailbox to
//               mailbox), the row is skipped benignly as an internal message. An empty
//               recipient_status trusts directionality.
//   key         message_id without angle brackets (network_message_id when empty), shared with the
//               other Exchange Online readers, so a message also present in an extended report or
//               a message trace is counted once.
// Fields: time origin_timestamp_utc; connector connector_id (empty = no connector); bytes
// total_bytes; remote host inbound original_client_ip, outbound the domain of the first recipient
// whose status names Send (else of the first recipient).
// What the source cannot tell: the TLS version (always "no TLS data"); the time is the origin
// time, not the time the message crossed; whether EXO writes directionality as digits or words is
// UNCONFIRMED (both are read).
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_exo_enhanced_summary(std::string_view head);
std::unique_ptr<FormatReader> make_exo_enhanced_summary(ReaderContext context);

inline constexpr FormatInfo kExoEnhancedSummaryFormat{"exo-enhanced-summary",
                                                      "Exchange Online enhanced summary report",
                                                      &sniff_exo_enhanced_summary, &make_exo_enhanced_summary, nullptr,
                                                      /*counts_later=*/true};

}  // namespace mailflow
