// Get-MessageTrace / Get-MessageTraceV2 exported with Export-Csv (and the Graph messageTraces shape
// written to CSV: receivedDateTime, senderAddress, recipientAddress, fromIP, toIP, size, messageId).
// FORMATS.md §1.
//
// The source: one row per recipient; Received (UTC, written in the exporting PowerShell's culture:
// `11/20/2026 8:15:02 AM`, `20.11.2026 08:15:02`, `20/11/2026 08:15:02`), SenderAddress,
// RecipientAddress, Subject, Status, ToIP, FromIP, Size, MessageId, MessageTraceId; optional
// `#TYPE` line, ',' or ';' (-UseCulture), every value quoted.
//
// How rows become messages (FromIP/ToIP are the only direction signal, GMT2 / MT-EAC):
//   inbound    ToIP blank, FromIP set: an outside server handed the message to Exchange Online.
//   outbound   FromIP blank, ToIP set: Exchange Online handed it to the MX at ToIP.
//   both blank internal message (mailbox to mailbox): benign skip.
//   both set   relayed through Exchange Online (e.g. a hybrid or smart-host relay): it crossed the
//              boundary twice and a single row cannot be counted twice, so it is skipped benignly
//              with its own reason; an admin sees how many there were.
//   The rows of one message (one per recipient) share the key MessageId without angle brackets
//   (MessageTraceId when empty) and are counted once; the same key joins a trace detail or an
//   extended report of the message, which can add the connector and TLS version.
// Fields: time Received; bytes Size; remote host FromIP (inbound) / ToIP (outbound).
//   Every status is counted (Delivered, Failed, FilteredAsSpam, Quarantined, ...): the message
//   still crossed the boundary as far as it went.
// The rows' mapping lives in trace_records.h, shared with the JSON shapes (message_trace_json/).
// What the source cannot tell: the connector (unknown, not "no connector"), the TLS version (no TLS
// data), host names; the time zone is UTC but not marked; day/month order of slash dates is decided
// per file from the values (see model/timestamp.h).
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_message_trace(std::string_view head);
std::unique_ptr<FormatReader> make_message_trace(ReaderContext context);

inline constexpr FormatInfo kMessageTraceFormat{"message-trace", "Exchange Online message trace (Get-MessageTrace)",
                                                &sniff_message_trace, &make_message_trace, nullptr,
                                                /*counts_later=*/true};

}  // namespace mailflow
