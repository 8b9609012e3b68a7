#include "formats/postfix/postfix.h"

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "formats/syslog_common/mta_fields.h"
#include "formats/syslog_common/log_sniff.h"
#include "formats/syslog_common/syslog_line.h"
#include "formats/text_lines/line_reader.h"
#include "model/partner.h"
#include "util/byte_scan.h"
#include "util/hash.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kNotSyslog = "not a syslog line";
const std::string kOtherProgram = "line of a program other than Postfix";
const std::string kNotMessage = "Postfix line that is not a message (connect, cleanup, queue manager, ...)";
const std::string kTlsLine = "TLS summary line (its version goes to the messages of the same process)";
const std::string kSizeLine = "queue manager line (gives the size of a message)";
const std::string kLocal = "delivery inside the host (lmtp, local, virtual, pipe): not a boundary crossing";
const std::string kFilter = "hand-over to or from a local content filter: not a boundary crossing";
const std::string kSubmission = "client submission (authenticated or on the submission service): not a boundary crossing";
const std::string kNotSent = "delivery not completed (deferred or bounced)";
const std::string kFurther = "further recipient of a delivery already counted";
const std::string kRejected = "message removed before it was queued (rejected at end of data)";
const std::string kRejectLine = "rejection of a whole message at end of data (the message was not received)";
const std::string kBadDate = "date not valid in the year read (February 29)";
const std::string kRepeatedClient = "repeated client= line of the same queue id (the later one is used)";

std::string_view last_component(std::string_view program) {
  const size_t slash = program.rfind('/');
  return slash == std::string_view::npos ? program : program.substr(slash + 1);
}

// "milter-reject: END-OF-MESSAGE from ...", smtpd's "reject: DATA from ..." or "reject: END-OF-MESSAGE
// from ...", cleanup's "reject: header ..." and "reject: body ..." (header_checks, body_checks):
// the whole message is refused with a 5xx reply, so it was never received and gets no qmgr line.
// "reject: RCPT from ..." with a queue id refuses one recipient only: the message goes on.
bool rejects_whole_message(std::string_view rest) {
  for (std::string_view prefix : {"reject: ", "milter-reject: "}) {
    if (!rest.starts_with(prefix)) continue;
    const std::string_view stage = rest.substr(prefix.size());
    return stage.starts_with("END-OF-MESSAGE ") || stage.starts_with("DATA ") || stage.starts_with("header ") ||
           stage.starts_with("body ");
  }
  return false;
}

bool is_submission_service(std::string_view program) {
  for (std::string_view service : {"/submission/", "/submissions/", "/smtps/"})
    if (program.find(service) != std::string_view::npos) return true;
  return false;
}

struct TlsSummary {
  bool server_side;        // "from" (smtpd) or "to" (smtp)
  std::string_view peer;   // "host[ip]" or "host[ip]:port"
  TlsVersion tls;
};

// Where " TLS connection " first occurs in a line, or npos. Every line is asked, so the search
// goes by its capital T (a search by its space stopped at every word).
size_t find_tls_connection(std::string_view message) {
  for (size_t t = byte_scan::find_text(message, "TLS connection ", 1); t != std::string_view::npos;
       t = byte_scan::find_text(message, "TLS connection ", t + 1))
    if (message[t - 1] == ' ') return t - 1;
  return std::string_view::npos;
}

// "<trust> TLS connection established|reused from|to <peer>[ to <sni>]: <protocol> with cipher ..."
std::optional<TlsSummary> parse_tls_summary(std::string_view message) {
  const size_t at = find_tls_connection(message);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = message.substr(at + 16);
  if (rest.starts_with("established ")) rest.remove_prefix(12);
  else if (rest.starts_with("reused ")) rest.remove_prefix(7);
  else return std::nullopt;
  TlsSummary out{};
  if (rest.starts_with("from ")) out.server_side = true, rest.remove_prefix(5);
  else if (rest.starts_with("to ")) out.server_side = false, rest.remove_prefix(3);
  else return std::nullopt;
  const size_t colon = rest.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  out.peer = rest.substr(0, std::min(colon, rest.find(' ')));
  std::string_view protocol = rest.substr(colon + 2);
  protocol = protocol.substr(0, protocol.find(' '));
  out.tls = parse_tls_version(protocol).value_or(TlsVersion::UnknownVersion);
  if (out.tls == TlsVersion::None || out.tls == TlsVersion::NoData) out.tls = TlsVersion::UnknownVersion;
  return out;
}

class PostfixReader final : public LineFormatReader {
 public:
  explicit PostfixReader(ReaderContext context)
      : LineFormatReader(context), parser_(context.options.utc_offset_minutes), clock_(context.options) {}

