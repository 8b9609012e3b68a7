// The syslog envelope in every shape a syslog file or a journalctl export gives it, and the journal
// JSON entry (engine/formats/syslog_common/syslog_line.h, journal_json.h).
#include "formats/syslog_common/syslog_line.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/format_test_util.h"
#include "formats/syslog_common/journal_json.h"

namespace mailflow {
namespace {

constexpr int64_t kAt081502 = 1795162502;  // 2026-11-20T08:15:02Z

SyslogLine parsed(std::string_view text, int utc_offset_minutes = 0) {
  TimestampParser parser(utc_offset_minutes);
  std::string scratch;
  const auto line = parse_syslog_line(text, parser, scratch);
  EXPECT_TRUE(line) << text;
  return line.value_or(SyslogLine{});
}

void expect_smtpd(const SyslogLine& line, std::string_view host = "mx1") {
  EXPECT_EQ(line.host, host);
  EXPECT_EQ(line.program, "postfix/smtpd");
  EXPECT_EQ(line.pid, 24811u);
  EXPECT_EQ(line.message, "connect from mail.fabrikam.com[198.51.100.7]");
}

TEST(SyslogLine, ClassicAndShortPreciseCarryNoYear) {
  for (std::string_view text : {"Nov 20 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
                                "Nov 20 08:15:02.123456 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]"}) {
    const SyslogLine line = parsed(text);
    expect_smtpd(line);
    EXPECT_FALSE(line.stamp.has_year);
    EXPECT_EQ(line.stamp.month, 11);
    EXPECT_EQ(line.stamp.day, 20);
    EXPECT_EQ(line.stamp.seconds_of_day, 8 * 3600 + 15 * 60 + 2);
  }
}

// A day below 10 is padded with a space ("Mar  7") by syslogd and rsyslog; some relays and tools
// write it unpadded ("Mar 7", as in fail2ban's test logs of real servers).
TEST(SyslogLine, ClassicDayBelowTenPaddedOrNot) {
  for (std::string_view text : {"Mar  7 19:53:24 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
                                "Mar 7 19:53:24 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
                                "Mar 07 19:53:24 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]"}) {
    const SyslogLine line = parsed(text);
    expect_smtpd(line);
    EXPECT_EQ(line.stamp.month, 3) << text;
    EXPECT_EQ(line.stamp.day, 7) << text;
    EXPECT_EQ(line.stamp.seconds_of_day, 19 * 3600 + 53 * 60 + 24) << text;
  }
  for (std::string_view text : {"Mar 7 19:53 mx1 x: y", "Mar 77 19:53:24 mx1 x: y", "Mar 7  19:53:24 mx1 x: y",
                                "Mar 0 19:53:24 mx1 x: y", "Mar 7 9:53:24 mx1 x: y"})
    EXPECT_FALSE(starts_with_syslog_stamp(text)) << text;
}

// FreeBSD's syslogd -v puts the facility and level after the stamp (fail2ban's sendmail test log:
// "BSD style log format").
TEST(SyslogLine, FacilityAndLevelAfterTheStamp) {
  for (std::string_view text : {"Nov 20 08:15:02 <mail.info> mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
                                "Nov 20 08:15:02 <2.6> mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]"})
    expect_smtpd(parsed(text));
}

// journalctl -o short in a German locale (glibc's de_DE, de_AT, de_CH): Mai, Okt, Dez, and Mär and
// Jän with an umlaut (UTF-8).
TEST(SyslogLine, GermanMonthNamesOfJournalctl) {
  struct Case {
    std::string_view text;
    int month, day;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"Dez 02 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 12, 2},
           {"Okt 31 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 10, 31},
           {"Mai  1 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 5, 1},
           {"M\xC3\xA4r 07 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 3, 7},
           {"J\xC3\xA4n  7 08:15:02.123456 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 1, 7}}) {
    const SyslogLine line = parsed(c.text);
    expect_smtpd(line);
    EXPECT_EQ(line.stamp.month, c.month) << c.text;
    EXPECT_EQ(line.stamp.day, c.day) << c.text;
    EXPECT_EQ(line.stamp.seconds_of_day, 8 * 3600 + 15 * 60 + 2) << c.text;
  }
  for (std::string_view text : {"Dezember 02 08:15:02 mx1 x: y", "M\xC3\xA4 07 08:15:02 mx1 x: y", "Mrz 07 08:15:02 mx1 x: y"})
    EXPECT_FALSE(starts_with_syslog_stamp(text)) << text;
}

// RFC 5424 (rsyslog's RSYSLOG_SyslogProtocol23Format, syslog-ng's syslog-protocol): the fields
// after the version, "-" for one not given, structured data skipped with its escapes, the space
// rsyslog keeps before a local program's text and a BOM before MSG left out.
TEST(SyslogLine, Rfc5424) {
  for (std::string_view text :
       {"<22>1 2026-11-20T09:15:02.000000+01:00 mx1 postfix/smtpd 24811 - - connect from mail.fabrikam.com[198.51.100.7]",
        "<22>1 2026-11-20T08:15:02Z mx1 postfix/smtpd 24811 - -  connect from mail.fabrikam.com[198.51.100.7]",
        "<22>1 2026-11-20T08:15:02Z mx1 postfix/smtpd 24811 ID47 [origin ip=\"10.0.0.1\"][meta x=\"a \\\"]\\\" b\"] "
        "\xEF\xBB\xBF" "connect from mail.fabrikam.com[198.51.100.7]",
        "1 2026-11-20T08:15:02Z mx1 postfix/smtpd 24811 - - connect from mail.fabrikam.com[198.51.100.7]"}) {
    const SyslogLine line = parsed(text);
    expect_smtpd(line);
    EXPECT_TRUE(line.stamp.has_year) << text;
    EXPECT_EQ(line.stamp.full.utc_seconds, kAt081502) << text;
    EXPECT_TRUE(starts_with_syslog_stamp(text)) << text;
  }
  const SyslogLine no_host = parsed("<22>1 2026-11-20T08:15:02Z - postfix/smtpd - - - connect");
  EXPECT_EQ(no_host.host, "");
  EXPECT_EQ(no_host.pid, 0u);
  EXPECT_EQ(no_host.message, "connect");
  TimestampParser parser;
  for (std::string_view text : {"<22>1 - mx1 postfix/smtpd 24811 - - no time", "<22>1 2026-11-20T08:15:02Z mx1 - 1 - - no program",
                                "<22>1 2026-11-20T08:15:02Z mx1 postfix/smtpd 1 - [cut x=\"y\" message"})
    EXPECT_FALSE(parse_syslog_line(text, parser)) << text;
}

TEST(SyslogLine, ShortIsoWithOffsetsWithAndWithoutColon) {
  for (std::string_view text : {
           "2026-11-20T08:15:02+0000 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
           "2026-11-20T09:15:02+0100 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
           "2026-11-20T03:15:02-0500 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
           "2026-11-20T09:15:02+01:00 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
           "2026-11-20T08:15:02.123456+0000 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
           "2026-11-20T09:15:02.123456+01:00 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]"}) {
    // The session's offset does not apply: the stamp names its own.
    const SyslogLine line = parsed(text, 300);
    expect_smtpd(line);
    EXPECT_TRUE(line.stamp.has_year) << text;
    EXPECT_FALSE(line.stamp.zone_assumed);
    EXPECT_EQ(line.stamp.full.utc_seconds, kAt081502) << text;
  }
}

TEST(SyslogLine, ShortFullIsExactInUtcAndReadInTheSessionZoneOtherwise) {
  const SyslogLine utc =
      parsed("Fri 2026-11-20 08:15:02 UTC mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 300);
  expect_smtpd(utc);
  EXPECT_TRUE(utc.stamp.has_year);
  EXPECT_FALSE(utc.stamp.zone_assumed);
  EXPECT_EQ(utc.stamp.full.utc_seconds, kAt081502);

  // The weekday is written in the exporting user's language.
  const SyslogLine german =
      parsed("Fr 2026-11-20 08:15:02 UTC mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]");
  expect_smtpd(german);
  EXPECT_EQ(german.stamp.full.utc_seconds, kAt081502);

  const SyslogLine numeric =
      parsed("Fri 2026-11-20 12:15:02 +04 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]");
  EXPECT_EQ(numeric.stamp.full.utc_seconds, kAt081502);
  EXPECT_FALSE(numeric.stamp.zone_assumed);

  // "CET" cannot be looked up without a zone database: local time in --utc-offset, marked so.
  const SyslogLine named =
      parsed("Fri 2026-11-20 09:15:02 CET mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 60);
  expect_smtpd(named);
  EXPECT_TRUE(named.stamp.zone_assumed);
  EXPECT_EQ(named.stamp.full.utc_seconds, kAt081502);
}

TEST(SyslogLine, ShortUnixIsSecondsSinceTheEpoch) {
  const SyslogLine line =
      parsed("1795162502.123456 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]", 300);
  expect_smtpd(line);
  EXPECT_TRUE(line.stamp.has_year);
  EXPECT_EQ(line.stamp.full.utc_seconds, kAt081502);
}

TEST(SyslogLine, NoHostnameLeavesTheHostEmpty) {
  expect_smtpd(parsed("Nov 20 08:15:02 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]"), "");
  const SyslogLine kernel = parsed("2026-11-20T08:15:02+0000 kernel: [UFW BLOCK] IN=eth0 SRC=203.0.113.7");
  EXPECT_EQ(kernel.host, "");
  EXPECT_EQ(kernel.program, "kernel");
  EXPECT_EQ(kernel.pid, 0u);
  EXPECT_EQ(kernel.message, "[UFW BLOCK] IN=eth0 SRC=203.0.113.7");
}

// A reader keeps one SyslogLine and reads every line into it (read_syslog_line): nothing of a line
// may stay for the next, whose shape sets fewer fields (no host, no pid, no year, no zone named).
TEST(SyslogLine, ALineReadIntoAKeptOneReadsAsIntoAFreshOne) {
  const std::vector<std::string_view> lines = {
      "Nov 20 08:15:02 mx1 postfix/smtpd[24811]: connect from mail.fabrikam.com[198.51.100.7]",
      "Fri 2026-11-20 08:15:02 CET mx2 postfix/qmgr[77]: 4BDrPZ1x: removed",
      "Nov 21 09:00:00 postfix/smtp: no host and no pid",
      R"({"__REALTIME_TIMESTAMP":"1795162502500000","_HOSTNAME":"mx3","_COMM":"smtpd","_PID":"5","MESSAGE":"text"})",
      "Nov 22 10:00:00 mx1 postfix/smtpd[24811]: after a journal entry",
      "<22>1 2026-11-20T08:15:02Z mx4 postfix/smtpd 901 - - connect",
      "<22>1 2026-11-20T08:15:02Z - postfix/smtpd - - - no host and no pid",
      "1795162502.123456 mx5 postfix/smtpd[24811]: unix seconds",
      "2026-11-20T08:15:02+0000 kernel: [UFW BLOCK] IN=eth0",
      "Nov 23 11:00:00 postfix/cleanup: classic after a year",
      "not a syslog line",
      "Nov 24 12:00:00 mx1 postfix/smtpd[1]: after a refused line",
  };
  TimestampParser kept_parser(60);
  std::string kept_scratch;
  SyslogLine kept;
  for (std::string_view text : lines) {
    TimestampParser parser(60);
    std::string scratch;
    const auto fresh = parse_syslog_line(text, parser, scratch);
    ASSERT_EQ(read_syslog_line(text, kept_parser, kept_scratch, kept), fresh.has_value()) << text;
    if (!fresh) continue;
    EXPECT_EQ(kept.host, fresh->host) << text;
    EXPECT_EQ(kept.program, fresh->program) << text;
    EXPECT_EQ(kept.pid, fresh->pid) << text;
    EXPECT_EQ(kept.message, fresh->message) << text;
    EXPECT_EQ(kept.stamp.has_year, fresh->stamp.has_year) << text;
    EXPECT_EQ(kept.stamp.zone_assumed, fresh->stamp.zone_assumed) << text;
    if (fresh->stamp.has_year) {
      EXPECT_EQ(kept.stamp.full.utc_seconds, fresh->stamp.full.utc_seconds) << text;
      EXPECT_EQ(kept.stamp.full.resolved, fresh->stamp.full.resolved) << text;
    } else {
      EXPECT_EQ(kept.stamp.month, fresh->stamp.month) << text;
      EXPECT_EQ(kept.stamp.day, fresh->stamp.day) << text;
      EXPECT_EQ(kept.stamp.seconds_of_day, fresh->stamp.seconds_of_day) << text;
    }
  }
}

TEST(SyslogLine, JournalJsonEntryReadsLikeItsShortLine) {
  // Keys in journald's hash order; the source time (when smtpd logged) wins over the time journald
  // stored it, as in journalctl's text outputs.
  const SyslogLine line = parsed(
      R"({"_COMM":"smtpd","SYSLOG_IDENTIFIER":"postfix/smtpd","_HOSTNAME":"mx1","PRIORITY":"6",)"
      R"("__REALTIME_TIMESTAMP":"1795162503000010","SYSLOG_PID":"24811","_SOURCE_REALTIME_TIMESTAMP":"1795162502999990",)"
      R"("SYSLOG_TIMESTAMP":"Nov 20 08:15:02 ","_PID":"24811","_TRANSPORT":"syslog",)"
      R"("MESSAGE":"connect from mail.fabrikam.com[198.51.100.7]","_SYSTEMD_UNIT":"postfix@-.service"})",
      300);
  expect_smtpd(line);
  EXPECT_TRUE(line.stamp.has_year);
  EXPECT_EQ(line.stamp.full.utc_seconds, kAt081502);
}

TEST(SyslogLine, JournalJsonFieldsAndFallbacks) {
  TimestampParser parser;
  std::string scratch;
  // No source time: __REALTIME_TIMESTAMP. No SYSLOG_IDENTIFIER: _COMM. No SYSLOG_PID: _PID. No host.
  auto line = parse_syslog_line(
      R"({"__REALTIME_TIMESTAMP":"1795162502500000","_COMM":"smtpd","_PID":"77","MESSAGE":"text"})", parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->stamp.full.utc_seconds, kAt081502);
  EXPECT_EQ(line->program, "smtpd");
  EXPECT_EQ(line->pid, 77u);
  EXPECT_EQ(line->host, "");
  // SYSLOG_PID is the pid of the program's own tag; _PID the sending process.
  line = parse_syslog_line(
      R"({"_PID":"9","SYSLOG_PID":"24811","SYSLOG_IDENTIFIER":"postfix/smtpd","MESSAGE":"x","__REALTIME_TIMESTAMP":"1795162502000000"})",
      parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->pid, 24811u);
  // A field given twice is an array of its values: the last one counts.
  line = parse_syslog_line(
      R"({"__REALTIME_TIMESTAMP":"1795162502000000","SYSLOG_IDENTIFIER":["postfix","postfix/smtpd"],"MESSAGE":"x"})",
      parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->program, "postfix/smtpd");
  // An entry with neither name prints as "unknown" in journalctl.
  line = parse_syslog_line(R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"x"})", parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->program, "unknown");
  EXPECT_EQ(line->pid, 0u);
}

TEST(SyslogLine, JournalJsonMessageIsUnescapedIntoTheScratchString) {
  TimestampParser parser;
  std::string scratch;
  const auto line = parse_syslog_line(
      R"({"__REALTIME_TIMESTAMP":"1795162502000000","SYSLOG_IDENTIFIER":"postfix/cleanup","SYSLOG_PID":"5",)"
      R"("MESSAGE":"4F1C23A0B2: warning: header Subject: \"Invoice, \u00e9t\u00e9\" \\ tab\there\nnext \ud83d\udce7"})",
      parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->message, "4F1C23A0B2: warning: header Subject: \"Invoice, \xC3\xA9t\xC3\xA9\" \\ tab\there\nnext "
                           "\xF0\x9F\x93\xA7");
  EXPECT_EQ(line->program, "postfix/cleanup");
}

TEST(SyslogLine, JournalJsonMessageOfBytes) {
  // journald writes a value that is not printable UTF-8 as its bytes.
  TimestampParser parser;
  std::string scratch;
  const auto line = parse_syslog_line(
      R"({"MESSAGE":[104,105,255,32,33],"SYSLOG_IDENTIFIER":"backup","__REALTIME_TIMESTAMP":"1795162502000000"})", parser,
      scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->message, std::string_view("hi\xFF !"));
}

TEST(SyslogLine, JsonSeqAndSseLines) {
  const std::string object =
      R"({"__REALTIME_TIMESTAMP":"1795162502000000","SYSLOG_IDENTIFIER":"postfix/smtpd","SYSLOG_PID":"24811",)"
      R"("_HOSTNAME":"mx1","MESSAGE":"connect from mail.fabrikam.com[198.51.100.7]"})";
  expect_smtpd(parsed("\x1e" + object));
  expect_smtpd(parsed("data: " + object));
}

TEST(SyslogLine, JournalEntriesThatAreNoLines) {
  std::string scratch;
  EXPECT_EQ(parse_journal_json(R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":null})", scratch).shape,
            JournalEntry::Shape::MessageLeftOut);
  EXPECT_EQ(parse_journal_json(R"({"__REALTIME_TIMESTAMP":"1795162502000000","COREDUMP_PID":"1"})", scratch).shape,
            JournalEntry::Shape::NoMessage);
  EXPECT_EQ(parse_journal_json(R"({"MESSAGE":"no time"})", scratch).shape, JournalEntry::Shape::NotJournal);
  EXPECT_EQ(parse_journal_json(R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"cut)", scratch).shape,
            JournalEntry::Shape::NotJournal);
  EXPECT_EQ(parse_journal_json(R"({"__REALTIME_TIMESTAMP":"0","MESSAGE":"x"})", scratch).shape,
            JournalEntry::Shape::NotJournal);
}

TEST(SyslogLine, HostileJsonIsRefusedWithoutHarm) {
  TimestampParser parser;
  std::string scratch;
  const std::string deep = R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":)" + std::string(100000, '[') + "}";
  EXPECT_FALSE(parse_syslog_line(deep, parser, scratch));
  const std::string deep_other = R"({"__REALTIME_TIMESTAMP":"1795162502000000","X":)" + std::string(100000, '{');
  EXPECT_FALSE(parse_syslog_line(deep_other, parser, scratch));
  for (std::string_view text :
       {"{", "{\"", "{\"MESSAGE\"", "{\"MESSAGE\":", "{\"MESSAGE\":\"\\", "{\"MESSAGE\":\"\\u12", "{\"MESSAGE\":[1,2",
        "{\"MESSAGE\":[1,\"a\"]}", "{\"__REALTIME_TIMESTAMP\":\"99999999999999999999999\",\"MESSAGE\":\"x\"}",
        "{\"__REALTIME_TIMESTAMP\":\"1795162502000000\",\"MESSAGE\":\"x\",}", "{,}", "{}", "data: ", "\x1e"})
    EXPECT_FALSE(parse_syslog_line(text, parser, scratch)) << text;
  // A lone surrogate or NUL escape becomes U+FFFD, never a NUL in the text.
  const auto line = parse_syslog_line(
      R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"a\ud800b\u0000c\uZZZZ"})", parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(line->message, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\\uZZZZ");
}

TEST(SyslogLine, ScratchStringIsReused) {
  TimestampParser parser;
  std::string scratch;
  const auto first = parse_syslog_line(R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"a\"b"})", parser, scratch);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->message, "a\"b");
  const auto second = parse_syslog_line(R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"c\\d"})", parser, scratch);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->message, "c\\d");
  // Without escapes the message is a view into the line itself.
  const std::string plain = R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"plain"})";
  const auto third = parse_syslog_line(plain, parser, scratch);
  ASSERT_TRUE(third);
  EXPECT_GE(third->message.data(), plain.data());
  EXPECT_LT(third->message.data(), plain.data() + plain.size());
}

