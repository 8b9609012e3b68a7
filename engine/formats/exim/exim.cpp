#include "formats/exim/exim.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "formats/syslog_common/log_sniff.h"
#include "formats/syslog_common/mta_fields.h"
#include "formats/text_lines/line_reader.h"
#include "model/partner.h"
#include "util/byte_scan.h"
#include "util/hash.h"
#include "util/text.h"

namespace mailflow {

namespace {

const std::string kNotExim = "not an Exim log line (no date and time at its start)";
const std::string kNotMessage = "Exim line that is not a message (connection, rejection, queue run, ...)";
const std::string kSubmission = "local or authenticated submission: not a boundary crossing";
const std::string kLocal = "delivery inside the host (no remote host): not a boundary crossing";
const std::string kFilter = "hand-over to or from a loopback address: not a boundary crossing";
const std::string kNotSent = "delivery not completed (deferred, bounced or suppressed)";
const std::string kFurther = "further recipient of a delivery already counted";
const std::string kBadDate = "unreadable date";
const std::string kPiece = "piece of a long Exim line that syslog got in pieces ([1/2] ...): read with its last piece";
const std::string kOrphanPiece = "piece of a long Exim line whose earlier pieces are missing";
const std::string kLostPieces = "long Exim line that syslog got in pieces, whose last piece is missing";
const std::string kOtherProgram = "line of another program";

bool is_alnum(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

// "1tAbCd-0001Xy-Q2" / "1tAbCd-00000001Xy-Q2Ab": three letter-digit groups joined by '-'.
bool is_message_id(std::string_view token) {
  // In one pass: the first '-' at 6, the second at 13 or later with two or more characters after
  // it, letters and digits elsewhere.
  if (token.size() > 32 || token.size() < 16 || token[6] != '-') return false;
  size_t second = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    if (i == 6) continue;
    if (token[i] == '-' && i > 6 && !second) second = i;
    else if (!is_alnum(token[i])) return false;
  }
  return second >= 13 && token.size() - second >= 3;
}

// "2026-11-20 08:15:02[.123]": length used, 0 when the line does not start with one.
size_t stamp_length(std::string_view line) {
  if (line.size() < 19 || line[4] != '-' || line[7] != '-' || line[10] != ' ' || line[13] != ':' || line[16] != ':')
    return 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (!is_digit(line[i])) return 0;
  size_t used = 19;
  if (used < line.size() && line[used] == '.') {
    ++used;
    while (used < line.size() && is_digit(line[used])) ++used;
  }
  return used;
}

// A main-log line's stamp (with its zone when logged: "2026-11-20 23:30:00 +0100") and the text
// after it and an optional [pid]; the stamp is empty when the line does not start with one.
struct EximStamped {
  std::string_view stamp;
  std::string_view text;
};
EximStamped split_exim_stamp(std::string_view line) {
  const size_t used = stamp_length(line);
  EximStamped out{line.substr(0, used), line.substr(used)};
  std::string_view& rest = out.text;
  if (used && rest.size() > 6 && rest[0] == ' ' && (rest[1] == '+' || rest[1] == '-') && is_digit(rest[2])) {
    out.stamp = line.substr(0, used + 6);
    rest.remove_prefix(6);
  }
  while (rest.starts_with(' ')) rest.remove_prefix(1);
  if (rest.starts_with('[')) rest.remove_prefix(std::min(rest.size(), rest.find("] ") + 2));
  return out;
}

bool is_key_start(std::string_view text, size_t at) {
  // "id=", "Ci=" (the connection id of Exim 4.97+) or a capital and up to three more capitals or
  // digits then '=': "H=", "CV=", "DKIM=", "M8S=" (+8bitmime).
  if (same_text(text.substr(at, 3), "id=") || same_text(text.substr(at, 3), "Ci=")) return true;
  if (at >= text.size() || text[at] < 'A' || text[at] > 'Z') return false;
  size_t i = at + 1;
  while (i < text.size() && i - at < 4 && ((text[i] >= 'A' && text[i] <= 'Z') || is_digit(text[i]))) ++i;
  return i < text.size() && text[i] == '=';
}

// The ` KEY=` fields of an Exim line, found in one pass (a line is asked for up to six of them).
// A value runs up to the next ` K=` field, or to its closing quote when quoted
// (`T="Invoice, November H=x"`: what a quoted value holds is never taken for a field).
class EximFields {
 public:
  explicit EximFields(std::string_view text) : text_(text) {
    // From space to space, 16 bytes at a time, not character by character: this is most of a
    // line's reading (and a call to memchr for each few bytes cost more than the search).
    using byte_scan::find_byte;
    for (size_t space = find_byte(text, ' '); space != std::string_view::npos && count_ < kMaxFields;) {
      const size_t key = space + 1;
      size_t value_end = key;
      if (is_key_start(text, key)) {
        const size_t equals = find_byte(text, '=', key);
        fields_[count_++] = {key, equals};
        value_end = equals + 1 < text.size() && text[equals + 1] == '"' ? closing_quote(equals + 1) : equals;
      }
      space = find_byte(text, ' ', value_end);
    }
  }