 private:
  // What one smtpd process (host + pid) told us about its current session.
  struct Session {
    TlsVersion tls = TlsVersion::None;
    bool connected = false;  // its "connect from" was seen
  };
  // What one smtp (client) process last told us about its connection. No line ends such a process
  // (it exits after max_idle or max_use), so the table drops those unused longest, unremarked.
  struct ClientTls {
    uint64_t relay = 0;  // hash of the peer of its last TLS line
    TlsVersion tls = TlsVersion::None;
  };
  // An inbound message waiting for its size (the qmgr line comes after client=).
  struct Pending {
    Timestamp time;
    TlsVersion tls;
    size_t connector;
    std::string remote;
    uint64_t line;
  };
  // Until the log shows its first TLS line of a side (smtpd or smtp), that side's messages without
  // one are held: a log with no TLS line at all (*_tls_loglevel = 0) says nothing about TLS, so at
  // the end they count as "no TLS data", not as "No TLS" (which would raise "No TLS is over 25%").
  // Past kMaxHeld held messages they are taken as plaintext.
  struct HeldDelivery {
    Timestamp time;
    std::string connector, remote, domain, key;
    std::optional<uint64_t> bytes;
    uint64_t line;
  };
  static constexpr size_t kMaxPending = 1u << 16;
  static constexpr size_t kMaxHeld = 1u << 16;
  static constexpr size_t kMaxPrograms = 64;

  void on_line(std::string_view text, uint64_t number) override {
    ++context_.report.records;
    const auto line = parse_syslog_line(text, parser_);
    if (!line) {  // journalctl's own lines ("-- Reboot --") get their own reason
      const SyslogSkip why = why_not_syslog(text);
      return context_.report.skip(number, why.known ? why.reason : kNotSyslog, why.problem);
    }
    if (!starts_with_text(line->program, "postfix")) return context_.report.skip(number, kOtherProgram, false);
    const std::string_view process = last_component(line->program);
    const uint64_t process_key = hash64(line->host, line->pid);

    if (auto tls = parse_tls_summary(line->message)) {
      if (tls->server_side) {
        sessions_.at(process_key).tls = tls->tls;
        if (++server_tls_lines_ == 1) release_held_inbound(TlsVersion::None);
      } else {
        clients_.at(process_key) = ClientTls{hash64(tls->peer), tls->tls};
        if (++client_tls_lines_ == 1) release_held_outbound(TlsVersion::None);
      }
      return context_.report.skip(number, kTlsLine, false);
    }
    if (same_text(process, "smtpd") && starts_with_text(line->message, "connect from ")) {
      sessions_.at(process_key) = Session{TlsVersion::None, true};
      return context_.report.skip(number, kNotMessage, false);
    }
    if (same_text(process, "smtpd") && starts_with_text(line->message, "disconnect from ")) {
      sessions_.erase(process_key);
      return context_.report.skip(number, kNotMessage, false);
    }

    std::string_view rest;
    const std::string_view queue_id = leading_queue_id(line->message, rest);
    if (queue_id.empty() || same_text(queue_id, "NOQUEUE")) return context_.report.skip(number, kNotMessage, false);
    const uint64_t queue_key = hash64(queue_id, hash64(line->host));

    if (same_text(process, "smtpd") && starts_with_text(rest, "client="))
      return on_client(*line, rest, process_key, queue_key, number);
    if (same_text(process, "qmgr") && starts_with_text(rest, "from=")) return on_size(rest, queue_key, number);
    if (same_text(process, "qmgr") && same_text(rest, "removed")) {
      sizes_.erase(queue_key);
      drop_rejected(queue_key);
      return context_.report.skip(number, kNotMessage, false);
    }
    if (rejects_whole_message(rest)) {
      drop_rejected(queue_key);
      return context_.report.skip(number, kRejectLine, false);
    }
    if (list_value(rest, "to").empty() || list_value(rest, "status").empty())
      return context_.report.skip(number, kNotMessage, false);
    if (!same_text(process, "smtp") && !same_text(process, "relay")) return context_.report.skip(number, kLocal, false);
    on_delivery(*line, rest, process_key, queue_id, queue_key, number);
  }

  void on_client(const SyslogLine& line, std::string_view rest, uint64_t process_key, uint64_t queue_key,
                 uint64_t number) {
    const std::string_view client = list_value(rest, "client");
    if (is_loopback(bracketed_ip(client))) return context_.report.skip(number, kFilter, false);
    if (!list_value(rest, "sasl_username").empty() || is_submission_service(line.program))
      return context_.report.skip(number, kSubmission, false);
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    TlsVersion tls = TlsVersion::NoData;
    if (const Session* s = sessions_.find(process_key); s && s->connected) tls = s->tls;
    ++inbound_count(tls);
    if (inbound_.size() >= kMaxPending) flush_pending();
    std::string_view remote = host_name_of(client);
    if (remote.empty()) remote = bracketed_ip(client);
    // A repeated client= line (lost or duplicated syslog lines) replaces the earlier one, which is
    // accounted for here so that no record goes missing.
    if (auto it = inbound_.find(queue_key); it != inbound_.end()) {
      context_.report.skip(it->second.line, kRepeatedClient, false);
      --inbound_count(it->second.tls);
    }
    inbound_[queue_key] = Pending{*time, tls, connector_index(line.program), std::string(remote), number};
  }

