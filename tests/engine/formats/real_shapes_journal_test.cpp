// Real shapes of systemd journal exports (tests/data/real-shapes/README.md): one Postfix host's
// journal exported four ways (journalctl -o short, -o short-precise, -o short-iso, -o json) and one
// Exim host logging through syslog into the journal (-o json, -o short-iso). Each file is read
// whole, in 1-byte chunks and in random chunks. The figures were counted by hand from the files
// (see the README's grep commands).
#include <gtest/gtest.h>

#include <algorithm>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

// The host's clock ran in CET: lines without a zone need the offset, and classic lines the year.
SessionOptions cet_2026() {
  SessionOptions o;
  o.utc_offset_minutes = 60;
  o.syslog_year = 2026;
  return o;
}

const std::vector<test::Cutting> kCuttings = {test::Cutting{}, test::Cutting{1, 0}, test::Cutting{97, 42},
                                              test::Cutting{4096, 7}};

const std::string kMarker =
    "journalctl's own line between entries (-- Reboot --, -- Journal begins at ... --, -- No entries --)";
const std::string kContinuation = "continuation line of a multi-line journal message";
const std::string kLeftOut =
    "journal entry whose MESSAGE journalctl left out (4096 bytes or longer): export with journalctl --all";

// What every export of the Postfix host gives. Received: 4F1C23A0B2 over TLS 1.3 at 00:14:57 CET
// (the day before in UTC), 9C8D7E6F5A in plaintext, B1C2D3E4F5 over TLS 1.2 at 23:40:01 CET; not the
// authenticated submission 7A2B9C1D3E. Sent: 7A2B9C1D3E to adatum over TLS 1.2 (two recipients, one
// delivery) and to fabrikam without a TLS line; D5E6F7A8B9 over TLS 1.3 at 00:05:01 CET on the 21st,
// after a reboot; not the LMTP deliveries nor the deferred one.
void expect_postfix_host(const test::ReadResult& r) {
  EXPECT_EQ(r.report.format, "postfix");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.messages, 6u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls13, "2026-11-19"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::None, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("postfix/smtpd"), TlsVersion::Tls12, "2026-11-20"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u + 4100u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls12, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::None, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("postfix/smtp"), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u * 2 + 5120u);
  EXPECT_EQ(test::skipped_for(r.report, "further recipient of a delivery already counted"), 1u);
}

test::ReadResult read_postfix(const std::string& file, test::Cutting cutting, SessionOptions options) {
  return test::read_text(test::real_shape(file), cutting, options);
}

TEST(RealShapesJournal, PostfixShortIsTheClassicSyslogShape) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = read_postfix("journal-postfix-short.log", cutting, cet_2026());
    expect_postfix_host(r);
    EXPECT_EQ(r.report.records, 52u);
    EXPECT_EQ(test::skipped_for(r.report, kMarker), 2u);        // "-- Logs begin at ... --", "-- Reboot --"
    EXPECT_EQ(test::skipped_for(r.report, kContinuation), 1u);  // the second line of backup.sh's message
    EXPECT_EQ(test::skipped_for(r.report, "line of a program other than Postfix"), 8u);
    EXPECT_TRUE(r.report.problems.empty()) << r.report.problems.front().reason;
  }
}

TEST(RealShapesJournal, PostfixShortPrecise) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = read_postfix("journal-postfix-short-precise.log", cutting, cet_2026());
    expect_postfix_host(r);
    EXPECT_EQ(r.report.records, 52u);
    EXPECT_EQ(test::skipped_for(r.report, kMarker), 2u);
    EXPECT_EQ(test::skipped_for(r.report, kContinuation), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "line of a program other than Postfix"), 8u);
    EXPECT_TRUE(r.report.problems.empty()) << r.report.problems.front().reason;
  }
}

TEST(RealShapesJournal, PostfixShortIsoNeedsNoOffsetNorYear) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = read_postfix("journal-postfix-short-iso.log", cutting, {});
    expect_postfix_host(r);
    EXPECT_EQ(r.report.records, 52u);
    EXPECT_EQ(test::skipped_for(r.report, kMarker), 2u);  // "-- Journal begins at ... --", "-- Boot <id> --"
    EXPECT_EQ(test::skipped_for(r.report, kContinuation), 1u);
    EXPECT_EQ(test::skipped_for(r.report, "line of a program other than Postfix"), 8u);
    EXPECT_TRUE(r.report.problems.empty()) << r.report.problems.front().reason;
    for (const std::string& note : r.report.notes) EXPECT_EQ(note.find("carry no year"), std::string::npos) << note;
  }
}

TEST(RealShapesJournal, PostfixJsonNeedsNoOffsetNorYear) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = read_postfix("journal-postfix.json", cutting, {});
    expect_postfix_host(r);
    EXPECT_EQ(r.report.records, 49u);
    // systemd (journal transport), dovecot (no SYSLOG_PID), backup.sh (stdout, one MESSAGE in bytes,
    // one of two lines), kernel (no _PID): other programs' entries.
    EXPECT_EQ(test::skipped_for(r.report, "line of a program other than Postfix"), 7u);
    // amavis's MESSAGE is null: 4096 bytes or longer, exported without --all.
    EXPECT_EQ(test::skipped_for(r.report, kLeftOut), 1u);
    ASSERT_EQ(r.report.problems.size(), 1u);
    EXPECT_EQ(r.report.problems[0].reason, kLeftOut);
  }
}

