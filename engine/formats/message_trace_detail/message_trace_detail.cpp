#include "formats/message_trace_detail/message_trace_detail.h"

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "formats/message_trace_detail/detail_records.h"

namespace mailflow {

namespace {

class MessageTraceDetailReader final : public CsvFormatReader {
 public:
  explicit MessageTraceDetailReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes), records_(context, parser_) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_fields(header, kDetailRequired, kMessageTraceDetailFormat.name, context_.report)) return false;
    for (size_t f = 0; f < DetailRecord::kFieldCount; ++f) columns_[f] = exo::find_column(header, kDetailFields[f]);
    if (columns_[DetailRecord::kMessageId] == HeaderMap::npos && columns_[DetailRecord::kTraceId] == HeaderMap::npos)
      context_.report.notes.push_back(
          "The file has no MessageId column: each Receive and Send row counts as a message of its own.");
    return true;
  }

  void on_row(const CsvRow& row) override {
    DetailRecord record;
    record.line = row.line;
    for (size_t f = 0; f < DetailRecord::kFieldCount; ++f) record.value[f] = row[columns_[f]];
    records_.add(record);
  }

  void on_finish() override { records_.finish(); }

  TimestampParser parser_;
  DetailRecords records_;
  std::array<size_t, DetailRecord::kFieldCount> columns_{};
};

}  // namespace

int sniff_message_trace_detail(std::string_view head) {
  const auto header = sniff_header(head);
  if (!header_has(header, {"event", "data"})) return 0;
  const bool powershell = header_has(header, {"date", "action", "detail"});
  const bool graph = header_has(header, {"datetime", "action", "description"});
  if (!powershell && !graph) return 0;
  return header_has(header, {"messageid"}) || head.find("<MEP") != std::string_view::npos ? 92 : 85;
}

std::unique_ptr<FormatReader> make_message_trace_detail(ReaderContext context) {
  return std::make_unique<MessageTraceDetailReader>(context);
}

}  // namespace mailflow