  // A message refused before it was queued: its client= line is accounted for as such.
  void drop_rejected(uint64_t queue_key) {
    if (auto it = inbound_.find(queue_key); it != inbound_.end()) {
      context_.report.skip(it->second.line, kRejected, false);
      --inbound_count(it->second.tls);
      inbound_.erase(it);
    }
  }

  // The note's count a received message is in, by the TLS of its session.
  uint64_t& inbound_count(TlsVersion tls) {
    return tls == TlsVersion::NoData ? inbound_no_session_ : is_encrypted(tls) ? inbound_tls_ : inbound_plain_;
  }

  void on_size(std::string_view rest, uint64_t queue_key, uint64_t number) {
    const auto size = parse_u64(list_value(rest, "size"));
    if (size) sizes_.at(queue_key) = *size;
    context_.report.skip(number, kSizeLine, false);
    auto it = inbound_.find(queue_key);
    if (it == inbound_.end()) return;
    emit_inbound(it->second, size);
    inbound_.erase(it);
  }

  void on_delivery(const SyslogLine& line, std::string_view rest, uint64_t process_key, std::string_view queue_id,
                   uint64_t queue_key, uint64_t number) {
    if (list_value(rest, "status").substr(0, 4) != "sent") return context_.report.skip(number, kNotSent, false);
    const std::string_view relay = list_value(rest, "relay");
    const std::string_view ip = bracketed_ip(relay);
    if (ip.empty() || is_loopback(ip)) return context_.report.skip(number, ip.empty() ? kLocal : kFilter, false);
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Outbound;
    event.connector = line.program;
    const ClientTls* client = clients_.find(process_key);
    event.tls = client && client->relay == hash64(relay) ? client->tls : TlsVersion::None;
    if (const uint64_t* size = sizes_.find(queue_key)) event.bytes = *size;
    event.remote_host = host_name_of(relay);
    if (event.remote_host.empty()) event.remote_host = ip;
    event.remote_domain = address_domain(list_value(rest, "to"));
    key_.assign("postfix|").append(line.host).append("|").append(queue_id).append("|").append(relay);
    event.message_key = key_;
    if (event.tls == TlsVersion::None && client_tls_lines_ == 0 && !held_full_) {
      held_outbound_.push_back({event.time, std::string(event.connector.value_or("")), std::string(event.remote_host),
                                std::string(event.remote_domain), key_, event.bytes, number});
      if (held_inbound_.size() + held_outbound_.size() >= kMaxHeld) release_all_held_as_plaintext();
      return;
    }
    send_outbound(event, number);
  }

  void send_outbound(const MessageEvent& event, uint64_t number) {
    if (!context_.sink.message(event)) return context_.report.skip(number, kFurther, false);
    ++(is_encrypted(event.tls) ? outbound_tls_ : event.tls == TlsVersion::NoData ? outbound_no_logging_ : outbound_plain_);
  }

  void release_held_outbound(TlsVersion tls) {
    for (const HeldDelivery& h : held_outbound_) {
      MessageEvent event;
      event.time = h.time;
      event.direction = Direction::Outbound;
      event.connector = h.connector;
      event.tls = tls;
      event.bytes = h.bytes;
      event.remote_host = h.remote;
      event.remote_domain = h.domain;
      event.message_key = h.key;
      send_outbound(event, h.line);
    }
    held_outbound_.clear();
  }

  void release_held_inbound(TlsVersion tls) {
    for (auto& [pending, size] : held_inbound_) {
      if (tls == TlsVersion::NoData) --inbound_plain_, ++inbound_no_logging_;
      pending.tls = tls;
      send_inbound(pending, size);
    }
    held_inbound_.clear();
  }

  void release_all_held_as_plaintext() {
    release_held_inbound(TlsVersion::None);
    release_held_outbound(TlsVersion::None);
    held_full_ = true;
  }

  void emit_inbound(const Pending& pending, std::optional<uint64_t> size) {
    if (pending.tls == TlsVersion::None && server_tls_lines_ == 0 && !held_full_) {
      held_inbound_.emplace_back(pending, size);
      if (held_inbound_.size() + held_outbound_.size() >= kMaxHeld) release_all_held_as_plaintext();
      return;
    }
    send_inbound(pending, size);
  }

