// Microsoft 365 message trace as JSON: what replaced the CSV exports when the old cmdlets were
// retired (2025) and the Reporting Web Service is (2026). FORMATS.md §1-2.
//
// The sources, as scripts save them:
//   - Microsoft Graph `GET /admin/exchange/tracing/messageTraces` (exchangeMessageTrace: id,
//     messageId, receivedDateTime, senderAddress, recipientAddress, subject, size, status, fromIP,
//     toIP; one object per recipient) and `.../getDetailsByRecipient(...)`
//     (exchangeMessageTraceDetail: id, messageId, dateTime, event, action, description, data):
//     pages `{"@odata.context":...,"value":[...],"@odata.nextLink":...}`, one per file,
//     concatenated, one per line, or in an array; the pages' objects gathered into one
//     `{"value":[...]}` or a bare array;
//   - Get-MessageTraceV2 / Get-MessageTraceDetailV2 (and the V1 cmdlets) piped to ConvertTo-Json:
//     an array, or a single object for a single result; one compressed object per line
//     (`ConvertTo-Json -Compress | Add-Content`). Windows PowerShell 5.1 writes UTF-16 LE with a
//     BOM (Out-File), dates as `"\/Date(1763626502000)\/"` (ms since 1970, UTC), `<` `>` as
//     `\u003c` `\u003e`; PowerShell 7 writes UTF-8 and ISO 8601 dates with 7 fraction digits and
//     `Z` or an offset; remote sessions add PSComputerName, RunspaceId, PSShowComputerName;
//   - the Reporting Web Service's MessageTrace / MessageTraceDetail reports as JSON
//     (`{"odata.metadata":...,"value":[...]}`, or OData v2's `{"d":{"results":[...]}}` with
//     `__metadata` per object and `/Date(ms)/`): `Received` with 7 fraction digits and no zone.
//
// How objects become messages: each object is one record, read by member name whatever its case
// (PascalCase from PowerShell, camelCase from Graph; null reads as blank):
//   - a trace object (Received or receivedDateTime, with FromIP/fromIP or ToIP/toIP) as a row of
//     a Get-MessageTrace CSV export (message_trace.h): blank ToIP = inbound, blank FromIP =
//     outbound, one message per MessageId;
//   - a detail object (Event with Date or dateTime) as a row of a Get-MessageTraceDetail export
//     (message_trace_detail.h): Send = outbound, Receive decided at the end of the file, connector
//     and TLS from the Data XML's CustomData;
// so a trace and its detail in JSON join like their CSV twins (and with them), and one file may
// hold both kinds. A page's own members (@odata.context, @odata.nextLink) are no records; when the
// last page of a file names a next page, a note says the listing goes on beyond the file. A Graph
// error response (`{"error":{"code":...,"message":...}}`) is skipped with its message.
// The file is read one object at a time (formats/json_records/), never as one document.
//
// What the source cannot tell: as the CSV exports (trace: connector and TLS; detail: size). Graph's
// detail objects carry no sender or recipient, so a Receive of mail written inside the
// organisation, without a Send in the same file, is counted as inbound.
#pragma once

#include "formats/format_reader.h"

namespace mailflow {

// The same reader behind both: the key names what the file starts with.
extern const FormatInfo kMessageTraceJsonFormat;
extern const FormatInfo kMessageTraceDetailJsonFormat;

}  // namespace mailflow
