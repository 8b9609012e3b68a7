#include "formats/postfix/postfix.h"

#include <algorithm>
#include <array>
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

// What one line says on its own, without the lines before it. The reader's state (each process's
// session and TLS, each queue id's size and pending arrival, the year) is applied to it in file
// order: at once when one reader reads the log, at the take-over when a range's reader parsed it
// (a large log is parsed in ranges on several threads: FormatReader::take_over). LineFacts is what
// every kind of line has; a range's reader keeps a line's stamp and texts only for the two kinds
// that have them.
struct LineFacts {
  enum class Kind : uint8_t { Skip, ServerTls, ClientTls, Connect, Disconnect, Client, Size, Removed, Rejected, Delivery };
  // The reason the line is counted under whatever came before it (every kind but Client and
  // Delivery, whose reason depends on the lines before); a problem is only ever a Skip's.
  const std::string* reason = nullptr;
  uint64_t process_key = 0;      // host + pid
  uint64_t queue_key = 0;        // queue id + host
  uint64_t relay = 0;            // ClientTls: hash of the TLS line's peer; Delivery: of its relay
  std::optional<uint64_t> size;  // Size
  Kind kind = Kind::Skip;
  TlsVersion tls = TlsVersion::None;  // ServerTls, ClientTls
  bool problem = false;
};

struct PostfixLine : LineFacts {
  enum Text : uint8_t { kProgram, kRemote, kDomain, kKey, kTexts };
  SyslogStamp stamp;  // Client, Delivery
  // Client: program and remote side; Delivery: program, remote side, recipient domain, message key.
  std::array<std::string_view, kTexts> text;
};

class PostfixReader final : public LineFormatReader {
 public:
  explicit PostfixReader(ReaderContext context)
      : LineFormatReader(context), parser_(context.options.utc_offset_minutes), clock_(context.options) {}

 private:
  using Kind = PostfixLine::Kind;
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
  // A line a range's reader parsed, kept for the take-over. Compact, since a range keeps most of its
  // lines: only a Client or Delivery line has a stamp and texts, kept apart (KeptMessage).
  struct KeptLine {
    LineFacts facts;
    uint64_t number;
  };
  struct KeptMessage {
    SyslogStamp stamp;
    size_t text_at;  // its texts, one after another in kept_text_
    std::array<uint32_t, PostfixLine::kTexts> text_size;
  };
  static constexpr size_t kMaxPending = 1u << 16;
  static constexpr size_t kMaxHeld = 1u << 16;
  static constexpr size_t kMaxPrograms = 64;

  void on_line(std::string_view text, uint64_t number) override {
    ++context_.report.records;
    parse(text, line_);
    if (line_.reason && !line_.problem) context_.report.skip(number, *line_.reason, false);
    if (line_.kind == Kind::Skip && !line_.problem) return;
    if (range_) return keep(line_, number);
    apply(line_, number);
  }

  static void skip(PostfixLine& out, const std::string& reason, bool problem = false) {
    out.kind = Kind::Skip;
    out.reason = &reason;
    out.problem = problem;
  }
  // A line that counts under the reason the lines before it give it, or under `reason` whatever they gave.
  static void line_of(PostfixLine& out, Kind kind, const std::string* reason = nullptr) {
    out.kind = kind;
    out.reason = reason;
    out.problem = false;
  }

  // Every field `out.kind` needs is set; the others keep what an earlier line gave them.
  void parse(std::string_view text, PostfixLine& out) {
    // journalctl's own lines ("-- Reboot --") get their own reason
    if (!read_syslog_line(text, parser_, scratch_, syslog_)) {
      const SyslogSkip why = why_not_syslog(text);
      return skip(out, why.known ? why.reason : kNotSyslog, why.problem);
    }
    const SyslogLine& syslog = syslog_;
    if (!starts_with_text(syslog.program, "postfix")) return skip(out, kOtherProgram);
    const std::string_view process = last_component(syslog.program);
    out.process_key = hash64(syslog.host, syslog.pid);

    if (auto tls = parse_tls_summary(syslog.message)) {
      line_of(out, tls->server_side ? Kind::ServerTls : Kind::ClientTls, &kTlsLine);
      out.tls = tls->tls;
      if (!tls->server_side) out.relay = hash64(tls->peer);
      return;
    }
    if (same_text(process, "smtpd") && starts_with_text(syslog.message, "connect from "))
      return line_of(out, Kind::Connect, &kNotMessage);
    if (same_text(process, "smtpd") && starts_with_text(syslog.message, "disconnect from "))
      return line_of(out, Kind::Disconnect, &kNotMessage);

    std::string_view rest;
    const std::string_view queue_id = leading_queue_id(syslog.message, rest);
    if (queue_id.empty() || same_text(queue_id, "NOQUEUE")) return skip(out, kNotMessage);
    out.queue_key = hash64(queue_id, hash64(syslog.host));

    if (same_text(process, "smtpd") && starts_with_text(rest, "client=")) return parse_client(syslog, rest, out);
    if (same_text(process, "qmgr") && starts_with_text(rest, "from=")) {
      line_of(out, Kind::Size, &kSizeLine);
      out.size = parse_u64(list_value(rest, "size"));
      return;
    }
    if (same_text(process, "qmgr") && same_text(rest, "removed")) return line_of(out, Kind::Removed, &kNotMessage);
    if (rejects_whole_message(rest)) return line_of(out, Kind::Rejected, &kRejectLine);
    if (list_value(rest, "to").empty() || list_value(rest, "status").empty()) return skip(out, kNotMessage);
    if (!same_text(process, "smtp") && !same_text(process, "relay")) return skip(out, kLocal);
    return parse_delivery(syslog, rest, queue_id, out);
  }

