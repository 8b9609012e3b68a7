#include "formats/exchange_tracking/exchange_tracking.h"

#include <algorithm>
#include <array>

#include "formats/exchange_tracking/w3c_log_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "model/partner.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kSubmitted = "message submitted inside the organisation (SMTP RECEIVE, Originating)";
const std::string kRelayedOn = "inbound message relayed to another internal server (SMTP SEND, Incoming)";
const std::string kIntraOrg = "hop between the organisation's own servers (Intra-Organization send connector)";
const std::string kUndefined = "SMTP event with directionality Undefined: direction unknown";
const std::string kNoDate = "row has no date-time";

// The documented field order (FORMATS.md §4.2): Exchange 2013 and later write 30 fields; early
// Exchange 2013 stops after custom-data (27); Exchange 2010 also has no network-message-id (26).
// The event-id is the 9th field in all three, and each has its own number of fields, so a row
// without a #Fields line is read by its count.
constexpr std::array<std::string_view, 30> kFields30 = {
    "date-time", "client-ip", "client-hostname", "server-ip", "server-hostname", "source-context", "connector-id",
    "source", "event-id", "internal-message-id", "message-id", "network-message-id", "recipient-address",
    "recipient-status", "total-bytes", "recipient-count", "related-recipient-address", "reference",
    "message-subject", "sender-address", "return-path", "message-info", "directionality", "tenant-id",
    "original-client-ip", "original-server-ip", "custom-data", "transport-traffic-type", "log-id",
    "schema-version"};
constexpr std::array<std::string_view, 26> kFields26 = {
    "date-time", "client-ip", "client-hostname", "server-ip", "server-hostname", "source-context", "connector-id",
    "source", "event-id", "internal-message-id", "message-id", "recipient-address", "recipient-status",
    "total-bytes", "recipient-count", "related-recipient-address", "reference", "message-subject",
    "sender-address", "return-path", "message-info", "directionality", "tenant-id", "original-client-ip",
    "original-server-ip", "custom-data"};
const std::array<W3cDefaultLayout, 3> kDefaultLayouts = {{
    {kFields30, "Exchange 2013 and later (30 fields)"},
    {std::span(kFields30).first(27), "early Exchange 2013 (27 fields: no transport-traffic-type, log-id, schema-version)"},
    {kFields26, "Exchange 2010 (26 fields: no network-message-id)"},
}};

// The event ids of the message tracking log (FORMATS.md §4.3), and SENDEXTERNAL.
constexpr std::array<std::string_view, 42> kEventIds = {
    "AGENTINFO", "BADMAIL", "CLIENTSUBMISSION", "DEFER", "DELIVER", "DELIVERFAIL", "DROP", "DSN",
    "DUPLICATEDELIVER", "DUPLICATEEXPAND", "DUPLICATEREDIRECT", "EXPAND", "FAIL", "HADISCARD", "HARECEIVE",
    "HAREDIRECT", "HAREDIRECTFAIL", "INITMESSAGECREATED", "LOAD", "MODERATIONEXPIRE", "MODERATORAPPROVE",
    "MODERATORREJECT", "MODERATORSALLNDR", "NOTIFYMAPI", "NOTIFYSHADOW", "POISONMESSAGE", "PROCESS",
    "PROCESSMEETINGMESSAGE", "RECEIVE", "REDIRECT", "RESOLVE", "RESUBMIT", "RESUBMITDEFER", "RESUBMITFAIL", "SEND",
    "SENDEXTERNAL", "SUBMIT", "SUBMITDEFER", "SUBMITFAIL", "SUPPRESSED", "THROTTLE", "TRANSFER"};

// A headerless tracking row: a UTC date-time first, a known event-id 9th, 26, 27 or 30 fields.
bool is_tracking_row(std::span<const std::string_view> fields) {
  if (fields.size() != 26 && fields.size() != 27 && fields.size() != 30) return false;
  if (!is_w3c_utc_time(fields[0])) return false;
  const std::string_view event = trim(fields[8]);
  return std::any_of(kEventIds.begin(), kEventIds.end(), [&](std::string_view id) { return iequals(id, event); });
}

// "08DE1A2B3C4D5E6F;2026-11-20T08:15:01.998Z;0" -> "08DE1A2B3C4D5E6F": the protocol-log session id
// an SMTP RECEIVE names first (FORMATS.md §4.3 marks this UNCONFIRMED; a value that is not 16 hex
// digits is not used).
std::string_view session_id_in(std::string_view source_context) {
  const std::string_view id = trim(source_context.substr(0, source_context.find(';')));
  if (id.size() != 16) return {};
  for (char c : id)
    if (!is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) return {};
  return id;
}

class ExchangeTrackingReader final : public W3cLogReader {
 public:
  explicit ExchangeTrackingReader(ReaderContext context)
      : W3cLogReader(context), parser_(context.options.utc_offset_minutes) {}

