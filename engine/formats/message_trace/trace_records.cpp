#include "formats/message_trace/trace_records.h"

#include "model/partner.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kInternal = "internal message (neither FromIP nor ToIP)";
const std::string kRelayed = "relayed message (both FromIP and ToIP set: in from outside and out again)";

}  // namespace

void TraceRecords::add(const TraceRecord& record) {
  using F = TraceRecord;
  const std::string_view from_ip = trim(record.value[F::kFromIp]);
  const std::string_view to_ip = trim(record.value[F::kToIp]);
  if (from_ip.empty() == to_ip.empty()) {
    context_.report.skip(record.line, from_ip.empty() ? kInternal : kRelayed, /*problem=*/false);
    return;
  }
  const std::string_view date = trim(record.value[F::kReceived]);
  auto time = parser_.parse(date);
  if (!time) {
    if (date.empty()) context_.report.skip(record.line, "row has no Received date");
    else exo::skip_defect(context_.report, record.line, "unreadable date", date);
    return;
  }

  MessageEvent& event = event_;  // every field a trace gives is set; the rest keep their defaults
  event.time = *time;
  event.direction = to_ip.empty() ? Direction::Inbound : Direction::Outbound;
  event.connector = std::nullopt;  // a message trace never names the connector
  event.tls = TlsVersion::NoData;
  event.bytes = exo::parse_bytes(record.value[F::kSize]);
  event.remote_host = to_ip.empty() ? from_ip : to_ip;
  event.remote_domain = address_domain(record.value[event.direction == Direction::Inbound ? F::kSender : F::kRecipient]);
  event.message_key = exo::message_key(record.value[F::kMessageId], record.value[F::kTraceId]);
  context_.sink.count_message(event, record.line, exo::further_row_reason(), context_.report);
}

}  // namespace mailflow
