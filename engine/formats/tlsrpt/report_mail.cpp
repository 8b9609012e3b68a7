#include "formats/tlsrpt/report_mail.h"

#include <array>
#include <initializer_list>
#include <memory>

#include "formats/tlsrpt/report_attachment.h"
#include "formats/tlsrpt/report_parser.h"
#include "mail/mime_stream.h"
#include "util/text.h"

namespace mailflow {

namespace {

bool ends_with_any(std::string_view name, std::initializer_list<std::string_view> endings) {
  for (std::string_view e : endings)
    if (name.ends_with(e)) return true;
  return false;
}

// RFC 8460's media types, or a report's file name under a generic type.
bool is_report_attachment(const MimeEntity& part) {
  const std::string& type = part.content_type.value;
  if (type.starts_with("application/tlsrpt+")) return true;
  if (type.starts_with("multipart/") || type.starts_with("message/")) return false;
  return ends_with_any(ascii_lowercase(part.filename()), {".json", ".json.gz", ".json.gzip", ".json.zip"});
}

// DMARC aggregate reports arrive in the same mailboxes, as XML (zipped or gzip'd).
bool is_dmarc_attachment(const MimeEntity& part) {
  return ends_with_any(ascii_lowercase(part.filename()), {".xml", ".xml.gz", ".xml.zip"});
}

class TlsRptMailReader final : public FormatReader, MimeHandler {
 public:
  explicit TlsRptMailReader(ReaderContext context)
      : context_(context), parser_(context), mime_(*this, {"tls-report-domain"}) {}

  void feed(std::string_view text) override { mime_.feed(text); }

  void finish() override {
    mime_.finish();
    if (attachments_ == 0 && mime_.messages() > 0) {
      // Nothing in the file is a TLS report: say what it is instead.
      if (mime_.is_mbox())
        context_.report.error = "an mbox of " + std::to_string(mime_.messages()) +
                                (mime_.messages() == 1 ? " e-mail" : " e-mails") +
                                " without a TLS report attachment";
      else if (single_reason_ == kNoAttachment)
        context_.report.error =
            "an e-mail without a TLS report: no attachment of type application/tlsrpt+gzip or +json, nor one named "
            ".json or .json.gz";
      else if (single_reason_ == kDmarc)
        context_.report.error = "a DMARC report e-mail (XML attachment), not a TLS report; mailflow reads TLS "
                                "reports (RFC 8460), not DMARC reports";
      else
        context_.report.error = single_reason_;
    }
    parser_.finish();
    if (mime_.is_mbox() && context_.report.error.empty())
      context_.report.notes.push_back("an mbox of " + std::to_string(mime_.messages()) +
                                      (mime_.messages() == 1 ? " e-mail" : " e-mails"));
  }

 private:
  void message_start(uint64_t line) override {
    message_line_ = line;
    message_attachments_ = 0;
    mail_domain_.clear();
    says_tlsrpt_ = false;
    dmarc_ = false;
  }

  void entity(const MimeEntity& e) override {
    if (e.is_message) {
      if (const std::string_view domain = e.field("tls-report-domain"); !domain.empty()) mail_domain_ = domain;
      if (e.content_type.value == "multipart/report" && ascii_lowercase(e.content_type.param("report-type")) == "tlsrpt")
        says_tlsrpt_ = true;
    }
  }

  ByteSink* leaf_start(const MimeEntity& leaf) override {
    if (!is_report_attachment(leaf)) {
      dmarc_ = dmarc_ || is_dmarc_attachment(leaf);
      return nullptr;
    }
    ++attachments_, ++message_attachments_;
    attachment_ = std::make_unique<ReportAttachment>(parser_, context_.report, std::string(leaf.filename()), leaf.line,
                                                     mail_domain_);
    return attachment_.get();
  }

  void leaf_end(const MimeEntity&) override {
    attachment_->finish();
    attachment_.reset();
  }

  // A message without a report is a skipped record of an mbox; a file of one message is all it is,
  // and finish() says so as the file's error.
  void message_end() override {
    if (message_attachments_ > 0) return;
    const char* reason = says_tlsrpt_ ? kReportWithout : dmarc_ ? kDmarc : kNoAttachment;
    if (mime_.is_mbox()) parser_.skip(message_line_, reason);
    else single_reason_ = reason;
  }

  static constexpr const char* kNoAttachment = "e-mail without a TLS report attachment";
  static constexpr const char* kDmarc = "a DMARC report e-mail, not a TLS report";
  static constexpr const char* kReportWithout = "a TLS report e-mail without its report attachment";

  ReaderContext context_;
  TlsRptParser parser_;
  MimeStream mime_;
  std::unique_ptr<ReportAttachment> attachment_;
  uint64_t attachments_ = 0;
  std::string single_reason_;
  // The current message.
  uint64_t message_line_ = 0, message_attachments_ = 0;
  std::string mail_domain_;
  bool says_tlsrpt_ = false, dmarc_ = false;
};

// Header field names that mark a saved e-mail; a file must open with a header made of fields
// (at least two of these among them) to be taken for one.
constexpr std::array<std::string_view, 22> kMailFields = {
    "from", "to", "cc", "subject", "date", "message-id", "mime-version", "content-type",
    "content-transfer-encoding", "received", "x-received", "return-path", "delivered-to", "x-original-to",
    "reply-to", "sender", "x-mozilla-status", "dkim-signature", "arc-seal", "authentication-results",
    "tls-report-domain", "tls-report-submitter"};

// The start of an e-mail (after an mbox "From " line): header fields and their folded
// continuations up to the blank line (or the end of the head), two of them known mail fields.
// A TLS report e-mail says so in its header: report-type=tlsrpt, TLS-Report-Domain, or a
// tlsrpt media type.
int sniff(std::string_view head) {
  size_t pos = 0, known = 0;
  bool first = true;
  while (pos < head.size()) {
    const size_t newline = head.find('\n', pos);
    if (newline == std::string_view::npos) break;  // a line the head cuts: not judged
    std::string_view line = head.substr(pos, newline - pos);
    pos = newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (first && line.starts_with("From ")) {
      first = false;
      continue;
    }
    first = false;
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return 0;
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!is_field_name(name)) return 0;
    const std::string lower_name = ascii_lowercase(name);
    for (std::string_view f : kMailFields) known += f == lower_name;
  }
  if (known < 2) return 0;
  const bool tlsrpt = ifind(head, "report-type=tlsrpt") != std::string_view::npos ||
                      ifind(head, "report-type=\"tlsrpt\"") != std::string_view::npos ||
                      ifind(head, "\ntls-report-domain:") != std::string_view::npos ||
                      istarts_with(head, "tls-report-domain:") ||
                      ifind(head, "application/tlsrpt+") != std::string_view::npos;
  // A plain e-mail is still taken, low, so that it gets the clear "no TLS report" error.
  return tlsrpt ? 96 : 30;
}

std::unique_ptr<FormatReader> make(ReaderContext context) { return std::make_unique<TlsRptMailReader>(context); }

}  // namespace

const FormatInfo kTlsRptMailFormat{"tlsrpt-mail", "TLS-RPT report e-mail (.eml, mbox, maildir)", &sniff, &make, nullptr,
                                    /*counts_later=*/true};

}  // namespace mailflow
