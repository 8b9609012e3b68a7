#include "formats/sendmail/sendmail.h"

#include <string>

#include "formats/syslog_common/log_sniff.h"
#include "formats/syslog_common/mta_fields.h"
#include "formats/syslog_common/syslog_line.h"
#include "formats/text_lines/line_reader.h"
#include "model/partner.h"
#include "util/hash.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kNotSyslog = "not a syslog line";
const std::string kOtherProgram = "line of a program other than sendmail";
const std::string kNotMessage = "sendmail line that is not a message (connection, DSN, queue run, ...)";
const std::string kTlsLine = "STARTTLS line (its version goes to the messages of the same process)";
const std::string kSubmission = "local or authenticated submission: not a boundary crossing";
const std::string kLocal = "delivery inside the host (local, prog, ... mailer): not a boundary crossing";
const std::string kFilter = "delivery to a loopback address: not a boundary crossing";
const std::string kNotSent = "delivery not completed (deferred or failed)";
const std::string kFurther = "further recipient of a delivery already counted";
const std::string kBadDate = "date not valid in the year read (February 29)";
const std::string kTlsNotice =
    "STARTTLS error or configuration warning (`STARTTLS=server: file ... unsafe`, `error:`): not a TLS session";
const std::string kRejected = "SMTP command rejected by a ruleset (reject=): no message";
const std::string kRejectedTransaction =
    "rejected transaction (from= with nrcpts=0: no recipient was accepted): not a message";
const std::string kOfRejected = "delivery line of a rejected transaction (its from= had nrcpts=0)";
const std::string kMspDelivery =
    "hand-over by the local submission queue (sm-msp-queue) to the mail server: not a boundary crossing";

// sm-mta, sm-msp-queue, and the daemon's process title when it names itself by its state
// (`sm-acceptingconnections[pid]`, seen in real logs).
bool is_sendmail(std::string_view program) {
  return program == "sendmail" || program.starts_with("sm-") || program.ends_with("/sendmail");
}

bool is_remote_mailer(std::string_view mailer) {
  return mailer == "esmtp" || mailer == "smtp" || mailer == "relay" || mailer == "dsmtp" || mailer == "smtp8";
}

// A handshake that succeeded: `STARTTLS=server, relay=..., version=...`. Sendmail writes other
// lines under the same tag that are no session: `STARTTLS=server: file /etc/mail/certs/dh.param
// unsafe: ...` (a configuration warning, logged before the real handshake of the same process),
// `STARTTLS=client, error: connect failed=...`, `STARTTLS=server, error: accept failed=..., relay=...`.
bool is_tls_session(std::string_view rest) {
  if (!rest.starts_with("STARTTLS=server, ") && !rest.starts_with("STARTTLS=client, ")) return false;
  return !rest.substr(17).starts_with("error:") && !list_value(rest, "version").empty();
}

// Who a STARTTLS=client line and a to= line talked to: the relay's host name (its trailing dot
// dropped), else its IP (`relay=[203.0.113.9]`), so two literal-IP relays are not taken as one.
std::string_view client_peer_of(std::string_view relay) {
  const std::string_view host = host_name_of(relay);
  return host.empty() ? bracketed_ip(relay) : host;
}

class SendmailReader final : public LineFormatReader {
 public:
  explicit SendmailReader(ReaderContext context)
      : LineFormatReader(context), parser_(context.options.utc_offset_minutes), clock_(context.options) {}

 private:
  struct Process {
    uint64_t server_peer = 0, client_peer = 0;  // hashes of the relay IP / host of the STARTTLS lines
    TlsVersion server_tls = TlsVersion::NoData, client_tls = TlsVersion::NoData;
  };

