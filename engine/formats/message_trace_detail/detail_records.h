// How the event records of a message trace detail become messages, whatever container they came
// in: a CSV row (Export-Csv, message_trace_detail.h) or a JSON object (ConvertTo-Json of
// Get-MessageTraceDetailV2, Graph's getDetailsByRecipient; message_trace_json/). Both readers fill
// a DetailRecord by the names of kDetailFields and hand it here, so both shapes give the same
// messages. The rules (Send is outbound, a Receive is decided at the end of the file, connector
// and TLS from the Data XML) are in message_trace_detail.h.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "formats/exo_common/exo_fields.h"
#include "formats/format_reader.h"
#include "formats/message_trace_detail/mep_data.h"

namespace mailflow {

struct DetailRecord {
  enum Field : uint8_t { kDate, kEvent, kAction, kDetail, kData, kMessageId, kTraceId, kSender, kRecipient, kFieldCount };
  uint64_t line = 0;                                  // where the record starts
  std::array<std::string_view, kFieldCount> value{};  // "" when absent or null
};

// The names of each field: PowerShell's (Get-MessageTraceDetail, V2), then Graph's
// (exchangeMessageTraceDetail: dateTime, description).
inline constexpr std::array<exo::FieldNames, DetailRecord::kFieldCount> kDetailFields = {{
    {"Date", {"date", "datetime"}},
    {"Event", {"event"}},
    {"Action", {"action"}},
    {"Detail", {"detail", "description"}},
    {"Data", {"data"}},
    {"MessageId", {"messageid"}},
    {"MessageTraceId", {"messagetraceid"}},
    {"SenderAddress", {"senderaddress"}},
    {"RecipientAddress", {"recipientaddress"}},
}};
// A record cannot be read without these.
inline constexpr std::array<const exo::FieldNames*, 3> kDetailRequired = {
    &kDetailFields[DetailRecord::kDate], &kDetailFields[DetailRecord::kEvent], &kDetailFields[DetailRecord::kData]};

class DetailRecords {
 public:
  // `parser` reads the dates; the reader owns it and gives it to the sink as date evidence.
  DetailRecords(ReaderContext context, TimestampParser& parser) : context_(context), parser_(parser) {}
  // Counts the record's message, skips it with its reason, or holds a Receive until finish(). The
  // caller counted the record.
  void add(const DetailRecord& record);
  // At the end of the file: decides the Receives held, adds the notes.
  void finish();

 private:
  // A Receive kept until the end of the file, when its direction can be decided.
  struct HeldReceive {
    uint64_t line;
    Timestamp time;
    std::optional<std::string> connector;
    bool names_inbound_connector;
    bool same_domain;  // sender and recipient in one (non-empty) domain
    TlsVersion tls;
    std::string remote_host;
    std::string remote_domain;  // the sender's
    std::string key;
  };

  ReaderContext context_;
  TimestampParser& parser_;
  MepData mep_;
  exo::EventReasons not_crossing_{"event is not a boundary crossing"};
  exo::TlsSpellings tls_;
  std::vector<HeldReceive> held_;
  std::unordered_set<std::string> sent_keys_;
};

}  // namespace mailflow
