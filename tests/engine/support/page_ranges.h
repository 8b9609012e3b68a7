// A file read as the page reads a large file with several parse workers (web/page/worker_glue.js):
// the session reads the file's head itself until it can plan ranges, then the rest is cut by
// offsets every `range_bytes` into ranges parsed apart (ingest/detached_range.h), each fed from its
// start offset on in the chunks `cut` makes; the session takes them over in file order, but reads
// every third itself (as the ingest worker reads the ranges no parse worker has) and any it cannot
// take over (a cut inside a quoted field). Shared by the engine's tests and the pipeline fuzzer.
#pragma once

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/detached_range.h"
#include "ingest/session.h"

namespace mailflow::test {

struct PageRangeCounts {
  size_t taken = 0, refused = 0;
};

// False when the session and a range disagree on where the range ends (then the answer is wrong too).
inline bool read_in_page_ranges(Session& session, Session::SourceId id, std::string_view bytes,
                                const std::function<std::vector<std::string_view>(std::string_view)>& cut,
                                size_t range_bytes, PageRangeCounts* counts = nullptr) {
  const auto data_of = [](std::string_view chunk) { return reinterpret_cast<const uint8_t*>(chunk.data()); };
  uint64_t at = 0;
  std::string plan;
  for (const auto chunk : cut(bytes)) {
    session.feed(id, data_of(chunk), chunk.size());
    at += chunk.size();
    plan = session.range_plan(id);
    if (!plan.empty() || session.stopped(id)) break;
  }
  // Reads the bytes from `at` to the range's end (just past the first line break at or after `next`).
  const auto read_here = [&](uint64_t next) {
    RangeEnd end(Source::plan_units(plan), at, next);
    for (const auto chunk : cut(bytes.substr(at))) {
      session.feed(id, data_of(chunk), end.take(data_of(chunk), chunk.size()));
      if (end.found()) break;
    }
    at = end.offset();
  };
  bool agreed = true;
  uint64_t start = (at + 1) & ~uint64_t{1};  // even: a UTF-16 unit's start
  for (size_t range = 0; !plan.empty() && start < bytes.size(); ++range) {
    const uint64_t next = std::min<uint64_t>(bytes.size(), start + range_bytes);
    if (range == 0) {  // the head, up to the first range's start
      read_here(start);
      continue;
    }
    DetachedRange apart("", SessionOptions{}, plan, start, next);
    std::string events;
    for (const auto chunk : cut(bytes.substr(start))) {
      const bool more = apart.feed(data_of(chunk), chunk.size());
      events += apart.take_events();
      if (!more) break;
    }
    apart.finish();
    events += apart.take_events();
    const bool offered = range % 3 != 2;
    if (offered && session.take_over_range(id, apart.outcome(), events)) {
      agreed = agreed && session.report(id).bytes_read == apart.end();
      at = apart.end();
      if (counts) ++counts->taken;
    } else {
      if (counts && offered) ++counts->refused;
      read_here(next);
      agreed = agreed && at == apart.end();
    }
    start = next;
  }
  if (at < bytes.size())
    for (const auto chunk : cut(bytes.substr(at))) {
      session.feed(id, data_of(chunk), chunk.size());
      if (session.stopped(id)) break;
    }
  session.finish(id);
  return agreed;
}

}  // namespace mailflow::test
