#include "formats/message_trace_detail/detail_records.h"

#include "model/partner.h"
#include "util/text.h"

namespace mailflow {

namespace {

constexpr std::string_view kInboundConnectorKey = "InboundConnectorData";
constexpr std::string_view kOutboundConnectorKey = "Microsoft.Exchange.Hygiene.TenantOutboundConnectorCustomData";

const std::string kSubmission = "submission of a message that was sent out (Receive of an outbound message)";
const std::string kInternal = "internal message (stays in the organisation)";

// "Message received by: X using TLS1.2 with AES256" -> "TLS1.2"; empty when the text names none.
std::string_view tls_in_detail(std::string_view detail) {
  const size_t at = ifind(detail, "using TLS");
  if (at == std::string_view::npos) return {};
  std::string_view rest = detail.substr(at + 6);
  size_t end = 0;
  while (end < rest.size() && !is_space(rest[end]) && rest[end] != ',' && rest[end] != ';') ++end;
  return rest.substr(0, end);
}

}  // namespace

void DetailRecords::add(const DetailRecord& record) {
  using F = DetailRecord;
  const std::string_view event_name = trim(record.value[F::kEvent]);
  const bool receive = iequals(event_name, "Receive");
  if (!receive && !iequals(event_name, "Send")) {
    context_.report.skip(record.line, not_crossing_.reason(event_name), /*problem=*/false);
    return;
  }
  const std::string_view date = trim(record.value[F::kDate]);
  auto time = parser_.parse(date);
  if (!time) {
    if (date.empty()) context_.report.skip(record.line, "row has no Date");
    else exo::skip_defect(context_.report, record.line, "unreadable date", date);
    return;
  }

  mep_.read(record.value[F::kData]);
  const std::optional<std::string_view> custom = mep_.value("CustomData");
  std::optional<std::string_view> connector_entry, tls_entry;
  if (custom) {
    connector_entry = exo::custom_data_value(*custom, receive ? kInboundConnectorKey : kOutboundConnectorKey);
    tls_entry = exo::custom_data_value(*custom, "tlsversion");
  }
  const std::string_view detail_tls = tls_entry ? std::string_view{} : tls_in_detail(record.value[F::kDetail]);
  const TlsVersion tls = tls_entry ? tls_.parse(*tls_entry)
                                   : (detail_tls.empty() ? TlsVersion::NoData : tls_.parse(detail_tls));

  std::optional<std::string_view> connector;
  if (connector_entry) {
    const std::string_view name = exo::connector_name_in(*connector_entry);
    if (!name.empty()) connector = name;
  } else if (tls_entry && !(iequals(trim(record.value[F::kAction]), "RouteMessageUsingConnector"))) {
    connector = std::string_view{};  // the connection is recorded and names no connector
  }

  const std::string_view key = exo::message_key(record.value[F::kMessageId], record.value[F::kTraceId]);
  const std::string_view sender_domain = address_domain(record.value[F::kSender]);
  const std::string_view recipient_domain = address_domain(record.value[F::kRecipient]);

  if (!receive) {
    if (!key.empty()) sent_keys_.emplace(key);
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Outbound;
    event.connector = connector;
    event.tls = tls;
    event.remote_domain = recipient_domain;  // the detail names no host for a send
    event.message_key = key;
    context_.sink.count_message(event, record.line, exo::further_row_reason(), context_.report);
    return;
  }

  // A Receive is decided once the whole file is known (see message_trace_detail.h).
  const std::optional<std::string_view> client_ip = mep_.value("ClientIP");
  const std::string_view remote = client_ip ? trim(*client_ip) : std::string_view{};
  held_.push_back(HeldReceive{
      record.line, *time, connector ? std::optional<std::string>(std::string(*connector)) : std::nullopt,
      connector_entry.has_value(), !sender_domain.empty() && iequals(sender_domain, recipient_domain), tls,
      std::string(remote), std::string(sender_domain), std::string(key)});
}

void DetailRecords::finish() {
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
    event.remote_domain = held.remote_domain;
    event.message_key = held.key;
    context_.sink.count_message(event, held.line, exo::further_row_reason(), context_.report);
  }
  held_.clear();
  sent_keys_.clear();
  tls_.add_note(context_.report);
}

}  // namespace mailflow