  // The first field named `key`; empty when absent.
  std::string_view operator[](std::string_view key) const {
    for (size_t f = 0; f < count_; ++f) {
      const Field& field = fields_[f];
      if (!same_text(text_.substr(field.key, field.equals - field.key), key)) continue;
      const size_t start = field.equals + 1;
      if (start < text_.size() && text_[start] == '"') {
        const size_t close = closing_quote(start);
        return close < text_.size() ? text_.substr(start + 1, close - start - 1) : text_.substr(start + 1);
      }
      // Up to the space before the next field's key.
      const size_t end = f + 1 < count_ ? fields_[f + 1].key - 1 : text_.size();
      return text_.substr(start, end - start);
    }
    return {};
  }

 private:
  static constexpr size_t kMaxFields = 64;  // Exim writes about 15
  // The index of the quote closing the value that opens at `open` (a backslash escapes the next
  // character), or the text's size.
  size_t closing_quote(size_t open) const {
    for (size_t i = open + 1; i < text_.size(); ++i) {
      if (text_[i] == '\\') ++i;
      else if (text_[i] == '"') return i;
    }
    return text_.size();
  }

  // Offsets, not views: a view's constructor zeroes it, and so all 64 were cleared for every line
  // (a third of this constructor's samples), which left uninitialised they are not.
  struct Field {
    size_t key;     // where its key starts
    size_t equals;  // the '=' after it; its value starts after that
  };
  std::string_view text_;
  std::array<Field, kMaxFields> fields_;  // the first count_ are set
  size_t count_ = 0;
};

// Exim gives syslog at most 870 characters a line (log.c, MAX_SYSLOG_LEN): a longer line, or one
// with a newline, goes out in pieces "[1/3] ...", "[2/3] ...", "[3/3] ...", with '\' instead of
// '/' where a piece ends at a newline. One process logs its pieces one after another.
struct Piece {
  int index = 0, count = 0;
  bool ends_at_newline = false;
  std::string_view text;
};

std::optional<Piece> split_piece(std::string_view message) {
  if (!message.starts_with('[')) return std::nullopt;
  Piece piece;
  size_t i = 1;
  auto number = [&](int& out) {
    const size_t start = i;
    while (i < message.size() && i - start < 4 && is_digit(message[i])) out = out * 10 + (message[i++] - '0');
    return i > start;
  };
  if (!number(piece.index) || i >= message.size() || (message[i] != '/' && message[i] != '\\')) return std::nullopt;
  piece.ends_at_newline = message[i++] == '\\';
  if (!number(piece.count) || message.substr(i, 2) != "] ") return std::nullopt;
  if (piece.count < 2 || piece.index < 1 || piece.index > piece.count) return std::nullopt;
  piece.text = message.substr(i + 2);
  return piece;
}

class EximReader final : public LineFormatReader {
 public:
  explicit EximReader(ReaderContext context)
      : LineFormatReader(context), parser_(context.options.utc_offset_minutes), clock_(context.options) {}