TEST(SyslogLine, WhyALineIsNoSyslogLine) {
  struct Case {
    std::string_view line;
    std::string_view reason_start;
    bool problem, known;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"-- Journal begins at Mon 2026-11-16 09:12:05 CET, ends at Fri 2026-11-20 23:59:01 CET. --", "journalctl's own line", false, true},
           {"-- Logs begin at Sat 2019-06-01 10:00:00 UTC, end at Fri 2026-11-20 23:59:01 UTC. --", "journalctl's own line", false, true},
           {"-- Reboot --", "journalctl's own line", false, true},
           {"-- Boot 5c0e0d3a9f2b4e6d8a1b2c3d4e5f6a7b --", "journalctl's own line", false, true},
           {"-- No entries --", "journalctl's own line", false, true},
           {"                                   rsync warning: some files vanished", "continuation line", false, true},
           {R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":null})", "journal entry whose MESSAGE", true, true},
           {R"({"__REALTIME_TIMESTAMP":"1795162502000000","_PID":"1"})", "journal entry without a MESSAGE", false, true},
           {R"({"__REALTIME_TIMESTAMP":"1795162502000000","MESSAGE":"cut)", "journal JSON line", true, true},
           {"[   12.345678] mx1 kernel: eth0: link up", "journalctl line with the time since boot", true, true},
           {"garbage", "not a syslog line", true, false},
       }) {
    const SyslogSkip why = why_not_syslog(c.line);
    EXPECT_TRUE(why.reason.starts_with(c.reason_start)) << c.line << " -> " << why.reason;
    EXPECT_EQ(why.problem, c.problem) << c.line;
    EXPECT_EQ(why.known, c.known) << c.line;
  }
}

