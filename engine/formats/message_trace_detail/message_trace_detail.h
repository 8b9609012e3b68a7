// Get-MessageTraceDetail / Get-MessageTraceDetailV2 exported with Export-Csv (also the Graph
// exchangeMessageTraceDetail shape: dateTime, event, action, description, data, messageId).
// FORMATS.md §2.
//
// The source: one row per event of one message: Date (UTC, culture-formatted like the trace),
// Event, Action, Detail, Data, usually MessageId, MessageTraceId, SenderAddress, RecipientAddress
// (mapped by name, any order). Data is `<root><MEP Name="..." String|Blob|Integer|Long="..."/>`
// XML, sometimes URI-escaped (see mep_data.h). Its CustomData element holds
//   S:InboundConnectorData=Name=<inbound connector>;ConnectorType=<type>
//   S:Microsoft.Exchange.Hygiene.TenantOutboundConnectorCustomData=Name=<outbound connector>
//   S:tlsversion=<version>;S:tlscipher=<cipher>
//
// How rows become messages (key: MessageId without angle brackets, else MessageTraceId, the same
// key as the trace and the extended report, so a trace and its detail dropped together join and
// the detail adds connector and TLS to the trace's messages):
//   Send      outbound evidence.
//   Receive   inbound evidence, except the Receive with which every message starts, also those
//             written inside the organisation. So a Receive is decided at the end of the file:
//               - it names an inbound connector: inbound (mail from a partner or on-premises
//                 server through a connector, even if it is relayed out again);
//               - else its message also has a Send event in the file: the Receive was the
//                 submission of an outbound message, skipped benignly;
//               - else sender and recipient share a domain: internal message, skipped benignly;
//               - else inbound.
//   Any other event (Deliver, Expand, Submit, Fail, Defer, Transfer, Resolved, Journal, spam
//   diagnostics, ...) is skipped benignly under a reason naming the event.
// Fields:
//   time        Date
//   connector   the connector named in CustomData. Without a name: "no connector" only when the
//               detail clearly shows the connection was made without one (CustomData records the
//               connection's TLS but names no connector, and a Send is not marked
//               RouteMessageUsingConnector); otherwise unknown. FORMATS §2.3 leaves "absent means
//               no connector" unconfirmed, so mailflow does not claim it from silence.
//   tls         CustomData S:tlsversion (every spelling normalised); failing that the Detail text
//               "... using TLS1.2 with AES256" (EAC wording); else no TLS data.
//   remote host Receive: the ClientIP element, else the sender's domain; Send: the recipient's domain.
// The rows' mapping lives in detail_records.h, shared with the JSON shapes (message_trace_json/).
// What the source cannot tell: message size; the exact spelling of tlsversion values is UNCONFIRMED;
// a Receive of an internally written message without a Send in the same file and with sender and
// recipient in different domains is counted as inbound.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_message_trace_detail(std::string_view head);
std::unique_ptr<FormatReader> make_message_trace_detail(ReaderContext context);

inline constexpr FormatInfo kMessageTraceDetailFormat{"message-trace-detail",
                                                      "Exchange Online message trace detail (Get-MessageTraceDetail)",
                                                      &sniff_message_trace_detail, &make_message_trace_detail, nullptr,
                                                      /*counts_later=*/true};

}  // namespace mailflow
