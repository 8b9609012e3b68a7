#include "export/report_html.h"

#include <gtest/gtest.h>

#include "aggregate/aggregate_json.h"
#include "export/aggregate_pack.h"
#include "export/base64.h"
#include "export/deflate.h"
#include "export/html_text.h"
#include "export/summary_html.h"

namespace mailflow {
namespace {

constexpr std::string_view kHostile = "</script><script>alert(1)</script>";
constexpr std::string_view kPage =
    "<!doctype html><html><head><title>t</title></head><body><canvas></canvas>"
    "<!--mailflow:report--><script>start()</script></body></html>";

size_t count_of(std::string_view text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

Aggregate sample() {
  Aggregate a;
  const Day day = *parse_day("2026-11-20");
  const ConnectorId hostile = a.intern_connector(kHostile);
  const ConnectorId plain = a.intern_connector("Inbound from Fabrikam \xE2\x80\xA8 & <partners>");
  a.add({day, Direction::Inbound, hostile, TlsVersion::None}, {7, 700});
  a.add({day, Direction::Inbound, plain, TlsVersion::Tls13}, {40, 4000});
  a.add({day + 1, Direction::Outbound, kNoConnector, TlsVersion::Tls12}, {3, 300});
  RemoteNames& names = a.partners().names();
  a.partners().add({day, Direction::Inbound, hostile, TlsVersion::None, names.intern("<evil>.example", "mx.<evil>.example")},
                   {7, 700});
  a.partners().add({day, Direction::Inbound, plain, TlsVersion::Tls13, names.intern("fabrikam.com", "mail.fabrikam.com")},
                   {40, 4000});
  a.partners().add({day + 1, Direction::Outbound, kNoConnector, TlsVersion::Tls12, names.intern("", "")}, {3, 300});
  SourceReport source;
  source.name = "<img src=x onerror=alert(2)>.csv";
  source.format = "mailflow-csv";
  source.format_name = "mailflow CSV";
  source.records = source.messages = 50;
  source.finished = true;
  a.add_source(source);
  return a;
}

// The text of the element that starts with `open`.
std::string_view element(std::string_view html, std::string_view open) {
  const size_t start = html.find(open);
  if (start == std::string_view::npos) return {};
  const size_t end = html.find("</script>", start + open.size());
  return html.substr(start + open.size(), end - start - open.size());
}

TEST(ReportHtml, EmbedsTheAggregateAfterTheMarkerAndReadsItBack) {
  const Aggregate a = sample();
  ReportOptions options;
  options.saved_at = "2026-11-27T17:40:00Z";
  const std::string html = report_html(kPage, a, ReportState{}, options);
  ASSERT_FALSE(html.empty());
  EXPECT_LT(html.find(kReportMarker), html.find(kReportElementOpen));
  EXPECT_LT(html.find(kAggregateElementOpen), html.find("<script>start()"));
  EXPECT_TRUE(looks_like_saved_report(html.substr(0, 4096)));

  std::string error;
  const auto back = read_saved_report(html, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(back->aggregate), aggregate_to_json(a)) << "the aggregate round-trips unchanged";
  EXPECT_EQ(back->saved_at, "2026-11-27T17:40:00Z");
  EXPECT_TRUE(back->remote_hosts);
  EXPECT_EQ(back->generator, "mailflow " MAILFLOW_VERSION);
  // And through base64, inflate and the packed form alone, as any reader of the element would;
  // the aggregate JSON written from it reads back through aggregate_from_json unchanged.
  const auto inflated = inflate_raw(base64_decode(element(html, kAggregateElementOpen)).value_or(""));
  ASSERT_TRUE(inflated);
  EXPECT_EQ(*inflated, pack_aggregate(a));
  const auto unpacked = unpack_aggregate(*inflated, error);
  ASSERT_TRUE(unpacked) << error;
  const auto direct = aggregate_from_json(aggregate_to_json(*unpacked), error);
  ASSERT_TRUE(direct) << error;
  EXPECT_EQ(aggregate_to_json(*direct), aggregate_to_json(a));
}

TEST(ReportHtml, TextFromTheLogsCannotLeaveTheScriptElement) {
  ReportState state;
  state.page = "connectors";
  state.connector = ConnectorChoice::named(std::string(kHostile));  // the view names it in clear JSON
  const std::string html = report_html(kPage, sample(), state);
  {
    const std::string_view body = element(html, kReportElementOpen);
    ASSERT_FALSE(body.empty());
    EXPECT_EQ(body.find('<'), std::string_view::npos);
    EXPECT_EQ(body.find('>'), std::string_view::npos);
    EXPECT_EQ(body.find('&'), std::string_view::npos);
    EXPECT_EQ(body.find("\xE2\x80\xA8"), std::string_view::npos) << "U+2028 ends a line in old JavaScript";
  }
  EXPECT_EQ(element(html, kAggregateElementOpen).find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
            std::string_view::npos)
      << "the aggregate is base64: nothing in it can be markup";
  EXPECT_EQ(html.find("alert(1)</script>"), std::string::npos);
  EXPECT_NE(html.find(R"(\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e)"), std::string::npos);
  EXPECT_EQ(count_of(html, "<script"), 3u) << "the page's script and the two inert data elements, nothing more";
}

TEST(ReportHtml, WithoutRemoteHostNames) {
  ReportOptions options;
  options.remote_hosts = false;
  const std::string html = report_html(kPage, sample(), ReportState{}, options);
  std::string error;
  const auto back = read_saved_report(html, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->embedded.find("fabrikam.com"), std::string::npos);
  EXPECT_EQ(back->embedded.find("evil"), std::string::npos);
  EXPECT_FALSE(back->remote_hosts);
  EXPECT_TRUE(back->aggregate.partners().empty());
  EXPECT_EQ(back->aggregate.total().messages, 50u) << "the counts stay";
}

TEST(ReportHtml, SavingASavedReportReplacesItsData) {
  const std::string first = report_html(kPage, sample(), ReportState{});
  Aggregate other;
  other.add({*parse_day("2026-01-01"), Direction::Outbound, kNoConnector, TlsVersion::Tls13}, {1, 1});
  const std::string second = report_html(first, other, ReportState{});
  EXPECT_EQ(count_of(second, kReportElementOpen), 1u);
  EXPECT_EQ(count_of(second, kAggregateElementOpen), 1u);
  EXPECT_EQ(strip_report(second), std::string(kPage));
  std::string error;
  const auto back = read_saved_report(second, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->aggregate.total().messages, 1u);
}

TEST(ReportHtml, TheViewIsKeptWithTheNavigationKeys) {
  ReportState state;
  state.page = "connectors";
  state.view = "tls-usage";
  state.connector = ConnectorChoice::named(std::string(kHostile));
  state.range = "custom";
  state.from = "2026-11-01";
  state.to = "2026-11-20";
  state.language = "de";
  state.theme = "dark";
  EXPECT_EQ(report_state_json(state),
            R"({"page":"connectors","flyout":false,"view":"tls-usage","connector":"</script><script>alert(1)</script>",)"
            R"("from":"2026-11-01","to":"2026-11-20","direction":"inbound","language":"de","theme":"dark"})");
  std::string error;
  const auto back = read_saved_report(report_html(kPage, sample(), state), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->state_json, report_state_json(state));
  EXPECT_EQ(report_state_json(ReportState{}),
            R"({"page":"dashboard","flyout":false,"view":"mail-flow","range":"7","direction":"inbound","language":"en","theme":"light"})");
}

TEST(ReportHtml, OnlyTheElementsAfterTheMarkerCount) {
  // A page whose script spells out the report element (in a comment, say) stays whole.
  const std::string page = std::string("<html><body><!--mailflow:report--><script>// see ") +
                           std::string(kReportElementOpen) + " and " + std::string(kAggregateElementOpen) +
                           "\nstart()</script></body></html>";
  EXPECT_EQ(strip_report(page), page);
  EXPECT_FALSE(looks_like_saved_report(page));
  std::string error;
  EXPECT_FALSE(read_saved_report(page, error));
  const std::string html = report_html(page, sample(), ReportState{});
  EXPECT_EQ(strip_report(html), page);
  EXPECT_NE(html.find("start()</script>"), std::string::npos);
  EXPECT_TRUE(read_saved_report(html, error)) << error;
}

TEST(ReportHtml, RefusesWhatIsNotAPageOrAReport) {
  EXPECT_FALSE(is_report_page("<html><body>hello</body></html>"));
  EXPECT_EQ(report_html("<html><body>hello</body></html>", sample(), ReportState{}), "");
  std::string error;
  EXPECT_FALSE(read_saved_report(kPage, error));
  EXPECT_NE(error.find("no embedded report"), std::string::npos);
  const std::string broken = std::string(kReportMarker) + std::string(kReportElementOpen) + "{\"schema\":\"other\"}</script>" +
                             std::string(kAggregateElementOpen) + "{}</script>";
  EXPECT_FALSE(read_saved_report(broken, error));
  EXPECT_FALSE(looks_like_saved_report("timestamp,direction\n"));
}

TEST(ReportHtml, DamagedAggregateIsRefusedWithAReason) {
  std::string html = report_html(kPage, sample(), ReportState{});
  const size_t at = html.find(kAggregateElementOpen) + kAggregateElementOpen.size();
  html.replace(at, 8, "!!!!!!!!");
  std::string error;
  EXPECT_FALSE(read_saved_report(html, error));
  EXPECT_NE(error.find("damaged"), std::string::npos) << error;
}

TEST(Deflate, RoundTripsAndCompressesRepetitiveText) {
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "{\"day\":\"2026-11-" + std::to_string(10 + i % 20) + "\",\"messages\":" + std::to_string(i * 7919 % 10007) + "},";
  const std::string packed = deflate_raw(text);
  EXPECT_LT(packed.size() * 5, text.size());
  EXPECT_EQ(inflate_raw(packed), text);
  EXPECT_EQ(inflate_raw(deflate_raw("")), "");
  std::string binary;
  for (int i = 0; i < 70000; ++i) binary += static_cast<char>((i * 2654435761u) >> 13);
  EXPECT_EQ(inflate_raw(deflate_raw(binary)), binary) << "incompressible data, several blocks";
  EXPECT_FALSE(inflate_raw("\xff\xff\xff"));
  EXPECT_FALSE(inflate_raw(packed, 100)) << "the size limit holds";
  // A stored block and a fixed-Huffman block as other encoders write them ("hi" twice).
  EXPECT_EQ(inflate_raw(std::string("\x01\x02\x00\xfd\xffhi", 7)), "hi");
  EXPECT_EQ(inflate_raw(std::string("\xcb\xc8\x04\x00", 4)), "hi");
  const std::string bytes("any\0bytes\xff", 11);
  EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes);
  EXPECT_EQ(base64_encode("ab"), "YWI=");
}

TEST(AggregatePack, RoundTripsAndRefusesMalformedInput) {
  Aggregate a = sample();
  a.add({*parse_day("2026-12-24"), Direction::Outbound, kUnknownConnector, TlsVersion::NoData}, {5, 55});
  // Many partners over several days, one of them past the bound ("other partners").
  for (int i = 0; i < 100; ++i)
    a.partners().add({*parse_day("2026-11-20") + i % 5, Direction::Inbound, kNoConnector, TlsVersion::Tls12,
                      a.partners().names().intern("p" + std::to_string(i % 30) + ".example", "h" + std::to_string(i))},
                     {static_cast<uint64_t>(i % 7 + 1), 100});
  a.partners().add({*parse_day("2026-11-21"), Direction::Inbound, kNoConnector, TlsVersion::None, RemoteNames::kOtherPartners},
                   {9, 900});
  std::string error;
  const auto back = unpack_aggregate(pack_aggregate(a), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(*back), aggregate_to_json(a));
  const auto from_json = aggregate_from_json(aggregate_to_json(a), error);
  ASSERT_TRUE(from_json) << error;
  EXPECT_EQ(aggregate_to_json(*from_json), aggregate_to_json(a));
  EXPECT_TRUE(unpack_aggregate(pack_aggregate(Aggregate{}), error)) << error;
  EXPECT_EQ(pack_aggregate(a).rfind("{\"schema\":\"mailflow.aggregate.packed.v1\"", 0), 0u) << "the page looks for it first";
  for (const char* bad : {
           "[]", "{\"schema\":\"mailflow.aggregate.v1\",\"rows\":[]}",
           R"({"schema":"mailflow.aggregate.packed.v1","connectors":[null],"first_day":"2026-01-01",
               "rows":{"day":[0],"direction":[0],"connector":[7],"tls":[0],"messages":[1],"bytes":[1]}})",
           R"({"schema":"mailflow.aggregate.packed.v1","connectors":[null],"first_day":"2026-01-01",
               "rows":{"day":[0],"direction":[0],"connector":[0],"tls":[0],"messages":[1,2],"bytes":[1]}})",
           R"({"schema":"mailflow.aggregate.packed.v1","connectors":[null],"first_day":"2026-01-01",
               "rows":{"day":[],"direction":[],"connector":[],"tls":[],"messages":[],"bytes":[]},
               "partners":{"endpoints":[["p","h"]],"first_day":"2026-01-01","cells":{"day":[0],"direction":[0],
                 "connector":[0],"tls":[4],"endpoint":[2],"messages":[1],"bytes":[1]}}})",
           R"({"schema":"mailflow.aggregate.packed.v1","connectors":[null],"first_day":"2026-01-01",
               "rows":{"day":[],"direction":[],"connector":[],"tls":[],"messages":[],"bytes":[]},
               "partners":{"endpoints":[["p","h"]],"first_day":"2026-01-01","cells":{"day":[0],"direction":[0],
                 "connector":[0],"tls":[4],"endpoint":[1],"messages":["x"],"bytes":[1]}}})",
           R"({"schema":"mailflow.aggregate.packed.v1","connectors":[null],"first_day":"2026-01-01",
               "rows":{"day":[],"direction":[],"connector":[],"tls":[],"messages":[],"bytes":[]},
               "partners":{"endpoints":[["p"]],"first_day":"2026-01-01","cells":{"day":[],"direction":[],
                 "connector":[],"tls":[],"endpoint":[],"messages":[],"bytes":[]}}})"}) {
    EXPECT_FALSE(unpack_aggregate(bad, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
}

TEST(HtmlText, EscapesMarkupQuotesControlsAndBrokenUtf8) {
  EXPECT_EQ(html_text("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(html_text("x\x01y\xFFz"), "x\xEF\xBF\xBDy\xEF\xBF\xBDz");
  EXPECT_EQ(html_text("Grüße\tok"), "Grüße\tok");
  EXPECT_EQ(json_for_script("{\"a\":\"<&>\xE2\x80\xA9\"}"), "{\"a\":\"\\u003c\\u0026\\u003e\\u2029\"}");
}

TEST(SummaryHtml, TablesWithCaptionsAndScopesAndNothingLive) {
  const Aggregate a = sample();
  const DateRange range{*parse_day("2026-11-14"), *parse_day("2026-11-21")};
  const std::string html = summary_html(a, range, {"2026-11-27T17:40:00Z", true});
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(count_of(html, "<table>"), count_of(html, "<caption>"));
  EXPECT_GE(count_of(html, "<table>"), 6u);
  EXPECT_NE(html.find("<th scope=\"row\">"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(html.find("mx.&lt;evil&gt;.example"), std::string::npos) << "the insight's top host";
  const std::string without = summary_html(a, range, {"", false});
  EXPECT_EQ(without.find("evil"), std::string::npos);
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
namespace {

// Found by the hostile-input browser test: a file with dates in 1900 and 9999 made the packed
// aggregate unreadable for the dashboard, which then kept showing stale figures.
TEST(AggregatePack, ExtremeDaysAndSizesRoundTrip) {
  Aggregate aggregate;
  const ConnectorId c = aggregate.intern_connector("A");
  aggregate.add({*parse_day("1900-01-01"), Direction::Inbound, c, TlsVersion::Tls12}, {1, 5});
  aggregate.add({*parse_day("9999-12-31"), Direction::Outbound, c, TlsVersion::None}, {1, UINT64_MAX});
  std::string error;
  auto unpacked = unpack_aggregate(pack_aggregate(aggregate), error);
  ASSERT_TRUE(unpacked.has_value()) << error;
  EXPECT_EQ(aggregate_to_json(*unpacked), aggregate_to_json(aggregate));
}

}  // namespace
}  // namespace mailflow
