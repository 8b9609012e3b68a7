// The streaming JSON splitter: records out of single objects, concatenations, NDJSON, arrays and
// envelopes (Graph / OData pages), with their lines; strings that hold brackets; records too large,
// text outside objects and files cut off; the same answer however the text is cut.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "formats/json_records/dotnet_date.h"
#include "formats/json_records/flat_object.h"
#include "formats/json_records/json_records.h"

namespace mailflow {
namespace {

// Everything the splitter reported, in order, as text.
struct Log {
  std::vector<std::string> events;
};

std::vector<std::string> split(std::string_view text, std::vector<std::string> array_names, size_t cut = 0,
                               size_t max_bytes = JsonRecords::kMaxObjectBytes) {
  Log log;
  JsonRecords records(
      {[&](std::string_view object, uint64_t line) { log.events.push_back(std::to_string(line) + " " + std::string(object)); },
       [&](uint64_t line, uint64_t bytes) { log.events.push_back(std::to_string(line) + " oversized " + std::to_string(bytes)); },
       [&](uint64_t line, std::string_view sample) { log.events.push_back(std::to_string(line) + " stray " + std::string(sample)); },
       [&](uint64_t line) { log.events.push_back(std::to_string(line) + " cut"); }},
      {std::move(array_names),
       [&](std::string_view members, uint64_t line, uint64_t n, bool complete) {
         log.events.push_back(std::to_string(line) + " page " + std::to_string(n) + (complete ? " " : " cut ") +
                              std::string(members));
       }},
      max_bytes);
  if (cut == 0) {
    records.feed(text);
  } else {
    for (size_t i = 0; i < text.size(); i += cut) records.feed(text.substr(i, cut));
  }
  records.finish();
  return log.events;
}

const std::vector<std::string> kPages = {"value", "results"};

TEST(JsonRecords, GraphPageGivesItsObjectsOneByOne) {
  const std::string page =
      "{\n"
      "  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#admin/exchange/tracing/messageTraces\",\n"
      "  \"value\": [\n"
      "    {\"subject\": \"a ] b } c [ {\", \"size\": 1},\n"
      "    {\"subject\": \"say \\\"hi\\\" \\\\\", \"size\": 2}\n"
      "  ],\n"
      "  \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/next\"\n"
      "}\n";
  const std::vector<std::string> expected = {
      "4 {\"subject\": \"a ] b } c [ {\", \"size\": 1}",
      "5 {\"subject\": \"say \\\"hi\\\" \\\\\", \"size\": 2}",
      "1 page 2 {\n  \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#admin/exchange/tracing/messageTraces\",\n"
      "  \"value\": [],\n  \"@odata.nextLink\": \"https://graph.microsoft.com/v1.0/next\"\n}"};
  EXPECT_EQ(split(page, kPages), expected);
  for (size_t cut : {1u, 2u, 3u, 7u, 64u}) EXPECT_EQ(split(page, kPages, cut), expected) << cut;
}

TEST(JsonRecords, PagesConcatenatedPerLineOrInAnArray) {
  const std::string a = "{\"value\":[{\"n\":1}]}{\"value\":[{\"n\":2},{\"n\":3}]}\n{\"value\":[]}";
  const std::vector<std::string> expected = {"1 {\"n\":1}", "1 page 1 {\"value\":[]}", "1 {\"n\":2}", "1 {\"n\":3}",
                                             "1 page 2 {\"value\":[]}", "2 page 0 {\"value\":[]}"};
  EXPECT_EQ(split(a, kPages), expected);
  const std::string b = "[{\"value\":[{\"n\":1}]},\n {\"value\":[{\"n\":2}]}]";
  EXPECT_EQ(split(b, kPages),
            (std::vector<std::string>{"1 {\"n\":1}", "1 page 1 {\"value\":[]}", "2 {\"n\":2}", "2 page 1 {\"value\":[]}"}));
}

TEST(JsonRecords, ODataV2ResultsInsideD) {
  const std::string text = "{\"d\":{\"results\":[{\"n\":1},{\"n\":2}],\"__next\":\"u\"}}";
  EXPECT_EQ(split(text, kPages), (std::vector<std::string>{"1 {\"n\":1}", "1 {\"n\":2}",
                                                           "1 page 2 {\"d\":{\"results\":[],\"__next\":\"u\"}}"}));
}

TEST(JsonRecords, ObjectsThatAreNoEnvelopeStayWhole) {
  // A "value" that is no array, or an array deeper than an envelope holds one, is a record's member.
  const std::string text =
      "{\"Received\":{\"value\":\"\\/Date(1)\\/\",\"DisplayHint\":2}}\n"
      "{\"value\":\"x\"}\n"
      "{\"a\":{\"b\":{\"value\":[{\"n\":1}]}}}\n"
      "{\"list\":[{\"value\":[1]}]}\n";
  EXPECT_EQ(split(text, kPages),
            (std::vector<std::string>{"1 {\"Received\":{\"value\":\"\\/Date(1)\\/\",\"DisplayHint\":2}}",
                                      "2 {\"value\":\"x\"}", "3 {\"a\":{\"b\":{\"value\":[{\"n\":1}]}}}",
                                      "4 {\"list\":[{\"value\":[1]}]}"}));
  // Without envelope names every top-level object is a record (TLS-RPT reports).
  EXPECT_EQ(split("{\"value\":[{\"n\":1}]}", {}), (std::vector<std::string>{"1 {\"value\":[{\"n\":1}]}"}));
}

TEST(JsonRecords, StrayTextOversizedAndCutOff) {
  const std::string text =
      "\xEF\xBB\xBF[\n"
      "{\"value\": [1, \"a]b\", {\"n\": 1}, {\"big\": \"0123456789012345678901234567890123456789\"}]},\n"
      "garbage\n"
      "{\"value\": [{\"n\": 2}, {\"n\": ";
  EXPECT_EQ(split(text, kPages, 0, 32),
            (std::vector<std::string>{"2 stray 1\"a]b\"", "2 {\"n\": 1}", "2 oversized 51", "2 page 2 {\"value\": []}",
                                      "3 stray garbage", "4 {\"n\": 2}", "4 cut", "4 page 1 cut {\"value\": "}));
  EXPECT_EQ(split(text, kPages, 1, 32), split(text, kPages, 0, 32));
  // Cut between two records of a page: the page is reported cut, no record is.
  EXPECT_EQ(split("{\"value\":[{\"n\":1},", kPages),
            (std::vector<std::string>{"1 {\"n\":1}", "1 page 1 cut {\"value\":"}));
}

TEST(JsonRecords, AnEnvelopeTooLargeToKeepStillGivesItsRecords) {
  std::string text = "{\"x\":\"" + std::string(JsonRecords::kMaxEnvelopeBytes, 'a') + "\",\"value\":[{\"n\":1}]}";
  EXPECT_EQ(split(text, kPages), (std::vector<std::string>{"1 {\"n\":1}", "1 page 1 "}));
}

TEST(FlatObject, ReadsTheWantedMembersAsText) {
  FlatObject object({"receiveddatetime", "fromip", "toip", "size", "messageid"});
  ASSERT_TRUE(object.read("{\"ReceivedDateTime\":{\"value\":\"\\/Date(5)\\/\",\"DisplayHint\":2},\"FromIP\":null,"
                          "\"to_ip\":\"203.0.113.25\",\"Size\":18342,\"MessageId\":\"\\u003ca@b\\u003e\",\"x\":[1,{\"toip\":1}]}"));
  EXPECT_EQ(object.value(0), "/Date(5)/");
  EXPECT_TRUE(object.has(1));
  EXPECT_EQ(object.value(1), "");
  EXPECT_EQ(object.value(2), "203.0.113.25");
  EXPECT_EQ(object.value(3), "18342");
  EXPECT_EQ(object.value(4), "<a@b>");
  EXPECT_FALSE(object.read("{\"a\":1,}"));
  EXPECT_FALSE(object.has(3));
  EXPECT_FALSE(object.read("[1]"));
  // Deep nesting is read without recursion.
  ASSERT_TRUE(object.read("{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + ",\"size\":1}"));
  EXPECT_EQ(object.value(3), "1");
}

TEST(DotnetDate, MillisecondsSinceTheEpochInUtc) {
  std::string iso;
  ASSERT_TRUE(dotnet_date_to_iso("/Date(1795162502000)/", iso));
  EXPECT_EQ(iso, "2026-11-20T08:15:02Z");
  ASSERT_TRUE(dotnet_date_to_iso("/Date(1795162502999+0100)/", iso));  // the offset does not move the instant
  EXPECT_EQ(iso, "2026-11-20T08:15:02Z");
  ASSERT_TRUE(dotnet_date_to_iso("/Date(-1)/", iso));
  EXPECT_EQ(iso, "1969-12-31T23:59:59Z");
  EXPECT_FALSE(dotnet_date_to_iso("2026-11-20T08:15:02Z", iso));
  EXPECT_FALSE(dotnet_date_to_iso("/Date(abc)/", iso));
  EXPECT_FALSE(dotnet_date_to_iso("/Date(99999999999999999999)/", iso));
}

}  // namespace
}  // namespace mailflow
