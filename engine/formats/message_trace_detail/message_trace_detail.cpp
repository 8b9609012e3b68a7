#include "formats/message_trace_detail/message_trace_detail.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "formats/message_trace_detail/mep_data.h"
#include "ingest/session.h"
#include "util/text.h"

namespace mailflow {

namespace {

constexpr std::string_view kInboundConnectorKey = "InboundConnectorData";
constexpr std::string_view kOutboundConnectorKey = "Microsoft.Exchange.Hygiene.TenantOutboundConnectorCustomData";

// "Message received by: X using TLS1.2 with AES256" -> "TLS1.2"; empty when the text names none.
std::string_view tls_in_detail(std::string_view detail) {
  const size_t at = ifind(detail, "using TLS");
  if (at == std::string_view::npos) return {};
  std::string_view rest = detail.substr(at + 6);
  size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]) && rest[end] != ',' && rest[end] != ';') ++end;
  return rest.substr(0, end);
}

// A Receive row kept until the end of the file, when its direction can be decided.
struct HeldReceive {
  uint64_t line;
  Timestamp time;
  std::optional<std::string> connector;
  bool names_inbound_connector;
  bool same_domain;  // sender and recipient in one (non-empty) domain
  TlsVersion tls;
  std::string remote_host;
  std::string key;
};

class MessageTraceDetailReader final : public CsvFormatReader {
 public:
  explicit MessageTraceDetailReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_columns(header,
                              {{"Date", {"date", "datetime"}}, {"Event", {"event"}}, {"Data", {"data"}}},
                              kMessageTraceDetailFormat.name, context_.report))
      return false;
    time_ = header.find({"date", "datetime"});
    event_ = header.find({"event"});
    action_ = header.find({"action"});
    detail_ = header.find({"detail", "description"});
    data_ = header.find({"data"});
    message_id_ = header.find({"messageid"});
    trace_id_ = header.find({"messagetraceid"});
    sender_ = header.find({"senderaddress"});
    recipient_ = header.find({"recipientaddress"});
    if (message_id_ == HeaderMap::npos && trace_id_ == HeaderMap::npos)
      context_.report.notes.push_back(
          "The file has no MessageId column: each Receive and Send row counts as a message of its own.");
    return true;
  }

  void on_row(const CsvRow& row) override {
    const std::string_view event_name = trim(row[event_]);
    const bool receive = iequals(event_name, "Receive");
    if (!receive && !iequals(event_name, "Send")) {
      context_.report.skip(row.line, not_crossing_.reason(event_name), /*problem=*/false);
      return;
    }
    const std::string_view date = trim(row[time_]);
    auto time = parser_.parse(date);
    if (!time) {
      if (date.empty()) context_.report.skip(row.line, "row has no Date");
      else exo::skip_defect(context_.report, row.line, "unreadable date", date);
      return;
    }

    mep_.read(row[data_]);
    const std::optional<std::string_view> custom = mep_.value("CustomData");
    std::optional<std::string_view> connector_entry, tls_entry;
    if (custom) {
      connector_entry = exo::custom_data_value(*custom, receive ? kInboundConnectorKey : kOutboundConnectorKey);
      tls_entry = exo::custom_data_value(*custom, "tlsversion");
    }
    const std::string_view detail_tls = tls_entry ? std::string_view{} : tls_in_detail(row[detail_]);
    const TlsVersion tls = tls_entry ? tls_.parse(*tls_entry)
                                     : (detail_tls.empty() ? TlsVersion::NoData : tls_.parse(detail_tls));

    std::optional<std::string_view> connector;
    if (connector_entry) {
      const std::string_view name = exo::connector_name_in(*connector_entry);
      if (!name.empty()) connector = name;
    } else if (tls_entry && !(iequals(trim(row[action_]), "RouteMessageUsingConnector"))) {
      connector = std::string_view{};  // the connection is recorded and names no connector
    }

    const std::string_view key = exo::message_key(row[message_id_], row[trace_id_]);
    const std::string_view sender_domain = exo::domain_of(row[sender_]);
    const std::string_view recipient_domain = exo::domain_of(row[recipient_]);

    if (!receive) {
      if (!key.empty()) sent_keys_.emplace(key);
      MessageEvent event;
      event.time = *time;
      event.direction = Direction::Outbound;
      event.connector = connector;
      event.tls = tls;
      event.remote_host = recipient_domain;
      event.message_key = key;
      if (!context_.sink.message(event))
        context_.report.skip(row.line, exo::further_row_reason(), /*problem=*/false);
      return;
    }

    // A Receive is decided once the whole file is known (see the header comment).
    const std::optional<std::string_view> client_ip = mep_.value("ClientIP");
    const std::string_view remote = client_ip && !trim(*client_ip).empty() ? trim(*client_ip) : sender_domain;
    held_.push_back(HeldReceive{
        row.line, *time, connector ? std::optional<std::string>(std::string(*connector)) : std::nullopt,
        connector_entry.has_value(), !sender_domain.empty() && iequals(sender_domain, recipient_domain), tls,
        std::string(remote), std::string(key)});
  }

  void on_finish() override {
    for (const HeldReceive& held : held_) {
      if (!held.names_inbound_connector) {
        if (!held.key.empty() && sent_keys_.count(held.key)) {
          context_.report.skip(held.line, kSubmission, /*problem=*/false);
          continue;
        }
        if (held.same_domain) {
          context_.report.skip(held.line, kInternal, /*problem=*/false);
          continue;
        }
      }
      MessageEvent event;
      event.time = held.time;
      event.direction = Direction::Inbound;
      if (held.connector) event.connector = *held.connector;
      event.tls = held.tls;
      event.remote_host = held.remote_host;
      event.message_key = held.key;
      if (!context_.sink.message(event))
        context_.report.skip(held.line, exo::further_row_reason(), /*problem=*/false);
    }
    held_.clear();
    tls_.add_note(context_.report);
  }

  inline static const std::string kSubmission =
      "submission of a message that was sent out (Receive of an outbound message)";
  inline static const std::string kInternal = "internal message (stays in the organisation)";

  TimestampParser parser_;
  size_t time_ = HeaderMap::npos, event_ = HeaderMap::npos, action_ = HeaderMap::npos, detail_ = HeaderMap::npos,
         data_ = HeaderMap::npos, message_id_ = HeaderMap::npos, trace_id_ = HeaderMap::npos,
         sender_ = HeaderMap::npos, recipient_ = HeaderMap::npos;
  MepData mep_;
  exo::EventReasons not_crossing_{"event is not a boundary crossing"};
  exo::TlsSpellings tls_;
  std::vector<HeldReceive> held_;
  std::unordered_set<std::string> sent_keys_;
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