// journalctl -o short exported in a German locale writes the months the German way ("Dez", and
// "Mär" in UTF-8): the same export in December, in English and in German, gives the same rows.
TEST(RealShapesJournal, PostfixShortInAGermanLocale) {
  auto in_month = [](const std::string& text, std::string_view month) {  // "Nov " at a line's start
    std::string out;
    for (size_t at = 0; at < text.size();) {
      const size_t end = std::min(text.find('\n', at), text.size() - 1) + 1;
      const std::string_view line = std::string_view(text).substr(at, end - at);
      out += line.starts_with("Nov ") ? std::string(month) + std::string(line.substr(3)) : std::string(line);
      at = end;
    }
    return out;
  };
  const std::string english = in_month(test::real_shape("journal-postfix-short.log"), "Dec");
  const std::string german = in_month(test::real_shape("journal-postfix-short.log"), "Dez");
  ASSERT_NE(german.find("\nDez 20 "), std::string::npos);
  const auto en = test::read_text(english, {}, cet_2026()), de = test::read_text(german, {}, cet_2026());
  EXPECT_EQ(de.report.format, "postfix");
  test::expect_accounted(de.report);
  EXPECT_EQ(de.report.messages, 6u);
  EXPECT_EQ(de.report.records, 52u);
  EXPECT_FALSE(de.report.skipped_by_reason.contains("not a syslog line"));
  EXPECT_FALSE(test::rows_text(de.aggregate).empty());
  EXPECT_EQ(test::rows_text(de.aggregate), test::rows_text(en.aggregate));
  const std::string march = in_month(test::real_shape("journal-postfix-short.log"), "M\xC3\xA4r");
  EXPECT_EQ(test::rows_text(test::read_text(march, {}, cet_2026()).aggregate),
            test::rows_text(test::read_text(in_month(test::real_shape("journal-postfix-short.log"), "Mar"), {}, cet_2026()).aggregate));
}

TEST(RealShapesJournal, EveryPostfixExportGivesTheSameAggregate) {
  const std::string rows = test::rows_text(read_postfix("journal-postfix.json", {}, {}).aggregate);
  EXPECT_FALSE(rows.empty());
  EXPECT_EQ(test::rows_text(read_postfix("journal-postfix-short.log", {}, cet_2026()).aggregate), rows);
  EXPECT_EQ(test::rows_text(read_postfix("journal-postfix-short-precise.log", {}, cet_2026()).aggregate), rows);
  EXPECT_EQ(test::rows_text(read_postfix("journal-postfix-short-iso.log", {}, {}).aggregate), rows);
  // Exports with a zone ignore the offset given for the others.
  EXPECT_EQ(test::rows_text(read_postfix("journal-postfix-short-iso.log", {}, cet_2026()).aggregate), rows);
  EXPECT_EQ(test::rows_text(read_postfix("journal-postfix.json", {}, cet_2026()).aggregate), rows);
}

// The Exim host (log_file_path = syslog, syslog_timestamp left on): received 1tAbCd over TLS 1.3,
// 1tAbGh over TLS 1.3 in a line longer than 870 characters that syslog got in two pieces, 1tAbIj in
// plaintext (P=esmtp), 1tAbKl over TLS 1.2 at 00:20 CET on the 21st (23:20 UTC on the 20th); not the
// authenticated submission 1tAbEf. Sent: 1tAbEf to adatum over TLS 1.2 (its -> line is the same
// delivery) and to fabrikam without X=. Rejections (one with X=, one whose reject-log copy came in
// four pieces) are no messages.
void expect_exim_host(const test::ReadResult& r) {
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.messages, 6u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 4u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.25]:25"), TlsVersion::Tls13, "2026-11-20"),
            2u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.25]:25"), TlsVersion::None, "2026-11-20"),
            1u);
  // The journal's stamp (23:20 UTC) counts, not Exim's own local 00:20 of the next day.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.25]:25"), TlsVersion::Tls12, "2026-11-20"),
            1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 52000u + 2210u + 4100u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("R=dnslookup T=remote_smtp"), TlsVersion::Tls12,
                  "2026-11-20"),
            1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("R=dnslookup T=remote_smtp"), TlsVersion::None,
                  "2026-11-20"),
            1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u * 2);
  // Pieces 1 to 3 of the reject-log entry and piece 1 of the long arrival.
  EXPECT_EQ(test::skipped_for(r.report, "piece of a long Exim line that syslog got in pieces ([1/2] ...): read with "
                                        "its last piece"),
            4u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (systemd)"), 2u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (dovecot)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (spamd)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "line of another program (kernel)"), 1u);
  EXPECT_TRUE(r.report.problems.empty()) << r.report.problems.front().reason;
}

TEST(RealShapesJournal, EximThroughTheJournalAsJson) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = test::read_text(test::real_shape("journal-exim.json"), cutting);
    expect_exim_host(r);
    EXPECT_EQ(r.report.records, 34u);
  }
}

TEST(RealShapesJournal, EximThroughTheJournalAsShortIso) {
  for (const test::Cutting& cutting : kCuttings) {
    const auto r = test::read_text(test::real_shape("journal-exim-short-iso.log"), cutting);
    expect_exim_host(r);
    EXPECT_EQ(r.report.records, 35u);
    EXPECT_EQ(test::skipped_for(r.report, kMarker), 1u);
  }
  EXPECT_EQ(test::rows_text(test::read_text(test::real_shape("journal-exim-short-iso.log")).aggregate),
            test::rows_text(test::read_text(test::real_shape("journal-exim.json")).aggregate));
}

}  // namespace
}  // namespace mailflow