 private:
  // Where a line's time comes from: the syslog stamp when it has a date and zone (RFC 3339,
  // journalctl -o short-iso or json), else Exim's own stamp at the start of the line (local time
  // unless log_timezone), else the classic syslog stamp with the year rule of syslog_line.h.
  struct LineTime {
    std::string_view exim;                // "2026-11-20 08:15:02[.123][ +0100]"; "" when absent
    const SyslogStamp* syslog = nullptr;  // the envelope's stamp when the line came through syslog
  };
  // A long line whose pieces are still coming, per process (host + pid).
  struct SplitLine {
    std::string text;
    int next = 0, count = 0;
    uint64_t first_line = 0;
    SyslogStamp stamp;
  };
  static constexpr size_t kMaxSplitLines = 1024;
  static constexpr size_t kMaxNamedPrograms = 16;

  // A line of the main log file, or one that came through syslog or the journal ("Nov 20 08:15:02
  // mx1 exim[1234]: 2026-11-20 08:15:02 1tAbCd-0001Xy-Q2 <= ..."): the ident is exim, exim4 or
  // whatever syslog_processname says, and Exim's own stamp is left out with syslog_timestamp = false.
  void on_line(std::string_view line, uint64_t number) override {
    ++context_.report.records;
    if (stamp_length(line)) return on_exim_line(line, {}, number);
    if (!read_syslog_line(line, parser_, scratch_, syslog_)) {
      const SyslogSkip why = why_not_syslog(line);
      return context_.report.skip(number, why.known ? why.reason : kNotExim, why.problem);
    }
    read_syslog_ = true;
    const SyslogLine& syslog = syslog_;
    const uint64_t process = hash64(syslog.host, syslog.pid);
    const auto piece = split_piece(syslog.message);
    if (!is_exim_line(syslog, piece, process)) return skip_other_program(syslog.program, number);
    if (!piece) return on_exim_line(syslog.message, {{}, &syslog.stamp}, number);

    if (piece->index == 1) {
      if (auto open = split_.find(process); open != split_.end()) lose(open);
      if (split_.size() >= kMaxSplitLines) lose_all();
      SplitLine& split = split_[process];
      split.text.assign(piece->text);
      if (piece->ends_at_newline) split.text.push_back('\n');
      split.next = 2, split.count = piece->count, split.first_line = number, split.stamp = syslog.stamp;
      return context_.report.skip(number, kPiece, false);
    }
    auto open = split_.find(process);
    if (open == split_.end()) return context_.report.skip(number, kOrphanPiece);
    SplitLine& split = open->second;
    if (split.next != piece->index || split.count != piece->count ||
        split.text.size() + piece->text.size() > kMaxLineBytes) {
      lose(open);
      return context_.report.skip(number, kOrphanPiece);
    }
    split.text.append(piece->text);
    if (piece->ends_at_newline) split.text.push_back('\n');
    if (piece->index < piece->count) {
      ++split.next;
      return context_.report.skip(number, kPiece, false);
    }
    joined_.swap(split.text);
    const SyslogStamp stamp = split.stamp;
    split_.erase(open);
    on_exim_line(joined_, {{}, &stamp}, number);
  }

  // Exim's ident, a line that reads as Exim's (a renamed syslog_processname), or the next piece of a
  // line of this process.
  bool is_exim_line(const SyslogLine& line, const std::optional<Piece>& piece, uint64_t process) const {
    if (istarts_with(line.program, "exim")) return true;
    if (piece && piece->index > 1) return split_.count(process) > 0;
    std::string_view text = piece ? piece->text : line.message;
    if (stamp_length(text)) return true;
    if (text.starts_with('[')) text.remove_prefix(std::min(text.size(), text.find("] ") + 2));  // [pid]
    return is_message_id(text.substr(0, text.find(' ')));
  }

  // "line of another program (dovecot)": named for the first few programs, then under one reason.
  void skip_other_program(std::string_view program, uint64_t number) {
    program = program.substr(0, 40);
    for (const auto& [name, reason] : other_programs_)
      if (name == program) return context_.report.skip(number, reason, false);
    if (other_programs_.size() >= kMaxNamedPrograms) return context_.report.skip(number, kOtherProgram, false);
    other_programs_.emplace_back(std::string(program), kOtherProgram + " (" + std::string(program) + ")");
    context_.report.skip(number, other_programs_.back().second, false);
  }

