#include "formats/exo_enhanced_summary/exo_enhanced_summary.h"

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "ingest/session.h"
#include "model/partner.h"
#include "util/text.h"

namespace mailflow {

namespace {

// One recipient of `recipient_status`: "lee@adatum.com##Receive, Send".
struct RecipientStatus {
  std::string_view address;
  std::string_view events;
};

// Calls `f` for each `;`-separated recipient; stops when `f` returns false.
template <class F>
void for_each_recipient(std::string_view status, F&& f) {
  size_t i = 0;
  while (i < status.size()) {
    size_t end = status.find(';', i);
    if (end == std::string_view::npos) end = status.size();
    const std::string_view item = trim(status.substr(i, end - i));
    i = end + 1;
    if (item.empty()) continue;
    const size_t hashes = item.find("##");
    RecipientStatus r{trim(item.substr(0, hashes)),
                      hashes == std::string_view::npos ? std::string_view{} : trim(item.substr(hashes + 2))};
    if (!f(r)) return;
  }
}

// True when the comma-separated events name Send (also SendExternal).
bool names_send(std::string_view events) {
  size_t i = 0;
  while (i < events.size()) {
    size_t end = events.find(',', i);
    if (end == std::string_view::npos) end = events.size();
    if (istarts_with(trim(events.substr(i, end - i)), "send")) return true;
    i = end + 1;
  }
  return false;
}

class ExoEnhancedSummaryReader final : public CsvFormatReader {
 public:
  explicit ExoEnhancedSummaryReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_columns(header,
                              {{"origin_timestamp_utc", {"origintimestamputc", "origintimestamp"}},
                               {"directionality", {"directionality"}}},
                              kExoEnhancedSummaryFormat.name, context_.report))
      return false;
    time_ = header.find({"origintimestamputc", "origintimestamp"});
    directionality_ = header.find({"directionality"});
    recipient_status_ = header.find({"recipientstatus"});
    total_bytes_ = header.find({"totalbytes"});
    message_id_ = header.find({"messageid"});
    network_message_id_ = header.find({"networkmessageid"});
    original_client_ip_ = header.find({"originalclientip"});
    sender_ = header.find({"senderaddress"});
    connector_ = header.find({"connectorid"});
    if (connector_ == HeaderMap::npos)
      context_.report.notes.push_back("The file has no connector_id column: connectors are unknown.");
    return true;
  }

  void on_row(const CsvRow& row) override {
    const std::string_view directionality = trim(row[directionality_]);
    const auto direction = parse_direction(directionality);
    if (!direction) {
      context_.report.skip(row.line, no_crossing_.reason(directionality), /*problem=*/false);
      return;
    }

    std::string_view first_recipient, first_sent;
    bool any_recipient = false;
    for_each_recipient(row[recipient_status_], [&](const RecipientStatus& r) {
      if (!any_recipient) first_recipient = r.address;
      any_recipient = true;
      if (names_send(r.events)) {
        first_sent = r.address;
        return false;
      }
      return true;
    });
    if (*direction == Direction::Outbound && any_recipient && first_sent.empty()) {
      context_.report.skip(row.line, kInternal, /*problem=*/false);
      return;
    }

    const std::string_view date = trim(row[time_]);
    auto time = parser_.parse(date);
    if (!time) {
      if (date.empty()) context_.report.skip(row.line, "row has no origin_timestamp_utc");
      else exo::skip_defect(context_.report, row.line, "unreadable date", date);
      return;
    }

    MessageEvent event;
    event.time = *time;
    event.direction = *direction;
    if (connector_ != HeaderMap::npos) event.connector = trim(row[connector_]);
    event.bytes = exo::parse_bytes(row[total_bytes_]);
    // The summary names the remote side by the client's IP (inbound) and by addresses only.
    if (*direction == Direction::Inbound) {
      event.remote_host = trim(row[original_client_ip_]);
      event.remote_domain = address_domain(row[sender_]);
    } else {
      event.remote_domain = address_domain(first_sent.empty() ? first_recipient : first_sent);
    }
    event.message_key = exo::message_key(row[message_id_], row[network_message_id_]);
    context_.sink.count_message(event, row.line, exo::further_row_reason(), context_.report);
  }

  inline static const std::string kInternal = "internal message (stays in the organisation)";

  TimestampParser parser_;
  size_t time_ = HeaderMap::npos, directionality_ = HeaderMap::npos, recipient_status_ = HeaderMap::npos,
         total_bytes_ = HeaderMap::npos, message_id_ = HeaderMap::npos, network_message_id_ = HeaderMap::npos,
         original_client_ip_ = HeaderMap::npos, connector_ = HeaderMap::npos, sender_ = HeaderMap::npos;
  exo::EventReasons no_crossing_{"directionality names no boundary crossing", "empty"};
};

}  // namespace

int sniff_exo_enhanced_summary(std::string_view head) {
  const auto header = sniff_header(head);
  const bool has_time = header_has(header, {"origin_timestamp_utc"}) || header_has(header, {"origin_timestamp"});
  if (!has_time || !header_has(header, {"directionality"})) return 0;
  return header_has(header, {"recipient_status", "network_message_id"}) ? 95 : 80;
}

std::unique_ptr<FormatReader> make_exo_enhanced_summary(ReaderContext context) {
  return std::make_unique<ExoEnhancedSummaryReader>(context);
}

}  // namespace mailflow
