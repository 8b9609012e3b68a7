#include "formats/message_trace/message_trace.h"

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "ingest/session.h"
#include "util/text.h"

namespace mailflow {

namespace {

class MessageTraceReader final : public CsvFormatReader {
 public:
  explicit MessageTraceReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_columns(header,
                              {{"Received", {"received", "receiveddatetime"}},
                               {"FromIP", {"fromip"}},
                               {"ToIP", {"toip"}}},
                              kMessageTraceFormat.name, context_.report))
      return false;
    time_ = header.find({"received", "receiveddatetime"});
    from_ip_ = header.find({"fromip"});
    to_ip_ = header.find({"toip"});
    size_ = header.find({"size"});
    message_id_ = header.find({"messageid"});
    trace_id_ = header.find({"messagetraceid"});
    return true;
  }

  void on_row(const CsvRow& row) override {
    const std::string_view from_ip = trim(row[from_ip_]);
    const std::string_view to_ip = trim(row[to_ip_]);
    if (from_ip.empty() == to_ip.empty()) {
      context_.report.skip(row.line, from_ip.empty() ? kInternal : kRelayed, /*problem=*/false);
      return;
    }
    const std::string_view date = trim(row[time_]);
    auto time = parser_.parse(date);
    if (!time) {
      if (date.empty()) context_.report.skip(row.line, "row has no Received date");
      else exo::skip_defect(context_.report, row.line, "unreadable date", date);
      return;
    }

    MessageEvent event;
    event.time = *time;
    event.direction = to_ip.empty() ? Direction::Inbound : Direction::Outbound;
    event.connector = std::nullopt;  // a message trace never names the connector
    event.tls = TlsVersion::NoData;
    event.bytes = exo::parse_bytes(row[size_]);
    event.remote_host = to_ip.empty() ? from_ip : to_ip;
    event.message_key = exo::message_key(row[message_id_], row[trace_id_]);
    if (!context_.sink.message(event))
      context_.report.skip(row.line, exo::further_row_reason(), /*problem=*/false);
  }

  inline static const std::string kInternal = "internal message (neither FromIP nor ToIP)";
  inline static const std::string kRelayed =
      "relayed message (both FromIP and ToIP set: in from outside and out again)";

  TimestampParser parser_;
  size_t time_ = HeaderMap::npos, from_ip_ = HeaderMap::npos, to_ip_ = HeaderMap::npos, size_ = HeaderMap::npos,
         message_id_ = HeaderMap::npos, trace_id_ = HeaderMap::npos;
};

}  // namespace

int sniff_message_trace(std::string_view head) {
  const auto header = sniff_header(head);
  if (!header_has(header, {"fromip", "toip"})) return 0;
  const bool powershell = header_has(header, {"received", "senderaddress", "recipientaddress"});
  const bool graph = header_has(header, {"receiveddatetime", "senderaddress", "recipientaddress"});
  if (!powershell && !graph) return 0;
  // A trace detail export has Event/Detail/Data and no FromIP; a plain trace with ids is certain.
  return header_has(header, {"messageid"}) ? 90 : 80;
}

std::unique_ptr<FormatReader> make_message_trace(ReaderContext context) {
  return std::make_unique<MessageTraceReader>(context);
}

}  // namespace mailflow