  void lose(std::unordered_map<uint64_t, SplitLine>::iterator split) {
    context_.report.add_problem(split->second.first_line, kLostPieces);
    ++lost_pieces_;
    split_.erase(split);
  }

  // In line order, so the problems do not depend on the hash map's order.
  void lose_all() {
    std::vector<uint64_t> lines;
    for (const auto& [process, split] : split_) lines.push_back(split.first_line);
    std::sort(lines.begin(), lines.end());
    for (uint64_t line : lines) context_.report.add_problem(line, kLostPieces);
    lost_pieces_ += lines.size();
    split_.clear();
  }

  // The main log's rules, on a line of the log file or the text of a syslog line.
  void on_exim_line(std::string_view line, LineTime when, uint64_t number) {
    const EximStamped stamped = split_exim_stamp(line);
    if (!stamped.stamp.empty()) when.exim = stamped.stamp;
    std::string_view rest = stamped.text;
    const size_t space = byte_scan::find_byte(rest, ' ');
    const std::string_view id = rest.substr(0, space);
    if (!is_message_id(id) || space == std::string_view::npos) return context_.report.skip(number, kNotMessage, false);
    rest.remove_prefix(space + 1);
    // Compared inline: in wasm a view's == is a call to memcmp's byte loop.
    const std::string_view flag = rest.substr(0, 3);
    if (same_text(flag, "<= ")) return on_arrival(when, id, rest, number);
    if (same_text(flag, "=> ")) return on_delivery(when, id, rest, number);
    if (same_text(flag, "-> ") || same_text(flag, "*> ") || same_text(flag, "** ") || same_text(flag, "== "))
      return context_.report.skip(number, same_text(flag, "-> ") ? kFurther : kNotSent, false);
    if (starts_with_text(rest, "Completed")) size_step({SizeStep::Kind::Forget, hash64(id), 0});
    context_.report.skip(number, kNotMessage, false);
  }

  std::optional<Timestamp> time_of(const LineTime& when) {
    if (when.syslog && when.syslog->has_year) return clock_.resolve(*when.syslog);
    if (!when.exim.empty()) {
      auto t = parser_.parse(when.exim);
      if (!t || !t->resolved) return std::nullopt;
      return t;
    }
    if (when.syslog) return clock_.resolve(*when.syslog);
    return std::nullopt;
  }

  static TlsVersion tls_of(std::string_view x) {
    if (x.empty()) return TlsVersion::None;
    const auto v = parse_tls_version(x.substr(0, x.find(':')));
    return v && *v != TlsVersion::None && *v != TlsVersion::NoData ? *v : TlsVersion::UnknownVersion;
  }

  void on_arrival(const LineTime& when, std::string_view id, std::string_view rest, uint64_t number) {
    const EximFields fields(rest);
    const auto size = parse_u64(fields["S"]);
    if (size) size_step({SizeStep::Kind::Keep, hash64(id), *size});
    const std::string_view host = fields["H"];
    const std::string_view protocol = fields["P"];
    const bool authenticated = !fields["A"].empty() || (protocol.size() > 5 && protocol.back() == 'a');
    if (host.empty() || authenticated) return context_.report.skip(number, kSubmission, false);
    const std::string_view ip = bracketed_ip(host);
    if (is_loopback(ip)) return context_.report.skip(number, kFilter, false);
    const auto time = time_of(when);
    if (!time) return context_.report.skip(number, kBadDate);
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Inbound;
    const std::string_view interface = fields["I"];
    if (!interface.empty()) {
      connector_.assign("I=").append(interface);
    } else {
      std::string_view family = protocol;
      if (family.ends_with('s')) family.remove_suffix(1);  // esmtps -> esmtp, smtps -> smtp
      connector_.assign("P=").append(family.empty() ? std::string_view("smtp") : family);
    }
    event.connector = connector_;
    const std::string_view x = fields["X"];
    event.tls = tls_of(x);
    if (x.empty() && protocol.size() > 4 && protocol.ends_with('s')) event.tls = TlsVersion::UnknownVersion;
    event.bytes = size;
    event.remote_host = host_name_of(host);
    if (event.remote_host.empty()) event.remote_host = ip;
    event.remote_domain = address_domain(rest.substr(3));  // "<= sender@domain H=..."
    context_.sink.count_message(event, number, kFurther, context_.report);
  }

