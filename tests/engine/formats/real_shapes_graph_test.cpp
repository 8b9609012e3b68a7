// Real shapes of Microsoft 365 message trace as JSON (tests/data/real-shapes/README.md): Graph
// messageTraces pages (pretty and concatenated, compact one per line), getDetailsByRecipient pages,
// Get-MessageTraceV2 / Get-MessageTraceDetailV2 through ConvertTo-Json in Windows PowerShell 5.1
// (UTF-16, \/Date(ms)\/) and PowerShell 7 (ISO dates with 7 fraction digits, an offset), a single
// object, one compressed object per line, and the Reporting Web Service's two JSON shapes. Each file
// is read whole, in 1-byte chunks and in random chunks. The figures were counted by hand from the
// files (see the README's grep commands), never taken from mailflow's output.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::connector;
using test::count;
using test::unknown_connector;

const std::vector<test::Cutting> kCuttings = {test::Cutting{}, test::Cutting{1, 0}, test::Cutting{97, 42},
                                              test::Cutting{4096, 7}};

const std::string kFurther = "further row of a message already counted";
const std::string kInternal = "internal message (neither FromIP nor ToIP)";
const std::string kRelayed = "relayed message (both FromIP and ToIP set: in from outside and out again)";
const std::string kSubmission = "submission of a message that was sent out (Receive of an outbound message)";
const std::string kInternalDetail = "internal message (stays in the organisation)";
std::string not_crossing(const std::string& event) { return "event is not a boundary crossing (" + event + ")"; }

struct Read {
  Aggregate aggregate;
  std::vector<SourceReport> reports;
};

Read read(const std::vector<std::string>& names, test::Cutting cutting) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& name : names) files.emplace_back(name, test::real_shape(name));
  auto session = test::ingest(files, cutting);
  Read r{session->aggregate(), {}};
  for (size_t i = 0; i < names.size(); ++i) r.reports.push_back(session->report(i));
  return r;
}

// Four pretty-printed Graph pages one after the other (the last one empty, none naming a page after
// it): 9 trace objects, one per recipient.
TEST(RealShapesGraph, MessageTracePagesConcatenated) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"graph-messagetraces-pages.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 9u);
    EXPECT_EQ(s.messages, 5u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);  // IPv6 fromIP
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-22"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
    EXPECT_EQ(count(r.aggregate, std::nullopt), 5u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u + 30511u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u + 4120u);
    // The second recipient of a1b2c3d4, and c3d4e5f6 listed again on the third page.
    EXPECT_EQ(test::skipped_for(s, kFurther), 2u);
    EXPECT_EQ(test::skipped_for(s, kInternal), 1u);
    EXPECT_EQ(test::skipped_for(s, kRelayed), 1u);
    EXPECT_TRUE(s.problems.empty());
    EXPECT_FALSE(test::has_note(s, "next page"));
  }
}

// Compact Graph responses one per line, as a script appends them; messageId escaped as \u003c...\u003e,
// one null (the trace id `id` keys that message); the last page names a next page.
TEST(RealShapesGraph, MessageTracePagesOnePerLineWithNextLink) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"graph-messagetraces-ndjson.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 5u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-23"), 2u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-24"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-23"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-24"), 1u);
    EXPECT_EQ(s.skipped, 0u);
    EXPECT_TRUE(test::has_note(s, "names a next page (@odata.nextLink)"));
  }
}

// getDetailsByRecipient pages of three of those messages (a1b2c3d4 for both recipients).
TEST(RealShapesGraph, DetailsByRecipient) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"graph-details-by-recipient.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-detail-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 8u);
    EXPECT_EQ(s.messages, 3u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::None, "2026-11-21"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum"), TlsVersion::Tls13, "2026-11-20"), 1u);
    EXPECT_EQ(test::skipped_for(s, kFurther), 1u);
    EXPECT_EQ(test::skipped_for(s, not_crossing("Deliver")), 2u);
    EXPECT_EQ(test::skipped_for(s, not_crossing("Spam Diagnostics")), 1u);
    EXPECT_EQ(test::skipped_for(s, kSubmission), 1u);
  }
}

// The trace pages and the detail pages in one session, either order: every message once, the
// detail's connector and TLS on the trace's messages (sizes from the trace).
TEST(RealShapesGraph, TracePagesJoinTheirDetails) {
  for (bool detail_first : {false, true}) {
    for (const test::Cutting& cutting : {test::Cutting{}, test::Cutting{97, 42}}) {
      SCOPED_TRACE(detail_first);
      const Read r = detail_first ? read({"graph-details-by-recipient.json", "graph-messagetraces-pages.json"}, cutting)
                                  : read({"graph-messagetraces-pages.json", "graph-details-by-recipient.json"}, cutting);
      EXPECT_EQ(count(r.aggregate, std::nullopt), 5u);
      EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
      EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector(""), TlsVersion::None, "2026-11-21"), 1u);
      EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-22"), 1u);
      EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum"), TlsVersion::Tls13, "2026-11-20"), 1u);
      EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
      EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2210u + 30511u);
      for (const SourceReport& s : r.reports) test::expect_accounted(s);
    }
  }
}