TEST(SyslogLine, EveryStampShapeIsASyslogStampForSniffing) {
  for (std::string_view text : {"Nov 20 08:15:02 mx1 x: y", "Nov 20 08:15:02.123456 mx1 x: y",
                                "2026-11-20T08:15:02+0000 mx1 x: y", "2026-11-20T08:15:02.185246+01:00 mx1 x: y",
                                "Fri 2026-11-20 08:15:02 UTC mx1 x: y", "1795162502.123456 mx1 x: y",
                                R"({"MESSAGE":"y","__REALTIME_TIMESTAMP":"1795162502000000"})"})
    EXPECT_TRUE(starts_with_syslog_stamp(text)) << text;
  for (std::string_view text : {"-- Reboot --", "2026-11-20 08:15:02 1tAbCd-0001Xy-Q2 <= a@b", R"({"policies":[]})",
                                "Friday 2026", "12345.6 x"})
    EXPECT_FALSE(starts_with_syslog_stamp(text)) << text;
}

TEST(SyslogClock, ZoneNamesAreNoted) {
  SessionOptions options;
  options.utc_offset_minutes = 60;
  SyslogClock clock(options);
  TimestampParser parser(60);
  std::string scratch;
  const auto line = parse_syslog_line("Fri 2026-11-20 09:15:02 CET mx1 postfix/smtpd[1]: x", parser, scratch);
  ASSERT_TRUE(line);
  EXPECT_EQ(clock.resolve(line->stamp)->utc_seconds, kAt081502);
  SourceReport report;
  clock.add_note(report);
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("-o short-full"), std::string::npos);
}