  void send_inbound(const Pending& pending, std::optional<uint64_t> size) {
    MessageEvent event;
    event.time = pending.time;
    event.direction = Direction::Inbound;
    event.connector = programs_[pending.connector];
    event.tls = pending.tls;
    event.bytes = size;
    event.remote_host = pending.remote;
    if (!size) ++without_size_;
    if (!context_.sink.message(event)) context_.report.skip(pending.line, kFurther, false);
  }

  void flush_pending() {
    // In line order, so the result does not depend on the hash map's order.
    std::vector<const Pending*> order;
    for (const auto& [key, p] : inbound_) order.push_back(&p);
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->line < b->line; });
    for (const Pending* p : order) emit_inbound(*p, std::nullopt);
    inbound_.clear();
  }

  size_t connector_index(std::string_view program) {
    for (size_t i = 0; i < programs_.size(); ++i)
      if (programs_[i] == program) return i;
    if (programs_.size() >= kMaxPrograms) return programs_.size() - 1;
    programs_.emplace_back(program);
    return programs_.size() - 1;
  }

  void on_finish() override {
    flush_pending();
    // Still held: that side of the log has no TLS line at all.
    release_held_inbound(TlsVersion::NoData);
    release_held_outbound(TlsVersion::NoData);
    clock_.add_note(context_.report);
    auto& notes = context_.report.notes;
    const uint64_t inbound = inbound_tls_ + inbound_plain_ + inbound_no_session_ + inbound_no_logging_;
    const uint64_t outbound = outbound_tls_ + outbound_plain_ + outbound_no_logging_;
    if (inbound)
      notes.push_back("TLS of received messages, from the TLS line of the same smtpd process: " +
                      std::to_string(inbound_tls_) + " of " + std::to_string(inbound) + " with TLS, " +
                      std::to_string(inbound_plain_) + " plaintext (the session had no TLS line), " +
                      std::to_string(inbound_no_session_) +
                      " no TLS data (the session began before the log did)");
    if (outbound)
      notes.push_back("TLS of sent messages, from the last TLS line of the same smtp process to the same relay: " +
                      std::to_string(outbound_tls_) + " of " + std::to_string(outbound) + " with TLS, " +
                      std::to_string(outbound_plain_) + " plaintext (no TLS line for that relay)");
    if (inbound_no_logging_)
      notes.push_back("the log has no smtpd TLS line at all (smtpd_tls_loglevel 0?): " +
                      std::to_string(inbound_no_logging_) + " received messages count as 'no TLS data'");
    if (outbound_no_logging_)
      notes.push_back("the log has no smtp TLS line at all (smtp_tls_loglevel 0?): " +
                      std::to_string(outbound_no_logging_) + " sent messages count as 'no TLS data'");
    if (without_size_)
      notes.push_back(std::to_string(without_size_) +
                      " received messages have no queue manager line with their size (counted with 0 bytes)");
    if (sessions_.overflows() || sizes_.overflows())
      notes.push_back(std::to_string(sessions_.overflows() + sizes_.overflows()) +
                      " smtpd sessions or queued messages were still open after tens of thousands of newer ones and "
                      "were not kept; some TLS versions or sizes may be missing");
  }

  TimestampParser parser_;
  SyslogClock clock_;
  BoundedTable<Session, 1u << 16> sessions_;
  BoundedTable<ClientTls, 1u << 16> clients_;
  BoundedTable<uint64_t, 1u << 18> sizes_;
  std::unordered_map<uint64_t, Pending> inbound_;
  std::vector<std::string> programs_;
  std::string key_;
  uint64_t inbound_tls_ = 0, inbound_plain_ = 0, inbound_no_session_ = 0, outbound_tls_ = 0, outbound_plain_ = 0;
  uint64_t server_tls_lines_ = 0, client_tls_lines_ = 0, without_size_ = 0;
  uint64_t inbound_no_logging_ = 0, outbound_no_logging_ = 0;
  std::vector<std::pair<Pending, std::optional<uint64_t>>> held_inbound_;
  std::vector<HeldDelivery> held_outbound_;
  bool held_full_ = false;
};

}  // namespace

int sniff_postfix(std::string_view head) {
  // Any Postfix line (postscreen, anvil and qmgr included) among other programs' lines makes the
  // file a mail.log of ours.
  int lines = 0;
  const int postfix = count_program_lines(head, [](const SyslogLine& line) {
    return line.pid && line.program.starts_with("postfix") && line.program.find('/') != std::string_view::npos;
  }, lines);
  return program_share_score(postfix, lines, 92, 70);
}

std::unique_ptr<FormatReader> make_postfix(ReaderContext context) { return std::make_unique<PostfixReader>(context); }

}  // namespace mailflow