  static void parse_client(const SyslogLine& syslog, std::string_view rest, PostfixLine& out) {
    const std::string_view client = list_value(rest, "client");
    if (is_loopback(bracketed_ip(client))) return skip(out, kFilter);
    if (!list_value(rest, "sasl_username").empty() || is_submission_service(syslog.program)) return skip(out, kSubmission);
    line_of(out, Kind::Client);
    out.stamp = syslog.stamp;
    out.text[PostfixLine::kProgram] = syslog.program;
    std::string_view remote = host_name_of(client);
    out.text[PostfixLine::kRemote] = remote.empty() ? bracketed_ip(client) : remote;
    out.text[PostfixLine::kDomain] = out.text[PostfixLine::kKey] = {};
  }

  void parse_delivery(const SyslogLine& syslog, std::string_view rest, std::string_view queue_id,
                      PostfixLine& out) {
    if (list_value(rest, "status").substr(0, 4) != "sent") return skip(out, kNotSent);
    const std::string_view relay = list_value(rest, "relay");
    const std::string_view ip = bracketed_ip(relay);
    if (ip.empty() || is_loopback(ip)) return skip(out, ip.empty() ? kLocal : kFilter);
    line_of(out, Kind::Delivery);
    out.stamp = syslog.stamp;
    out.relay = hash64(relay);
    out.text[PostfixLine::kProgram] = syslog.program;
    const std::string_view remote = host_name_of(relay);
    out.text[PostfixLine::kRemote] = remote.empty() ? ip : remote;
    out.text[PostfixLine::kDomain] = address_domain(list_value(rest, "to"));
    key_.assign("postfix|").append(syslog.host).append("|").append(queue_id).append("|").append(relay);
    out.text[PostfixLine::kKey] = key_;
  }

  // Range's reader: the line waits for the take-over, its texts copied (the views point into the
  // chunk being read).
  void keep(const PostfixLine& line, uint64_t number) {
    kept_.push_back({line, number});
    if (line.kind != Kind::Client && line.kind != Kind::Delivery) return;
    KeptMessage& message = kept_messages_.emplace_back(KeptMessage{line.stamp, kept_text_.size(), {}});
    for (size_t i = 0; i < PostfixLine::kTexts; ++i) {
      message.text_size[i] = static_cast<uint32_t>(line.text[i].size());
      kept_text_.append(line.text[i]);
    }
  }

  // A kept line as parse() gave it; `next_message` walks the kept messages alongside.
  PostfixLine kept_line(const KeptLine& kept, size_t& next_message) const {
    PostfixLine line;
    static_cast<LineFacts&>(line) = kept.facts;
    if (line.kind != Kind::Client && line.kind != Kind::Delivery) return line;
    const KeptMessage& message = kept_messages_[next_message++];
    line.stamp = message.stamp;
    size_t at = message.text_at;
    for (size_t i = 0; i < PostfixLine::kTexts; ++i) {
      line.text[i] = std::string_view(kept_text_).substr(at, message.text_size[i]);
      at += message.text_size[i];
    }
    return line;
  }

  void read_as_range() override { range_ = true; }

  // The range's lines applied as if this reader had read them. A range whose report holds a
  // problem (an over-long line) is not taken over: its problems would follow those its lines give
  // here, not come in line order.
  bool take_over_lines(LineFormatReader& range) override {
    auto& other = static_cast<PostfixReader&>(range);
    if (!other.context_.report.problems.empty()) return false;
    parser_.take_over(other.parser_);
    const uint64_t before = next_line() - 1;  // the range's lines are numbered from 1
    size_t next_message = 0;
    for (const KeptLine& kept : other.kept_) apply(other.kept_line(kept, next_message), before + kept.number);
    return true;
  }

