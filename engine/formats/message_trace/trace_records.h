// How one message trace record becomes a message, whatever container it came in: a CSV row
// (Export-Csv, message_trace.h) or a JSON object (ConvertTo-Json, Microsoft Graph;
// message_trace_json/). Both readers fill a TraceRecord by the names of kTraceFields and hand it to
// TraceRecords, so the CSV and JSON shapes of one export give the same messages. The rules (FromIP
// and ToIP give the direction, one message per MessageId) are in message_trace.h.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/exo_common/exo_fields.h"
#include "formats/format_reader.h"
#include "model/message_event.h"

namespace mailflow {

struct TraceRecord {
  enum Field : uint8_t { kReceived, kFromIp, kToIp, kSize, kMessageId, kTraceId, kSender, kRecipient, kFieldCount };
  uint64_t line = 0;                               // where the record starts
  std::array<std::string_view, kFieldCount> value{};  // "" when absent or null
};

// The names of each field: PowerShell's (Get-MessageTrace, V2, the Reporting Web Service), then
// Graph's (exchangeMessageTrace, whose `id` is the message trace id).
inline constexpr std::array<exo::FieldNames, TraceRecord::kFieldCount> kTraceFields = {{
    {"Received", {"received", "receiveddatetime"}},
    {"FromIP", {"fromip"}},
    {"ToIP", {"toip"}},
    {"Size", {"size"}},
    {"MessageId", {"messageid"}},
    {"MessageTraceId", {"messagetraceid", "id"}},
    {"SenderAddress", {"senderaddress"}},
    {"RecipientAddress", {"recipientaddress"}},
}};
// A record cannot be read without these.
inline constexpr std::array<const exo::FieldNames*, 3> kTraceRequired = {
    &kTraceFields[TraceRecord::kReceived], &kTraceFields[TraceRecord::kFromIp], &kTraceFields[TraceRecord::kToIp]};

class TraceRecords {
 public:
  // `parser` reads the Received dates; the reader owns it and gives it to the sink as date evidence.
  TraceRecords(ReaderContext context, TimestampParser& parser) : context_(context), parser_(parser) {}
  // Counts the record's message, or skips the record with its reason. The caller counted the record.
  void add(const TraceRecord& record);

 private:
  ReaderContext context_;
  TimestampParser& parser_;
  MessageEvent event_;  // kept, not made per record: a fresh one was zeroed whole first (rep stos)
};

}  // namespace mailflow
