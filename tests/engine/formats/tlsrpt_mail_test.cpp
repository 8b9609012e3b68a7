// TLS reports as e-mails (formats/tlsrpt/report_mail.h): what an admin gets from a .eml, an mbox
// or a maildir file, whatever the MIME shape around the report, and what they are told when a
// file or a message holds no report or a broken one. Every input is also read in 1-byte and
// random chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "../io/compress_util.h"
#include "aggregate/aggregate_json.h"
#include "export/base64.h"
#include "formats/format_test_util.h"
#include "report/tlsrpt_view.h"

namespace mailflow::test {
namespace {

std::string report_json(const std::string& domain, uint64_t ok, uint64_t failed, const std::string& id = "r1",
                        const std::string& day = "2026-11-19") {
  return R"({"organization-name":"Fabrikam Mail","date-range":{"start-datetime":")" + day +
         R"(T00:00:00Z","end-datetime":")" + day + R"(T23:59:59Z"},"contact-info":"tlsrpt@fabrikam.com","report-id":")" +
         id + R"(","policies":[{"policy":{"policy-type":"sts","policy-domain":")" + domain +
         R"("},"summary":{"total-successful-session-count":)" + std::to_string(ok) +
         R"(,"total-failure-session-count":)" + std::to_string(failed) + "}}]}";
}

// Base64 in lines of `width` characters (0: one line), each ended by `eol`.
std::string base64_lines(const std::string& bytes, size_t width = 76, const std::string& eol = "\n") {
  const std::string b = base64_encode(bytes);
  if (width == 0) return b + eol;
  std::string out;
  for (size_t i = 0; i < b.size(); i += width) out += b.substr(i, width) + eol;
  return out;
}

struct Part {
  std::string headers;  // without the blank line
  std::string body;
};
// A multipart/report message with `parts`, LF line ends (crlf() turns them into CRLF).
std::string mail(const std::vector<Part>& parts, const std::string& extra_headers = "",
                 const std::string& type = "multipart/report; report-type=tlsrpt") {
  std::string m = "From: noreply-smtp-tls-reporting@fabrikam.com\nTo: tlsrpt@contoso.com\n"
                  "Subject: Report Domain: contoso.com Submitter: fabrikam.com Report-ID: <r1>\n"
                  "Date: Fri, 20 Nov 2026 03:17:13 -0800\nMIME-Version: 1.0\n" +
                  extra_headers + "Content-Type: " + type + "; boundary=\"b0\"\n\n";
  for (const Part& p : parts) m += "--b0\n" + p.headers + "\n\n" + p.body + "\n";
  return m + "--b0--\n";
}
Part text_part() { return {"Content-Type: text/plain; charset=us-ascii", "This is an aggregate TLS report."}; }
Part gzip_part(const std::string& json, const std::string& name = "fabrikam.com!contoso.com!1!2!001.json.gz",
               const std::string& type = "application/tlsrpt+gzip") {
  return {"Content-Type: " + type + "\nContent-Disposition: attachment; filename=\"" + name +
              "\"\nContent-Transfer-Encoding: base64",
          base64_lines(gzip(json))};
}
std::string crlf(const std::string& lf) {
  std::string out;
  for (char c : lf) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

struct Read {
  std::unique_ptr<Session> session;
  Aggregate aggregate;
  const SourceReport& report() const { return session->report(0); }
  TlsRptCounts totals() const {
    const auto range = tlsrpt_full_range(aggregate);
    return range ? tlsrpt_view(aggregate, *range).totals : TlsRptCounts{};
  }
};
Read read(const std::string& bytes, Cutting cutting = {}) {
  Read r{ingest({{"report.eml", bytes}}, cutting), {}};
  r.aggregate = r.session->aggregate();
  return r;
}
void expect_accounted_reports(const SourceReport& s) {
  EXPECT_EQ(s.records, s.reports + s.skipped);
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : s.skipped_by_reason) by_reason += n;
  EXPECT_EQ(by_reason, s.skipped);
}
// Reads `bytes` whole, in 1-byte and random chunks: the same aggregate every time.
Read read_every_way(const std::string& bytes) {
  expect_chunk_independent(bytes);
  return read(bytes);
}

TEST(TlsRptMail, AReportEmailInLfOrCrlfGivesTheSameSessions) {
  const std::string lf = mail({text_part(), gzip_part(report_json("contoso.com", 40, 2))});
  for (const std::string& bytes : {lf, crlf(lf)}) {
    const Read r = read_every_way(bytes);
    EXPECT_EQ(r.report().format, "tlsrpt-mail");
    EXPECT_EQ(r.report().reports, 1u);
    expect_accounted_reports(r.report());
    EXPECT_EQ(r.totals().successful, 40u);
    EXPECT_EQ(r.totals().failed, 2u);
  }
}

TEST(TlsRptMail, Base64OnOneLongLineAndUnpaddedBase64) {
  // Some senders write the attachment as one base64 line: far longer than a held line.
  std::string json = report_json("contoso.com", 7, 0), noise;
  std::mt19937 random(7);
  for (int i = 0; i < 3000; ++i) noise += "0123456789abcdef"[random() % 16];  // does not compress away
  json.insert(json.size() - 1, ",\"padding\":\"" + noise + "\"");
  Part one_line = gzip_part(json);
  one_line.body = base64_lines(gzip(json), 0);
  ASSERT_GT(one_line.body.size(), 2000u);
  const Read r = read_every_way(mail({text_part(), one_line}));
  EXPECT_EQ(r.report().reports, 1u);
  EXPECT_EQ(r.totals().total(), 7u);

  Part unpadded = gzip_part(report_json("contoso.com", 8, 0));
  while (unpadded.body.find('=') != std::string::npos) unpadded.body.erase(unpadded.body.find('='), 1);
  EXPECT_EQ(read_every_way(mail({unpadded})).totals().total(), 8u);
}

TEST(TlsRptMail, PlainJsonAttachmentsInEveryTransferEncoding) {
  const std::string json = report_json("contoso.com", 5, 1);
  // application/tlsrpt+json as written (7bit), quoted-printable with soft line breaks, base64.
  std::string qp;
  for (size_t i = 0; i < json.size(); i += 60) qp += json.substr(i, 60) + (i + 60 < json.size() ? "=\n" : "");
  size_t at = qp.find("\"policies\"");
  qp.replace(at, 1, "=22");  // an escaped character too
  const std::vector<Part> parts = {
      {"Content-Type: application/tlsrpt+json\nContent-Transfer-Encoding: 7bit", json},
      {"Content-Type: application/tlsrpt+json\nContent-Transfer-Encoding: quoted-printable", qp},
      {"Content-Type: application/tlsrpt+json\nContent-Transfer-Encoding: base64", base64_lines(json)},
  };
  for (const Part& p : parts) {
    const Read r = read_every_way(mail({text_part(), p}));
    EXPECT_EQ(r.report().reports, 1u) << p.headers;
    EXPECT_EQ(r.totals().total(), 6u) << p.headers;
  }
}

TEST(TlsRptMail, GenericTypesAreReadByTheReportsFileName) {
  const std::string json = report_json("contoso.com", 9, 0);
  // Labelled application/gzip or application/octet-stream, named .json.gz: read.
  for (const char* type : {"application/gzip", "application/octet-stream", "application/x-gzip"})
    EXPECT_EQ(read_every_way(mail({text_part(), gzip_part(json, "report.json.gz", type)})).totals().total(), 9u) << type;
  // The name only in Content-Type's name parameter, in RFC 2231 sections.
  Part split = gzip_part(json);
  split.headers = "Content-Type: application/octet-stream;\n name*0=\"fabrikam.com!contoso.com!1!2\";\n name*1=\".json.gz\"\n"
                  "Content-Transfer-Encoding: base64";
  EXPECT_EQ(read_every_way(mail({split})).totals().total(), 9u);
  // The same bytes under another name are not a report: the e-mail holds none.
  const Read other = read(mail({text_part(), gzip_part(json, "invoice.pdf", "application/octet-stream")}));
  EXPECT_EQ(other.report().reports, 0u);
  EXPECT_EQ(other.report().error, "a TLS report e-mail without its report attachment");
}

TEST(TlsRptMail, ZippedReportAttachment) {
  const std::string zip = zip_archive({{"report.json", report_json("contoso.com", 11, 1)}});
  const Part part{"Content-Type: application/tlsrpt+zip\nContent-Transfer-Encoding: base64", base64_lines(zip)};
  const Read r = read_every_way(mail({text_part(), part}));
  EXPECT_EQ(r.report().reports, 1u);
  EXPECT_EQ(r.totals().total(), 12u);
}

TEST(TlsRptMail, ForwardedAndNestedReports) {
  // An admin forwards the report e-mail: it is a message/rfc822 part of a multipart/mixed.
  const std::string inner = mail({text_part(), gzip_part(report_json("contoso.com", 21, 0))});
  const std::string forwarded = "From: admin@contoso.com\nTo: noc@contoso.com\nSubject: Fwd: TLS report\n"
                                "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"o1\"\n\n--o1\n"
                                "Content-Type: text/plain\n\nForwarding the report, see attachment.\n--o1\n"
                                "Content-Type: message/rfc822\nContent-Disposition: attachment\n\n" +
                                inner + "--o1--\n";
  const Read r = read_every_way(forwarded);
  EXPECT_EQ(r.report().error, "");
  EXPECT_EQ(r.report().reports, 1u);
  EXPECT_EQ(r.totals().total(), 21u);

  // multipart/mixed around the multipart/report, with a preamble and an epilogue.
  const std::string nested =
      "From: a@fabrikam.com\nTo: b@contoso.com\nSubject: x\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=outer\n\npreamble\n--outer\n"
      "Content-Type: multipart/report; report-type=tlsrpt; boundary=inner\n\n--inner\nContent-Type: text/plain\n\nhi\n"
      "--inner\nContent-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64\n\n" +
      base64_lines(gzip(report_json("contoso.com", 3, 3))) + "--inner--\nepilogue\n--outer--\nthe end\n";
  const Read n = read_every_way(nested);
  EXPECT_EQ(n.report().reports, 1u);
  EXPECT_EQ(n.totals().total(), 6u);
}

TEST(TlsRptMail, ASinglePartMessageThatIsTheReport) {
  const std::string m = "From: a@fabrikam.com\nTo: b@contoso.com\nSubject: TLS report\nMIME-Version: 1.0\n"
                        "Content-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64\n\n" +
                        base64_lines(gzip(report_json("contoso.com", 4, 0)));
  EXPECT_EQ(read_every_way(m).totals().total(), 4u);
}

TEST(TlsRptMail, BrokenAttachmentsAreSkippedWithWhy) {
  // Deflate data that breaks before the report is out: the attachment is skipped, and says why.
  std::string corrupt = gzip(report_json("contoso.com", 40, 2));
  corrupt[10] = '\xff';  // the first block's type: reserved
  const Read c = read_every_way(mail({text_part(), {gzip_part("").headers, base64_lines(corrupt)}}));
  EXPECT_EQ(c.report().error, "");
  EXPECT_EQ(c.report().records, 1u);
  EXPECT_EQ(c.report().reports, 0u);
  ASSERT_EQ(c.report().skipped_by_reason.size(), 1u);
  EXPECT_EQ(c.report().skipped_by_reason.begin()->first.rfind("corrupt gzip in the report attachment (", 0), 0u);
  ASSERT_FALSE(c.report().problems.empty());
  EXPECT_NE(c.report().problems[0].reason.find("fabrikam.com!contoso.com!1!2!001.json.gz"), std::string::npos);

  // A CRC that does not match a report read whole: the report counts (as for a .json.gz), and
  // the mismatch is said.
  std::string bad_crc = gzip(report_json("contoso.com", 40, 2));
  bad_crc[bad_crc.size() - 6] ^= 0x55;
  const Read crc = read_every_way(mail({text_part(), {gzip_part("").headers, base64_lines(bad_crc)}}));
  EXPECT_EQ(crc.report().reports, 1u);
  ASSERT_EQ(crc.report().problems.size(), 1u);
  EXPECT_EQ(crc.report().problems[0].reason,
            "corrupt gzip in the report attachment (CRC mismatch) after 1 report (fabrikam.com!contoso.com!1!2!001.json.gz)");

  const std::string whole = gzip(report_json("contoso.com", 40, 2));
  const Read cut = read_every_way(mail({{gzip_part("").headers, base64_lines(whole.substr(0, whole.size() / 2))}}));
  EXPECT_EQ(cut.report().skipped, 1u);
  EXPECT_EQ(cut.report().skipped_by_reason.begin()->first.rfind("corrupt gzip in the report attachment", 0), 0u);

  const Read text = read_every_way(mail({{"Content-Type: application/tlsrpt+json", "this is not json"}}));
  EXPECT_EQ(skipped_for(text.report(), "report attachment without a JSON report"), 1u);

  const Read empty = read_every_way(mail({{"Content-Type: application/tlsrpt+gzip\nContent-Transfer-Encoding: base64", ""}}));
  EXPECT_EQ(skipped_for(empty.report(), "empty report attachment"), 1u);

  const Read bad_json = read_every_way(mail({{"Content-Type: application/tlsrpt+json", "{\"policies\": [oops]}"}}));
  EXPECT_EQ(skipped_for(bad_json.report(), "not valid JSON"), 1u);
  expect_accounted_reports(bad_json.report());
}

TEST(TlsRptMail, ADecompressionBombInAnAttachmentIsStopped) {
  // 160 MB of zeros deflate to about 160 KB: the gzip guard stops it past 100 MB.
  std::string zeros(160u << 20, '\0');
  const std::string bomb = gzip_member(zeros, zlib_deflate(zeros, 9));
  zeros = std::string();
  const Read r = read(mail({text_part(), {gzip_part("").headers, base64_lines(bomb)}}), Cutting{1u << 20, 0});
  EXPECT_EQ(r.report().error, "");
  EXPECT_EQ(r.report().records, 1u);
  EXPECT_EQ(skipped_for(r.report(), "report attachment not read: stopped: expands more than 1000-fold, likely a "
                                    "decompression bomb"),
            1u);
}

TEST(TlsRptMail, MboxMessagesAreEachAccountedFor) {
  const std::string report = mail({text_part(), gzip_part(report_json("contoso.com", 10, 0, "a"))});
  const std::string report2 = mail({text_part(), gzip_part(report_json("contoso.com", 20, 1, "b", "2026-11-20"))});
  const std::string other = "From: alice@adatum.com\nTo: tlsrpt@contoso.com\nSubject: hello\n\nHi,\n"
                            "From the desk of Alice\n\n>From here on, quoted as mboxrd writes it\n";
  const std::string mbox = "From MAILER-DAEMON Fri Nov 20 10:00:00 2026\n" + report + "\n" +
                           "From alice@adatum.com Fri Nov 20 10:00:01 2026\n" + other + "\n" +
                           "From MAILER-DAEMON Fri Nov 20 10:00:02 2026\n" + report2 +
                           // the same report again (another copy of the message): counted once; its
                           // "From " line follows without the blank line, but carries its date
                           "From MAILER-DAEMON Fri Nov 20 10:00:03 2026\n" + report2;
  const Read r = read_every_way(mbox);
  const SourceReport& s = r.report();
  EXPECT_EQ(s.error, "");
  EXPECT_EQ(s.records, 4u);
  EXPECT_EQ(s.reports, 2u);
  EXPECT_EQ(skipped_for(s, "e-mail without a TLS report attachment"), 1u);
  EXPECT_EQ(skipped_for(s, "a report already counted (same organization-name and report-id)"), 1u);
  expect_accounted_reports(s);
  EXPECT_EQ(r.totals().total(), 31u);
  ASSERT_FALSE(s.problems.empty());
  // "From the desk" does not follow a blank line, ">From" is quoted: neither starts a message.
  const size_t second = std::count(mbox.begin(), mbox.begin() + static_cast<long>(mbox.find("From alice")), '\n') + 1;
  EXPECT_EQ(s.problems[0].line, second);
}

TEST(TlsRptMail, FilesWithoutAnyReportSayWhatTheyAre) {
  const std::string plain = "Return-Path: <a@adatum.com>\nFrom: a@adatum.com\nTo: b@contoso.com\nSubject: lunch?\n\nAt noon.\n";
  const Read p = read(plain);
  EXPECT_EQ(p.report().format, "tlsrpt-mail");
  EXPECT_EQ(p.report().error,
            "an e-mail without a TLS report: no attachment of type application/tlsrpt+gzip or +json, nor one named "
            ".json or .json.gz");

  const std::string dmarc =
      mail({text_part(), {"Content-Type: application/gzip; name=\"fabrikam.com!contoso.com!1!2.xml.gz\"\n"
                          "Content-Transfer-Encoding: base64",
                          base64_lines(gzip("<feedback/>"))}},
           "", "multipart/mixed");
  EXPECT_EQ(read(dmarc).report().error.rfind("a DMARC report e-mail (XML attachment), not a TLS report", 0), 0u);

  const std::string said = mail({text_part()});
  EXPECT_EQ(read(said).report().error, "a TLS report e-mail without its report attachment");

  const std::string mbox = "From a Fri Nov 20 10:00:00 2026\n" + plain + "\nFrom b Fri Nov 20 10:00:01 2026\n" + plain;
  const Read m = read(mbox);
  EXPECT_EQ(m.report().error, "an mbox of 2 e-mails without a TLS report attachment");
  EXPECT_EQ(m.report().skipped, 2u);
}

TEST(TlsRptMail, SniffingTakesMailOnlyFromItsHeader) {
  // Not e-mail: a header-like first line alone, or text that is not header fields.
  EXPECT_EQ(read("Subject: hello\nthis is a note\n").report().format, "");
  // The report e-mail's own header wins even when its type is folded onto the next line.
  const std::string folded = "Received: from x\n\tby y\nFrom: a@fabrikam.com\nContent-Type: multipart/report;\n"
                             "\treport-type=\"tlsrpt\"; boundary=\"b0\"\n\n--b0\nContent-Type: application/tlsrpt+json\n\n" +
                             report_json("contoso.com", 2, 0) + "\n--b0--\n";
  const Read r = read_every_way(folded);
  EXPECT_EQ(r.report().format, "tlsrpt-mail");
  EXPECT_EQ(r.totals().total(), 2u);
}

TEST(TlsRptMail, MailDomainStandsInForAMissingPolicyDomain) {
  const std::string json =
      R"({"organization-name":"mail.adatum.com","date-range":{"start-datetime":"2026-11-20T00:00:00Z","end-datetime":"2026-11-20T23:59:59Z"},"policies":[{"summary":{"total-failure-session-count":0,"total-successful-session-count":12},"policy":{"policy-type":"no-policy-found"},"failure-details":[]}],"report-id":"x"})";
  const Read with = read_every_way(mail({gzip_part(json)}, "TLS-Report-Domain: Fabrikam.com\n"));
  ASSERT_EQ(with.report().reports, 1u);
  const TlsRptView v = tlsrpt_view(with.aggregate, *tlsrpt_full_range(with.aggregate));
  ASSERT_EQ(v.domains.size(), 1u);
  EXPECT_EQ(v.domains[0].domain, "fabrikam.com");
  // Without the header there is no domain to count the sessions under: the policy is left out.
  const Read without = read(mail({gzip_part(json)}));
  EXPECT_EQ(skipped_for(without.report(), "no policy of the report could be read"), 1u);
}

TEST(TlsRptMail, HostileMailStaysBounded) {
  // Multiparts nested far deeper than any mail, a header line of 2 MB, a body line of 4 MB without
  // a line break, and a boundary that never comes: read without trouble, accounted for.
  std::string deep = "From: a@b.c\nTo: d@e.f\nContent-Type: multipart/mixed; boundary=x0\n\n";
  for (int i = 1; i < 200; ++i)
    deep += "--x" + std::to_string(i - 1) + "\nContent-Type: multipart/mixed; boundary=x" + std::to_string(i) + "\n\n";
  deep += "--x199\nContent-Type: application/tlsrpt+json\n\n" + report_json("contoso.com", 1, 0) + "\n";
  // Beyond MimeStream::kMaxDepth multiparts the parts cannot be told apart: the report is not found.
  const Read d = read(deep, Cutting{61, 5});
  EXPECT_EQ(d.report().error.rfind("an e-mail without a TLS report", 0), 0u);

  const std::string long_header = "From: a@b.c\nTo: d@e.f\nX-Junk: " + std::string(2u << 20, 'j') +
                                  "\nContent-Type: multipart/report; report-type=tlsrpt; boundary=b0\n\n--b0\n" +
                                  "Content-Type: application/tlsrpt+json\n\n" + report_json("contoso.com", 3, 0) +
                                  "\n" + std::string(4u << 20, 'z') + "\n--b0--\n";
  const Read l = read(long_header, Cutting{65536, 9});
  EXPECT_EQ(l.report().reports, 1u);
  EXPECT_EQ(l.totals().total(), 3u);
  EXPECT_FALSE(l.report().problems.empty());  // the text after the report is said

  const std::string unterminated = mail({gzip_part(report_json("contoso.com", 5, 0))});
  const Read u = read_every_way(unterminated.substr(0, unterminated.rfind("--b0--")));
  EXPECT_EQ(u.report().reports, 1u);
}

}  // namespace
}  // namespace mailflow::test