  void on_line(std::string_view text, uint64_t number) override {
    ++context_.report.records;
    // journalctl's own lines ("-- Reboot --") get their own reason
    if (!read_syslog_line(text, parser_, scratch_, line_)) {
      const SyslogSkip why = why_not_syslog(text);
      return context_.report.skip(number, why.known ? why.reason : kNotSyslog, why.problem);
    }
    const SyslogLine& line = line_;
    if (!is_sendmail(line.program)) return context_.report.skip(number, kOtherProgram, false);
    const uint64_t process_key = hash64(line.host, line.pid);
    std::string_view rest = line.message;
    std::string_view queue_id = leading_queue_id(line.message, rest);
    // "STARTTLS: read error=..." has the shape of a queue id and its text; it is a TLS notice.
    if (queue_id.empty() || queue_id == "STARTTLS") queue_id = {}, rest = line.message;

    if (is_tls_session(rest)) {
      const bool server = rest[9] == 's';
      const std::string_view relay = list_value(rest, "relay");
      const TlsVersion tls = parse_tls_version(list_value(rest, "version")).value_or(TlsVersion::UnknownVersion);
      Process& p = processes_.at(process_key);
      if (server) p.server_peer = hash64(bracketed_ip(relay)), p.server_tls = tls, ++server_lines_;
      else p.client_peer = hash64(client_peer_of(relay)), p.client_tls = tls, ++client_lines_;
      return context_.report.skip(number, kTlsLine, false);
    }
    if (rest.starts_with("STARTTLS")) return context_.report.skip(number, kTlsNotice, false);
    if (rest.starts_with("ruleset=") && !list_value(rest, "reject").empty())
      return context_.report.skip(number, kRejected, false);
    if (queue_id.empty()) return context_.report.skip(number, kNotMessage, false);
    const uint64_t queue_key = hash64(queue_id, hash64(line.host));
    if (rest.starts_with("from=")) return on_from(line, rest, process_key, queue_key, number);
    if (rest.starts_with("to=")) return on_to(line, rest, process_key, queue_id, queue_key, number);
    context_.report.skip(number, kNotMessage, false);
  }

  void on_from(const SyslogLine& line, std::string_view rest, uint64_t process_key, uint64_t queue_key,
               uint64_t number) {
    // No recipient accepted (all refused by check_rcpt, or the client left after MAIL): sendmail still
    // logs the envelope, usually with size=0. Its queue id is remembered so that no line of it counts.
    if (list_value(rest, "nrcpts") == "0") {
      rejected_.at(queue_key) = true;
      return context_.report.skip(number, kRejectedTransaction, false);
    }
    rejected_.erase(queue_key);
    const auto size = parse_u64(list_value(rest, "size"));
    if (size) sizes_.at(queue_key) = *size;
    const std::string_view relay = list_value(rest, "relay");
    const std::string_view ip = bracketed_ip(relay);
    const std::string_view daemon = list_value(rest, "daemon");
    const std::string_view proto = list_value(rest, "proto");
    const bool authenticated = proto.size() > 5 && (proto.back() == 'A' || proto.back() == 'a');
    if (ip.empty() || is_loopback(ip) || iequals(daemon, "MSA") || line.program == "sm-msp-queue" || authenticated)
      return context_.report.skip(number, kSubmission, false);
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    const Process* p = processes_.find(process_key);
    const TlsVersion logged = p && p->server_peer == hash64(ip) ? p->server_tls : TlsVersion::NoData;
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Inbound;
    if (!daemon.empty()) connector_.assign("daemon=").append(daemon), event.connector = connector_;
    if (proto.empty()) event.tls = logged;
    else if (istarts_with(proto, "ESMTPS")) event.tls = logged == TlsVersion::NoData ? TlsVersion::UnknownVersion : logged;
    else event.tls = TlsVersion::None;
    event.bytes = size;
    event.remote_host = host_name_of(relay);
    if (event.remote_host.empty()) event.remote_host = ip;
    event.remote_domain = address_domain(list_value(rest, "from"));
    if (!context_.sink.message(event)) return context_.report.skip(number, kFurther, false);
    ++inbound_[tls_bucket(event.tls, logged)];
  }