  void on_delivery(const LineTime& when, std::string_view id, std::string_view rest, uint64_t number) {
    const EximFields fields(rest);
    const std::string_view host = fields["H"];
    if (host.empty()) return context_.report.skip(number, kLocal, false);
    const std::string_view ip = bracketed_ip(host);
    if (is_loopback(ip)) return context_.report.skip(number, kFilter, false);
    const auto time = time_of(when);
    if (!time) return context_.report.skip(number, kBadDate);
    MessageEvent event;
    event.time = *time;
    event.direction = Direction::Outbound;
    connector_.assign("R=").append(fields["R"]).append(" T=").append(fields["T"]);
    event.connector = connector_;
    event.tls = tls_of(fields["X"]);
    event.bytes = size_step({SizeStep::Kind::Look, hash64(id), 0});
    event.size_later = range_;
    event.remote_host = host_name_of(host);
    if (event.remote_host.empty()) event.remote_host = ip;
    event.remote_domain = address_domain(rest.substr(3));  // "=> recipient@domain R=..."
    key_.assign("exim|").append(id).append("|").append(ip.empty() ? host : ip);
    event.message_key = key_;
    context_.sink.count_message(event, number, kFurther, context_.report);
  }

  // A message's size, from its arrival line to its delivery lines: a range's reader keeps the steps
  // for the file's reader, which takes them in file order (take_over_lines), so sizes found across
  // ranges and the table's limit are exactly those of one reader.
  struct SizeStep {
    enum class Kind : uint8_t { Keep, Forget, Look } kind;
    uint64_t id, size;
  };
  // Taken now, or by a range's reader kept for the take-over (nullopt then). A look-up gives the size.
  std::optional<uint64_t> size_step(const SizeStep& step) {
    if (!range_) return take_size_step(step);
    sizes_in_range_.push_back(step);
    return std::nullopt;
  }
  std::optional<uint64_t> take_size_step(const SizeStep& step) {
    switch (step.kind) {
      case SizeStep::Kind::Keep: sizes_.at(step.id) = step.size; break;
      case SizeStep::Kind::Forget: sizes_.erase(step.id); break;
      case SizeStep::Kind::Look:
        if (const uint64_t* size = sizes_.find(step.id)) return *size;
        ++without_size_;
        break;
    }
    return std::nullopt;
  }

  void read_as_range() override { range_ = true; }

  // A range with syslog lines is not taken over: their year rule, pieces and program names run on
  // from line to line (a main log file has none).
  bool take_over_lines(LineFormatReader& range) override {
    auto& other = static_cast<EximReader&>(range);
    if (other.read_syslog_) return false;
    parser_.take_over(other.parser_);
    for (const SizeStep& step : other.sizes_in_range_) {
      const std::optional<uint64_t> size = take_size_step(step);
      if (step.kind == SizeStep::Kind::Look) later_sizes_.push_back(size);
    }
    return true;
  }
  std::vector<std::optional<uint64_t>> take_later_sizes() override { return std::exchange(later_sizes_, {}); }

  void on_finish() override {
    lose_all();
    clock_.add_note(context_.report);
    if (lost_pieces_)
      context_.report.notes.push_back(std::to_string(lost_pieces_) +
                                      " long lines that syslog got in pieces lack their last piece and were not read");
    if (without_size_)
      context_.report.notes.push_back(std::to_string(without_size_) +
                                      " deliveries have no arrival line in this log (their size is not known)");
    if (sizes_.overflows())
      context_.report.notes.push_back("more than " + std::to_string(sizes_.cap()) +
                                      " messages were in the queue at once; some sizes were not kept");
  }

