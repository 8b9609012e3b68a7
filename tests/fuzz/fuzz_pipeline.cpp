// The whole pipeline from raw bytes: sniffing, decoding, every reader, the message table, the
// aggregate and its JSON. Beyond "no crash", it checks the engine's promises on every input: the
// answer does not depend on where the chunks were cut, nor (natively) on the threads it is read
// with, nor on the ranges the page's workers cut a large file into, and every record is accounted
// for.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "aggregate/aggregate_json.h"
#include "fuzz_check.h"
#include "ingest/session.h"
#include "support/page_ranges.h"

namespace {

// `as_shell`: as the shell feeds, each chunk in a buffer the engine may take as it is, and no
// further once the source says it stopped (an error); the bytes a source counts as read then do
// not depend on the threads.
std::string ingest(const uint8_t* data, size_t size, size_t chunk, mailflow::SourceReport* report,
                   unsigned threads = 1, bool as_shell = false, size_t range_bytes = 0) {
  mailflow::SessionOptions options;
  options.threads = threads;
  if (range_bytes) options.range_bytes = range_bytes;
  mailflow::Session session(options);
  const auto id = session.add_source("fuzz");
  mailflow::ByteBuffer buffer;
  for (size_t pos = 0; pos < size; pos += chunk) {
    const size_t n = std::min(chunk, size - pos);
    if (!as_shell) {
      session.feed(id, data + pos, n);
      continue;
    }
    buffer.assign(data + pos, data + pos + n);
    session.feed(id, buffer, n);
    if (session.stopped(id)) break;
  }
  session.finish(id);
  if (report) *report = session.report(id);
  return mailflow::aggregate_to_json(session.aggregate());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the chunk size of the second pass (1..256 bytes).
  const size_t chunk = size_t{data[0]} + 1;
  mailflow::SourceReport report;
  const std::string whole = ingest(data + 1, size - 1, size, &report);
  const std::string cut = ingest(data + 1, size - 1, chunk, nullptr);
  if (whole != cut) mailflow::fuzz::fail("the answer does not depend on chunk cuts", whole, cut);
  // Inputs past the 64 KB the format is chosen from parse on a thread of their own, or (a format
  // that cuts at records) in ranges on several; the cuts of a large input are larger, so the run
  // stays fast. The ranges' size comes from the input too.
  if (size > (64u << 10)) {
    const size_t large = chunk * 64;
    const std::string one = ingest(data + 1, size - 1, large, nullptr, 1, true);
    const std::string two = ingest(data + 1, size - 1, large, nullptr, 2, true);
    if (one != two) mailflow::fuzz::fail("the answer does not depend on the threads", one, two);
    const std::string ranges = ingest(data + 1, size - 1, large, nullptr, 3, true, chunk * 97);
    if (one != ranges) mailflow::fuzz::fail("the answer does not depend on the ranges a file is cut into", one, ranges);
    mailflow::Session session;
    const auto id = session.add_source("fuzz");
    const auto cut = [large](std::string_view bytes) {
      std::vector<std::string_view> chunks;
      for (size_t pos = 0; pos < bytes.size(); pos += large) chunks.push_back(bytes.substr(pos, large));
      return chunks;
    };
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    if (!mailflow::test::read_in_page_ranges(session, id, bytes, cut, chunk * 89))
      mailflow::fuzz::fail("the session and a page range agree on where the range ends", one);
    const std::string apart = mailflow::aggregate_to_json(session.aggregate());
    if (one != apart) mailflow::fuzz::fail("the answer does not depend on the page's ranges", one, apart);
  }
  // Pre-aggregated reports count the messages their rows carry; every other format counts rows.
  if (report.format != "eac-inout-report" && report.records != report.messages + report.reports + report.skipped)
    mailflow::fuzz::fail("records == messages + reports + skipped", whole);
  return 0;
}