  void on_to(const SyslogLine& line, std::string_view rest, uint64_t process_key, std::string_view queue_id,
             uint64_t queue_key, uint64_t number) {
    if (rejected_.find(queue_key)) return context_.report.skip(number, kOfRejected, false);
    // The submission queue hands local mail to the MTA (or a smarthost) that sends it on; that hop is
    // a submission, whatever relay it names.
    if (line.program == "sm-msp-queue") return context_.report.skip(number, kMspDelivery, false);
    const std::string_view mailer = list_value(rest, "mailer");
    if (!is_remote_mailer(mailer)) return context_.report.skip(number, kLocal, false);
    if (!istarts_with(list_value(rest, "stat"), "Sent")) return context_.report.skip(number, kNotSent, false);
    const std::string_view relay = list_value(rest, "relay");
    const std::string_view ip = bracketed_ip(relay);
    if (is_loopback(ip)) return context_.report.skip(number, kFilter, false);
    const auto time = clock_.resolve(line.stamp);
    if (!time) return context_.report.skip(number, kBadDate);
    const std::string_view host = host_name_of(relay);
    const Process* p = processes_.find(process_key);
    const bool matched = p && p->client_tls != TlsVersion::NoData && p->client_peer == hash64(client_peer_of(relay));
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Outbound;
    connector_.assign("mailer=").append(mailer);
    event.connector = connector_;
    event.tls = matched ? p->client_tls : TlsVersion::None;
    if (const uint64_t* size = sizes_.find(queue_key)) event.bytes = *size;
    event.remote_host = host.empty() ? ip : host;
    event.remote_domain = address_domain(list_value(rest, "to"));
    key_.assign("sendmail|").append(line.host).append("|").append(queue_id).append("|").append(host.empty() ? ip : host);
    event.message_key = key_;
    if (!context_.sink.message(event)) return context_.report.skip(number, kFurther, false);
    ++outbound_[matched ? 0 : 1];
  }

  // 0: version from a STARTTLS line, 1: plaintext, 2: TLS without a STARTTLS line, 3: no data.
  static size_t tls_bucket(TlsVersion tls, TlsVersion logged) {
    if (logged != TlsVersion::NoData) return 0;
    if (tls == TlsVersion::None) return 1;
    return tls == TlsVersion::UnknownVersion ? 2 : 3;
  }

  void on_finish() override {
    clock_.add_note(context_.report);
    auto& notes = context_.report.notes;
    const uint64_t in = inbound_[0] + inbound_[1] + inbound_[2] + inbound_[3];
    if (in)
      notes.push_back("TLS of received messages: " + std::to_string(inbound_[0]) + " of " + std::to_string(in) +
                      " from the STARTTLS line of the same process, " + std::to_string(inbound_[1]) +
                      " plaintext (proto ESMTP), " + std::to_string(inbound_[2]) +
                      " TLS of unknown version (proto ESMTPS without a STARTTLS line), " +
                      std::to_string(inbound_[3]) + " no TLS data");
    const uint64_t out = outbound_[0] + outbound_[1];
    if (out)
      notes.push_back("TLS of sent messages: " + std::to_string(outbound_[0]) + " of " + std::to_string(out) +
                      " from the STARTTLS=client line of the same process to the same relay, " +
                      std::to_string(outbound_[1]) + " plaintext (no such line)");
    if (out && client_lines_ == 0)
      notes.push_back("the log has no STARTTLS=client line: with LogLevel below 9 sendmail does not log TLS, and "
                      "the sent messages shown as 'No TLS' may have used TLS");
    // No line ends a sendmail process or queue id: the tables drop what was unused longest, and a
    // message delivered long after its queue id came may lack what they held.
    if (const uint64_t dropped = processes_.overflows() + sizes_.overflows() + rejected_.overflows())
      notes.push_back(std::to_string(dropped) +
                      " processes or queue ids were not kept after tens of thousands of newer ones; a message "
                      "delivered after that may lack its TLS version or size");
  }

  TimestampParser parser_;
  SyslogLine line_;      // the line being read, kept (see read_syslog_line)
  std::string scratch_;  // unescaped journal JSON values
  SyslogClock clock_;
  BoundedTable<Process, 1u << 16> processes_;
  BoundedTable<uint64_t, 1u << 18> sizes_;
  BoundedTable<bool, 1u << 16> rejected_;  // queue ids whose from= had nrcpts=0
  std::string key_, connector_;
  uint64_t inbound_[4] = {}, outbound_[2] = {};
  uint64_t server_lines_ = 0, client_lines_ = 0;
};

}  // namespace

int sniff_sendmail(std::string_view head) {
  int lines = 0;
  const int ours = count_program_lines(head, [](const SyslogLine& line) { return line.pid && is_sendmail(line.program); }, lines);
  return program_share_score(ours, lines, 91, 68);
}

std::unique_ptr<FormatReader> make_sendmail(ReaderContext context) { return std::make_unique<SendmailReader>(context); }

}  // namespace mailflow
