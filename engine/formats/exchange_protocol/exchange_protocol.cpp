#include "formats/exchange_protocol/exchange_protocol.h"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "formats/exchange_tracking/w3c_log_reader.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kSessionRow =
    "SMTP protocol log row (sessions are not messages; their TLS goes to the message tracking log's messages)";
const std::string kNoDate = "row has no readable date-time";
const std::string kNoSession = "row has no session-id";

// The nine fields every Exchange version writes (FORMATS.md §5.1), for rows without a #Fields line.
constexpr std::array<std::string_view, 9> kFields = {"date-time",      "connector-id",    "session-id",
                                                     "sequence-number", "local-endpoint", "remote-endpoint",
                                                     "event",           "data",           "context"};
const std::array<W3cDefaultLayout, 1> kDefaultLayouts = {{
    {kFields, "the SMTP protocol log (9 fields; without a #Log-type line, a session whose local port is 25, 587, "
              "465, 2525 or 717 is a receive session, any other a send session)"},
}};

// A headerless protocol log row: a UTC date-time, a 16-digit hex session id, a sequence number and
// one of the event marks + - < > *.
bool is_protocol_row(std::span<const std::string_view> fields) {
  if (fields.size() != kFields.size() || !is_w3c_utc_time(fields[0])) return false;
  const std::string_view session = fields[2], sequence = fields[3], event = fields[6];
  if (session.size() != 16 || !parse_u64(sequence)) return false;
  for (char c : session)
    if (!is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) return false;
  return event.size() == 1 && std::string_view("+-<>*").find(event[0]) != std::string_view::npos;
}

// "192.0.2.10:25" -> "192.0.2.10"; "[2001:db8::1]:25" -> "2001:db8::1".
std::string_view ip_of(std::string_view endpoint) {
  endpoint = trim(endpoint);
  if (endpoint.starts_with('[')) return endpoint.substr(1, endpoint.find(']') - 1);
  const size_t colon = endpoint.rfind(':');
  if (colon == std::string_view::npos || endpoint.find(':') != colon) return endpoint;  // bare IPv6
  return endpoint.substr(0, colon);
}

std::string_view port_of(std::string_view endpoint) {
  const size_t colon = trim(endpoint).rfind(':');
  return colon == std::string_view::npos ? std::string_view{} : trim(endpoint).substr(colon + 1);
}

// The version in "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded ..." (or -TLS1_2_CLIENT).
std::optional<TlsVersion> tls_in(std::string_view context) {
  const size_t at = ifind(context, "TLS protocol SP_PROT");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view token = context.substr(at + 13);
  token = token.substr(0, token.find(' '));
  const auto tls = parse_tls_version(token);
  if (!tls || *tls == TlsVersion::None || *tls == TlsVersion::NoData) return TlsVersion::UnknownVersion;
  return tls;
}

class ExchangeProtocolReader final : public W3cLogReader {
 public:
  explicit ExchangeProtocolReader(ReaderContext context)
      : W3cLogReader(context), parser_(context.options.utc_offset_minutes) {}

 private:
  // An open session: what the rows so far said.
  struct Session {
    std::string connector, peer_ip;
    int64_t first = 0, last = 0;
    std::optional<TlsVersion> tls;
    Direction direction = Direction::Inbound;
    bool saw_start = false;
  };
  // Interleaved sessions that are open at once; beyond this, the open ones are handed on as they
  // are (a part of a session merges with its other parts in the message table).
  static constexpr size_t kMaxOpenSessions = 1u << 16;

  std::string on_fields(const HeaderMap& h) override {
    time_ = h.find({"date-time"});
    connector_ = h.find({"connector-id"});
    session_ = h.find({"session-id"});
    local_ = h.find({"local-endpoint"});
    remote_ = h.find({"remote-endpoint"});
    event_ = h.find({"event"});
    data_ = h.find({"data"});
    context_column_ = h.find({"context"});
    if (time_ == HeaderMap::npos) return "date-time";
    if (session_ == HeaderMap::npos) return "session-id";
    if (remote_ == HeaderMap::npos) return "remote-endpoint";
    if (event_ == HeaderMap::npos) return "event";
    return {};
  }

  std::span<const W3cDefaultLayout> default_layouts() const override { return kDefaultLayouts; }

  Direction direction(const CsvRow& row) {
    if (ifind(log_type(), "Receive") != std::string_view::npos) return Direction::Inbound;
    if (ifind(log_type(), "Send") != std::string_view::npos) return Direction::Outbound;
    // No #Log-type: a receive session listens on a well-known SMTP port.
    const std::string_view port = port_of(row[local_]);
    return port == "25" || port == "587" || port == "465" || port == "2525" || port == "717" ? Direction::Inbound
                                                                                             : Direction::Outbound;
  }