// Sendmail through the journal: the same joins (STARTTLS line to the message of its process) as in
// its syslog file.
TEST(JournalExports, SendmailJsonReadsLikeItsSyslogFile) {
  const std::string syslog =
      "Nov 20 08:15:02 mx2 sm-mta[4321]: STARTTLS=server, relay=mail.fabrikam.com [198.51.100.7], version=TLSv1.3, "
      "verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256\n"
      "Nov 20 08:15:03 mx2 sm-mta[4321]: 4AKF2abc004321: from=<alerts@fabrikam.com>, size=18342, class=0, nrcpts=1, "
      "msgid=<a1b2c3d4@mail.fabrikam.com>, proto=ESMTPS, daemon=MTA, relay=mail.fabrikam.com [198.51.100.7]\n";
  const std::string json =
      R"({"__REALTIME_TIMESTAMP":"1795162502000000","SYSLOG_IDENTIFIER":"sm-mta","SYSLOG_PID":"4321","_HOSTNAME":"mx2",)"
      R"("MESSAGE":"STARTTLS=server, relay=mail.fabrikam.com [198.51.100.7], version=TLSv1.3, verify=NO, )"
      R"(cipher=TLS_AES_256_GCM_SHA384, bits=256/256"})" "\n"
      R"({"_HOSTNAME":"mx2","SYSLOG_PID":"4321","MESSAGE":"4AKF2abc004321: from=<alerts@fabrikam.com>, size=18342, )"
      R"(class=0, nrcpts=1, msgid=<a1b2c3d4@mail.fabrikam.com>, proto=ESMTPS, daemon=MTA, relay=mail.fabrikam.com )"
      R"([198.51.100.7]","SYSLOG_IDENTIFIER":"sm-mta","__REALTIME_TIMESTAMP":"1795162503000000"})" "\n";
  SessionOptions year;
  year.syslog_year = 2026;
  const auto from_syslog = test::read_text(syslog, {}, year);
  const auto from_journal = test::read_text(json);
  EXPECT_EQ(from_journal.report.format, "sendmail");
  test::expect_accounted(from_journal.report);
  EXPECT_EQ(test::count(from_journal.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13, "2026-11-20"),
            1u);
  EXPECT_EQ(test::rows_text(from_journal.aggregate), test::rows_text(from_syslog.aggregate));
}

}  // namespace
}  // namespace mailflow