 private:
  std::string on_fields(const HeaderMap& h) override {
    time_ = h.find({"date-time"});
    event_ = h.find({"event-id"});
    source_ = h.find({"source"});
    message_id_ = h.find({"message-id"});
    network_message_id_ = h.find({"network-message-id"});
    connector_ = h.find({"connector-id"});
    directionality_ = h.find({"directionality"});
    client_ip_ = h.find({"client-ip"});
    client_hostname_ = h.find({"client-hostname"});
    server_ip_ = h.find({"server-ip"});
    server_hostname_ = h.find({"server-hostname"});
    sender_ = h.find({"sender-address"});
    recipient_ = h.find({"recipient-address"});
    source_context_ = h.find({"source-context"});
    total_bytes_ = h.find({"total-bytes"});
    if (time_ == HeaderMap::npos) return "date-time";
    if (event_ == HeaderMap::npos) return "event-id";
    if (source_ == HeaderMap::npos) return "source";
    if (message_id_ == HeaderMap::npos && network_message_id_ == HeaderMap::npos) return "message-id";
    if (directionality_ == HeaderMap::npos) return "directionality";
    return {};
  }

  std::span<const W3cDefaultLayout> default_layouts() const override { return kDefaultLayouts; }

  void on_row(const CsvRow& row) override {
    const std::string_view event = trim(row[event_]);
    const std::string_view source = trim(row[source_]);
    const std::string_view directionality = trim(row[directionality_]);
    const std::string_view connector = trim(row[connector_]);
    const bool smtp = iequals(source, "SMTP");
    const bool incoming = iequals(directionality, "Incoming"), originating = iequals(directionality, "Originating");
    Direction direction;
    if (iequals(event, "SENDEXTERNAL")) {
      direction = Direction::Outbound;
    } else if (smtp && (iequals(event, "RECEIVE") || iequals(event, "SEND"))) {
      const bool receive = iequals(event, "RECEIVE");
      if (!incoming && !originating) return context_.report.skip(row.line, kUndefined, false);
      if (receive && originating) return context_.report.skip(row.line, kSubmitted, false);
      if (!receive && incoming) return context_.report.skip(row.line, kRelayedOn, false);
      if (!receive && ifind(connector, "Intra-Organization") != std::string_view::npos)
        return context_.report.skip(row.line, kIntraOrg, false);
      direction = receive ? Direction::Inbound : Direction::Outbound;
    } else {
      const bool qualify = iequals(event, "RECEIVE") || iequals(event, "SEND");
      return context_.report.skip(row.line, not_crossing_.reason(event, qualify ? source : std::string_view{}), false);
    }

    const std::string_view date = trim(row[time_]);
    if (date.empty()) return context_.report.skip(row.line, kNoDate);
    const auto time = parser_.parse(date);
    if (!time || !time->resolved) return exo::skip_defect(context_.report, row.line, "unreadable date", date);

    MessageEvent out;
    out.time = *time;
    out.direction = direction;
    out.connector = connector_ == HeaderMap::npos ? std::optional<std::string_view>() : connector;
    out.bytes = exo::parse_bytes(row[total_bytes_]);
    const bool inbound = direction == Direction::Inbound;
    out.remote_host = trim(row[inbound ? client_hostname_ : server_hostname_]);
    out.peer_ip = trim(row[inbound ? client_ip_ : server_ip_]);
    if (out.remote_host.empty()) out.remote_host = out.peer_ip;
    out.remote_domain = remote_address_domain(out.remote_host, row[inbound ? sender_ : recipient_]);
    out.message_key = exo::message_key(row[message_id_], row[network_message_id_]);
    if (out.message_key.empty()) return context_.report.skip(row.line, "row has no message-id");
    out.tls_from_session = true;
    if (inbound) out.session_id = session_id_in(row[source_context_]);
    context_.sink.count_message(out, row.line, exo::further_row_reason(), context_.report);
  }

  TimestampParser parser_;
  size_t time_ = HeaderMap::npos, event_ = HeaderMap::npos, source_ = HeaderMap::npos,
         message_id_ = HeaderMap::npos, network_message_id_ = HeaderMap::npos, connector_ = HeaderMap::npos,
         directionality_ = HeaderMap::npos, client_ip_ = HeaderMap::npos, client_hostname_ = HeaderMap::npos,
         server_ip_ = HeaderMap::npos, server_hostname_ = HeaderMap::npos, source_context_ = HeaderMap::npos,
         total_bytes_ = HeaderMap::npos, sender_ = HeaderMap::npos, recipient_ = HeaderMap::npos;
  exo::EventReasons not_crossing_{"event is not a boundary crossing"};
};

}  // namespace

int sniff_exchange_tracking(std::string_view head) {
  const std::string_view type = w3c_directive(head, "#Log-type");
  if (iequals(type, "Message Tracking Log")) return 98;
  if (!type.empty()) return 0;
  std::vector<std::string> fields = w3c_fields(head);
  if (header_has(fields, {"date-time", "event-id", "source", "message-id", "connector-id", "directionality"})) return 95;
  if (!fields.empty()) return 0;  // another log's #Fields line
  return sniff_headerless_w3c(head, is_tracking_row);
}

std::unique_ptr<FormatReader> make_exchange_tracking(ReaderContext context) {
  return std::make_unique<ExchangeTrackingReader>(context);
}

}  // namespace mailflow