  void on_row(const CsvRow& row) override {
    const std::string_view id = trim(row[session_]);
    if (id.empty()) return context_.report.skip(row.line, kNoSession);
    const auto time = parser_.parse(trim(row[time_]));
    if (!time || !time->resolved) return context_.report.skip(row.line, kNoDate);
    context_.report.skip(row.line, kSessionRow, false);

    lookup_.assign(id);  // a reused buffer: no allocation per row
    auto it = open_.find(lookup_);
    if (it == open_.end()) {
      if (open_.size() >= kMaxOpenSessions) hand_on_all();
      it = open_.emplace(lookup_, Session{}).first;
      Session& fresh = it->second;
      fresh.connector = trim(row[connector_]);
      fresh.peer_ip = ip_of(row[remote_]);
      fresh.first = fresh.last = time->utc_seconds;
      fresh.direction = direction(row);
    }
    Session& s = it->second;
    s.first = std::min(s.first, time->utc_seconds);
    s.last = std::max(s.last, time->utc_seconds);
    const std::string_view event = trim(row[event_]);
    if (event == "+") s.saw_start = true;
    if (event == "*")
      if (auto tls = tls_in(row[context_column_]); tls || (tls = tls_in(row[data_]))) s.tls = tls;
    if (event == "-") {
      hand_on(it->first, s);
      open_.erase(it);
    }
  }

  void hand_on(const std::string& id, const Session& s) {
    TlsSessionEvidence e;
    e.session_id = id;
    e.direction = s.direction;
    e.connector = s.connector;
    e.peer_ip = s.peer_ip;
    e.first_seconds = s.first;
    e.last_seconds = s.last;
    e.tls = s.tls;
    e.saw_start = s.saw_start;
    context_.sink.tls_session(e);
    const size_t bucket = s.tls ? static_cast<size_t>(*s.tls) : s.saw_start ? static_cast<size_t>(TlsVersion::None)
                                                                             : static_cast<size_t>(TlsVersion::NoData);
    ++by_tls_[e.direction == Direction::Inbound ? 0 : 1][bucket];
  }

  // In session-id order, so what is handed on does not depend on the hash map's order.
  void hand_on_all() {
    std::map<std::string, Session> ordered(std::make_move_iterator(open_.begin()), std::make_move_iterator(open_.end()));
    open_.clear();
    for (const auto& [id, s] : ordered) hand_on(id, s);
  }

  void on_finish() override {
    hand_on_all();
    for (int d = 0; d < 2; ++d) {
      uint64_t total = 0;
      for (uint64_t n : by_tls_[d]) total += n;
      if (!total) continue;
      std::string note = std::to_string(total) + (d == 0 ? " SMTP receive session" : " SMTP send session") +
                         (total == 1 ? ": " : "s: ");
      bool first = true;
      for (TlsVersion v : kAllTlsVersions) {
        const uint64_t n = by_tls_[d][static_cast<size_t>(v)];
        if (!n) continue;
        note += first ? "" : ", ";
        first = false;
        note += std::to_string(n) + " ";
        if (v == TlsVersion::None) note += "without TLS";
        else if (v == TlsVersion::NoData) note += "begun in an earlier file (TLS not known)";
        else note += "TLS " + std::string(tls_key(v));
      }
      context_.report.notes.push_back(note);
    }
    context_.report.notes.push_back(
        "a protocol log counts no messages (a session is not a message, and the log also holds the organisation's "
        "own hops); drop the message tracking logs of the same servers with it to see each message with the TLS "
        "version of its session");
  }

  TimestampParser parser_;
  std::unordered_map<std::string, Session> open_;
  std::string lookup_;
  std::array<std::array<uint64_t, kTlsVersionCount>, 2> by_tls_{};
  size_t time_ = HeaderMap::npos, connector_ = HeaderMap::npos, session_ = HeaderMap::npos, local_ = HeaderMap::npos,
         remote_ = HeaderMap::npos, event_ = HeaderMap::npos, data_ = HeaderMap::npos,
         context_column_ = HeaderMap::npos;
};

}  // namespace

int sniff_exchange_protocol(std::string_view head) {
  const std::string_view type = w3c_directive(head, "#Log-type");
  if (iequals(type, "SMTP Receive Protocol Log") || iequals(type, "SMTP Send Protocol Log")) return 98;
  if (!type.empty()) return 0;
  const std::vector<std::string> fields = w3c_fields(head);
  if (header_has(fields, {"date-time", "connector-id", "session-id", "sequence-number", "remote-endpoint", "event"}))
    return 95;
  if (!fields.empty()) return 0;  // another log's #Fields line
  return sniff_headerless_w3c(head, is_protocol_row);
}

std::unique_ptr<FormatReader> make_exchange_protocol(ReaderContext context) {
  return std::make_unique<ExchangeProtocolReader>(context);
}

}  // namespace mailflow