  TimestampParser parser_;
  SyslogClock clock_;
  BoundedTable<uint64_t, 1u << 18> sizes_;
  bool range_ = false;        // read_as_range
  bool read_syslog_ = false;  // a line came through syslog or the journal
  std::vector<SizeStep> sizes_in_range_;
  std::vector<std::optional<uint64_t>> later_sizes_;
  std::string key_, connector_;
  std::string scratch_;  // unescaped journal JSON values
  SyslogLine syslog_;    // the line being read, kept (see read_syslog_line)
  std::string joined_;   // the pieces of a long line, joined
  std::unordered_map<uint64_t, SplitLine> split_;
  std::vector<std::pair<std::string, std::string>> other_programs_;  // program, its skip reason
  uint64_t without_size_ = 0, lost_pieces_ = 0;
};

}  // namespace

namespace {

// What Exim writes without a message id: connections, rejections, authentication failures, queue
// runs. An Internet-facing host's log may hold nothing else for hundreds of kilobytes.
constexpr std::string_view kEximOwnPhrases[] = {
    "no host name found for IP address", "no IP address found for host", "SMTP connection from ",
    "SMTP call from ", " rejected RCPT", " rejected EHLO", " rejected HELO", " rejected MAIL",
    " rejected after DATA", " rejected connection", " authenticator failed for ", "TLS error on connection from ",
    "Start queue run", "End queue run", "SMTP protocol synchronization error", "SMTP command timeout",
    "SMTP data timeout", "unexpected disconnection while reading SMTP command", " daemon started: pid=",
    "Connection from ", "SMTP protocol error in ", "SMTP syntax error in ", " incomplete transaction ",
    "too many connections", "cwd=", "Warning: ACL ", "dropped: too many ", "host name alias list",
    "VRFY failed for ", "EXPN failed for ", "lowest numbered MX record points to ", "Spool file is locked",
};

// A line of Exim's own, without its stamp: a message line ("<id> <= ...", "<id> Completed") or
// one of the lines Exim writes about connections.
bool is_exim_text(std::string_view text) {
  const size_t space = text.find(' ');
  if (space != std::string_view::npos && is_message_id(text.substr(0, space))) return true;
  if (text.starts_with("H=") || text.find(" H=") != std::string_view::npos) return true;
  for (std::string_view phrase : kEximOwnPhrases)
    if (text.find(phrase) != std::string_view::npos) return true;
  return false;
}

struct EximCensus {
  int lines = 0;    // complete non-empty lines
  int stamped = 0;  // starting with Exim's date and time
  int own = 0;      // Exim's own lines, in its main log or through syslog
};

EximCensus exim_census(std::string_view head) {
  EximCensus census;
  TimestampParser parser;
  for_each_window_line(head, [&](std::string_view line) {
    ++census.lines;
    if (const EximStamped stamped = split_exim_stamp(line); !stamped.stamp.empty()) {
      ++census.stamped;
      census.own += is_exim_text(stamped.text);
    } else if (const auto syslog = parse_syslog_line(line, parser); syslog && syslog->program.starts_with("exim")) {
      std::string_view message = syslog->message;
      if (const EximStamped inner = split_exim_stamp(message); !inner.stamp.empty()) message = inner.text;
      census.own += is_exim_text(message);
    }
  });
  return census;
}

}  // namespace

int sniff_exim(std::string_view head) {
  const EximCensus census = exim_census(head);
  return program_share_score(census.own, census.lines, 93, 70);
}

NearMiss near_miss_exim(std::string_view head, std::string_view where) {
  const EximCensus census = exim_census(head);
  NearMiss miss;
  if (census.stamped == 0 || census.stamped * 2 < census.lines) return miss;
  miss.closeness = 60;
  miss.reason = "looks like an Exim main log (each line starts with a date and time), but no line " +
                std::string(where) + " is a message, a delivery or one of Exim's connection or rejection lines";
  miss.read_further = true;
  return miss;
}

std::unique_ptr<FormatReader> make_exim(ReaderContext context) { return std::make_unique<EximReader>(context); }

}  // namespace mailflow