  void apply(const PostfixLine& line, uint64_t number) {
    switch (line.kind) {
      case Kind::Skip: return context_.report.skip(number, *line.reason, line.problem);
      case Kind::ServerTls:
        sessions_.at(line.process_key).tls = line.tls;
        if (++server_tls_lines_ == 1) release_held_inbound(TlsVersion::None);
        return;
      case Kind::ClientTls:
        clients_.at(line.process_key) = ClientTls{line.relay, line.tls};
        if (++client_tls_lines_ == 1) release_held_outbound(TlsVersion::None);
        return;
      case Kind::Connect: sessions_.at(line.process_key) = Session{TlsVersion::None, true}; return;
      case Kind::Disconnect: sessions_.erase(line.process_key); return;
      case Kind::Client: return on_client(line, number);
      case Kind::Size: return on_size(line);
      case Kind::Removed:
        sizes_.erase(line.queue_key);
        drop_rejected(line.queue_key);
        return;
      case Kind::Rejected: return drop_rejected(line.queue_key);
      case Kind::Delivery: return on_delivery(line, number);
    }
  }

  void on_client(const PostfixLine& line, uint64_t number) {
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    TlsVersion tls = TlsVersion::NoData;
    if (const Session* s = sessions_.find(line.process_key); s && s->connected) tls = s->tls;
    ++inbound_count(tls);
    if (inbound_.size() >= kMaxPending) flush_pending();
    // A repeated client= line (lost or duplicated syslog lines) replaces the earlier one, which is
    // accounted for here so that no record goes missing.
    if (auto it = inbound_.find(line.queue_key); it != inbound_.end()) {
      context_.report.skip(it->second.line, kRepeatedClient, false);
      --inbound_count(it->second.tls);
    }
    inbound_[line.queue_key] = Pending{*time, tls, connector_index(line.text[PostfixLine::kProgram]),
                                       std::string(line.text[PostfixLine::kRemote]), number};
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

  void on_size(const PostfixLine& line) {
    if (line.size) sizes_.at(line.queue_key) = *line.size;
    auto it = inbound_.find(line.queue_key);
    if (it == inbound_.end()) return;
    emit_inbound(it->second, line.size);
    inbound_.erase(it);
  }

  void on_delivery(const PostfixLine& line, uint64_t number) {
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Outbound;
    event.connector = line.text[PostfixLine::kProgram];
    const ClientTls* client = clients_.find(line.process_key);
    event.tls = client && client->relay == line.relay ? client->tls : TlsVersion::None;
    if (const uint64_t* size = sizes_.find(line.queue_key)) event.bytes = *size;
    event.remote_host = line.text[PostfixLine::kRemote];
    event.remote_domain = line.text[PostfixLine::kDomain];
    event.message_key = line.text[PostfixLine::kKey];
    if (event.tls == TlsVersion::None && client_tls_lines_ == 0 && !held_full_) {
      held_outbound_.push_back({event.time, std::string(*event.connector), std::string(event.remote_host),
                                std::string(event.remote_domain), std::string(event.message_key), event.bytes, number});
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
  SyslogLine syslog_;    // the line being read, kept (see read_syslog_line)
  std::string scratch_;  // unescaped journal JSON values
  SyslogClock clock_;
  BoundedTable<Session, 1u << 16> sessions_;
  BoundedTable<ClientTls, 1u << 16> clients_;
  BoundedTable<uint64_t, 1u << 18> sizes_;
  std::unordered_map<uint64_t, Pending> inbound_;
  std::vector<std::string> programs_;
  PostfixLine line_;  // the line being read (its texts point into that line or into key_)
  std::string key_;   // a delivery's message key, as parse() last wrote it
  uint64_t inbound_tls_ = 0, inbound_plain_ = 0, inbound_no_session_ = 0, outbound_tls_ = 0, outbound_plain_ = 0;
  uint64_t server_tls_lines_ = 0, client_tls_lines_ = 0, without_size_ = 0;
  uint64_t inbound_no_logging_ = 0, outbound_no_logging_ = 0;
  std::vector<std::pair<Pending, std::optional<uint64_t>>> held_inbound_;
  std::vector<HeldDelivery> held_outbound_;
  bool held_full_ = false;
  bool range_ = false;  // read_as_range: lines are parsed and kept, not applied
  std::vector<KeptLine> kept_;
  std::vector<KeptMessage> kept_messages_;
  std::string kept_text_;
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
