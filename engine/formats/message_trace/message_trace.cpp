#include "formats/message_trace/message_trace.h"

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "formats/message_trace/trace_records.h"

namespace mailflow {

namespace {

class MessageTraceReader final : public CsvFormatReader {
 public:
  explicit MessageTraceReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes), records_(context, parser_) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_fields(header, kTraceRequired, kMessageTraceFormat.name, context_.report)) return false;
    for (size_t f = 0; f < TraceRecord::kFieldCount; ++f) columns_[f] = exo::find_column(header, kTraceFields[f]);
    return true;
  }

  void on_row(const CsvRow& row) override {
    record_.line = row.line;  // every field set: kept, not zeroed per row
    for (size_t f = 0; f < TraceRecord::kFieldCount; ++f) record_.value[f] = row[columns_[f]];
    records_.add(record_);
  }

  TimestampParser parser_;
  TraceRecords records_;
  TraceRecord record_;
  std::array<size_t, TraceRecord::kFieldCount> columns_{};
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
