// Get-MessageTrace(V2) exports: direction from FromIP/ToIP, one message per MessageId, culture
// dates, #TYPE line and ';' delimiter, and the accounting of every row.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"
#include "formats/message_trace/message_trace.h"

namespace mailflow {
namespace {

using test::count;
using test::unknown_connector;

// FORMATS §1.6 plus: a second recipient of the first message, an internal message, a relayed one,
// and a bad date; en-US culture, Windows PowerShell 5.1 with its #TYPE line.
const std::string kEnUs =
    "#TYPE Deserialized.Microsoft.Exchange.Management.FfoReporting.MessageTrace\r\n"
    "\"Received\",\"SenderAddress\",\"RecipientAddress\",\"Subject\",\"Status\",\"ToIP\",\"FromIP\",\"Size\",\"MessageId\",\"MessageTraceId\"\r\n"
    "\"11/20/2026 8:15:02 AM\",\"alerts@fabrikam.com\",\"megan@contoso.com\",\"Invoice, November \"\"final\"\"\",\"Delivered\",\"\",\"198.51.100.7\",\"18342\",\"<a1b2c3d4@mail.fabrikam.com>\",\"6f1c2e9a\"\r\n"
    "\"11/20/2026 8:15:02 AM\",\"alerts@fabrikam.com\",\"lee@contoso.com\",\"Invoice, November \"\"final\"\"\",\"Delivered\",\"\",\"198.51.100.7\",\"18342\",\"<a1b2c3d4@mail.fabrikam.com>\",\"6f1c2e9a\"\r\n"
    "\"11/20/2026 9:01:44 AM\",\"megan@contoso.com\",\"lee@adatum.com\",\"Re: Q4\r\nplan\",\"Delivered\",\"203.0.113.25\",\"\",\"7311\",\"<c3d4e5f6@contoso.com>\",\"0b2c3d4e\"\r\n"
    "\"11/20/2026 9:05:10 AM\",\"promo@adatum.com\",\"megan@contoso.com\",\"You won\",\"FilteredAsSpam\",\"\",\"203.0.113.80\",\"2210\",\"<x9y8z7@adatum.com>\",\"1c3d4e5f\"\r\n"
    "\"11/21/2026 10:00:00 AM\",\"megan@contoso.com\",\"lee@contoso.com\",\"Lunch\",\"Delivered\",\"\",\"\",\"900\",\"<i1@contoso.com>\",\"2d4e\"\r\n"
    "\"11/21/2026 11:00:00 AM\",\"erp@contoso.com\",\"ana@adatum.com\",\"Relay\",\"Delivered\",\"203.0.113.26\",\"192.0.2.60\",\"500\",\"<r1@contoso.com>\",\"3e5f\"\r\n"
    "\"13/45/2026 11:00:00 AM\",\"x@adatum.com\",\"megan@contoso.com\",\"Bad\",\"Delivered\",\"\",\"203.0.113.9\",\"1\",\"<bad@adatum.com>\",\"4f60\"\r\n";

TEST(MessageTrace, DirectionFromIpsOneMessagePerMessageId) {
  const auto r = test::read_text(kEnUs);
  EXPECT_EQ(r.report.format, "message-trace");
  test::expect_accounted(r.report);
  EXPECT_EQ(r.report.records, 7u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 2u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, std::nullopt), 3u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u);
  EXPECT_EQ(test::skipped_for(r.report, "further row of a message already counted"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "internal message (neither FromIP nor ToIP)"), 1u);
  EXPECT_EQ(test::skipped_for(r.report, "relayed message (both FromIP and ToIP set: in from outside and out again)"), 1u);
  ASSERT_EQ(r.report.problems.size(), 1u);
  EXPECT_EQ(r.report.problems[0].line, 10u);  // #TYPE, header, and the two-line subject before it
}

TEST(MessageTrace, GermanCultureExportReadsTheSame) {
  // -UseCulture on de-DE: ';' and dd.MM.yyyy dates, UTF-8 with BOM, no #TYPE.
  const std::string de =
      "\xEF\xBB\xBF\"Received\";\"SenderAddress\";\"RecipientAddress\";\"Subject\";\"Status\";\"ToIP\";\"FromIP\";\"Size\";\"MessageId\";\"MessageTraceId\"\r\n"
      "\"20.11.2026 08:15:02\";\"alerts@fabrikam.com\";\"megan@contoso.com\";\"Rechnung; November\";\"Delivered\";\"\";\"198.51.100.7\";\"18342\";\"<a1b2c3d4@mail.fabrikam.com>\";\"6f1c2e9a\"\r\n"
      "\"20.11.2026 09:01:44\";\"megan@contoso.com\";\"lee@adatum.com\";\"Re: Q4\";\"Delivered\";\"203.0.113.25\";\"\";\"7311\";\"<c3d4e5f6@contoso.com>\";\"0b2c3d4e\"\r\n";
  const auto r = test::read_text(de);
  EXPECT_EQ(r.report.format, "message-trace");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
}

TEST(MessageTrace, DayFirstSlashDatesAreDecidedByTheFile) {
  // en-GB: 24-hour times; the 21/11 row proves day first, though it comes last.
  const std::string gb =
      "Received,SenderAddress,RecipientAddress,ToIP,FromIP,Size,MessageId\n"
      "05/11/2026 08:00:00,a@fabrikam.com,megan@contoso.com,,198.51.100.7,1,<m1@f>\n"
      "21/11/2026 08:00:00,a@fabrikam.com,megan@contoso.com,,198.51.100.7,1,<m2@f>\n";
  const auto r = test::read_text(gb);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), std::nullopt, "2026-11-05"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), std::nullopt, "2026-11-21"), 1u);
  test::expect_chunk_independent(gb);
}

TEST(MessageTrace, ChunkCutsDoNotChangeTheAnswer) { test::expect_chunk_independent(kEnUs); }

TEST(MessageTrace, GraphShapeIsReadToo) {
  const std::string graph =
      "receivedDateTime,senderAddress,recipientAddress,status,fromIP,toIP,size,messageId,id\n"
      "2026-11-20T08:15:02Z,alerts@fabrikam.com,megan@contoso.com,delivered,198.51.100.7,,18342,<a1@f>,1\n";
  const auto r = test::read_text(graph);
  EXPECT_EQ(r.report.format, "message-trace");
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
}

TEST(MessageTrace, MissingColumnIsNamed) {
  const auto r = test::read_text("Received,SenderAddress,RecipientAddress,FromIP,MessageId\n"
                                 "11/20/2026 8:15:02 AM,a@b.c,d@e.f,198.51.100.7,<x>\n");
  // Without ToIP the file is not recognised as a trace at all; the error says what mailflow reads.
  EXPECT_FALSE(r.report.error.empty());
  const SourceReport report = test::read_with_format(
      kMessageTraceFormat,
      "Received,SenderAddress,RecipientAddress,FromIP,MessageId\n11/20/2026 8:15:02 AM,a@b.c,d@e.f,1.2.3.4,<x>\n");
  EXPECT_NE(report.error.find("\"ToIP\""), std::string::npos) << report.error;
}

}  // namespace
}  // namespace mailflow