// Windows PowerShell 5.1: ConvertTo-Json | Out-File, UTF-16 LE with BOM, CRLF, "\/Date(ms)\/",
// \u003c...\u003e, and one Received written as PowerShell's DateTime object {"value": ..., "DisplayHint": 2}.
TEST(RealShapesGraph, TraceV2FromWindowsPowerShell) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"v2-trace-ps51.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 5u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 2u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2600u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u);
    EXPECT_EQ(test::skipped_for(s, kInternal), 1u);
    EXPECT_TRUE(test::has_note(s, "UTF-16"));
  }
}

TEST(RealShapesGraph, DetailV2FromWindowsPowerShell) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"v2-detail-ps51.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-detail-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 7u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
    // "&amp;" in the XML, written by PowerShell as \u0026amp;
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum & Co"), TlsVersion::Tls13, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, std::nullopt), 2u);
    EXPECT_EQ(test::skipped_for(s, not_crossing("Deliver")), 2u);
    EXPECT_EQ(test::skipped_for(s, not_crossing("Transport rule")), 1u);
    EXPECT_EQ(test::skipped_for(s, kSubmission), 1u);
    EXPECT_EQ(test::skipped_for(s, kInternalDetail), 1u);
  }
}

TEST(RealShapesGraph, TraceV2JoinsItsDetailV2) {
  for (const test::Cutting& cutting : {test::Cutting{}, test::Cutting{1, 0}}) {
    const Read r = read({"v2-trace-ps51.json", "v2-detail-ps51.json"}, cutting);
    EXPECT_EQ(count(r.aggregate, std::nullopt), 4u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, connector("Inbound from Fabrikam"), TlsVersion::Tls12, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, connector("Outbound to Adatum & Co"), TlsVersion::Tls13, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
    EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 18342u + 2600u);
  }
}

// PowerShell 7: UTF-8, ISO dates with 7 fraction digits, Z or an offset (+01:00 moves p2 back to the 20th).
TEST(RealShapesGraph, TraceV2FromPowerShell7) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"v2-trace-ps7.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 4u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-21"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-20"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);
    EXPECT_EQ(test::skipped_for(s, kRelayed), 1u);
  }
}

// ConvertTo-Json of a single result writes an object, not an array.
TEST(RealShapesGraph, TraceV2SingleObject) {
  for (const test::Cutting& cutting : kCuttings) {
    const Read r = read({"v2-trace-single-object.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-22"), 1u);
  }
}

// ConvertTo-Json -Compress | Add-Content -Encoding UTF8: a BOM, then one object per CRLF line.
TEST(RealShapesGraph, TraceV2OneCompressedObjectPerLine) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read r = read({"v2-trace-ndjson-bom.json"}, cutting);
    const SourceReport& s = r.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 3u);
    EXPECT_EQ(count(r.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-25"), 1u);
    EXPECT_EQ(count(r.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-25"), 1u);
    EXPECT_EQ(test::skipped_for(s, kInternal), 1u);
  }
}

// The Reporting Web Service: OData v3 ("odata.metadata", Received without a zone) and OData v2
// ("d"/"results", "__metadata" per object, "\/Date(ms)\/", "__next").
TEST(RealShapesGraph, ReportingWebServicePages) {
  for (const test::Cutting& cutting : kCuttings) {
    SCOPED_TRACE(cutting.fixed);
    const Read light = read({"graph-legacy-rws-odata.json"}, cutting);
    const SourceReport& s = light.reports[0];
    EXPECT_EQ(s.format, "message-trace-json");
    test::expect_accounted(s);
    EXPECT_EQ(s.records, 3u);
    EXPECT_EQ(count(light.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-25"), 1u);
    EXPECT_EQ(count(light.aggregate, Direction::Outbound, unknown_connector(), TlsVersion::NoData, "2026-11-25"), 1u);
    EXPECT_EQ(test::skipped_for(s, kFurther), 1u);

    const Read verbose = read({"graph-legacy-rws-verbose.json"}, cutting);
    const SourceReport& v = verbose.reports[0];
    EXPECT_EQ(v.format, "message-trace-json");
    test::expect_accounted(v);
    EXPECT_EQ(v.records, 2u);
    EXPECT_EQ(count(verbose.aggregate, Direction::Inbound, unknown_connector(), TlsVersion::NoData, "2026-11-25"), 1u);
    EXPECT_EQ(test::skipped_for(v, kInternal), 1u);
    EXPECT_TRUE(test::has_note(v, "names a next page"));
  }
}

}  // namespace
}  // namespace mailflow
