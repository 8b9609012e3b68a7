// What a file parsed apart costs on each side, natively and in wasm (the same program; under node:
// node --no-experimental-fetch parse_apart_bench.js FILE), not a test. The page's parse worker
// parses a file and records its events (ingest/detached_source.h); the ingest worker replays them
// into its session. Here both run in one process, one 8 MB slice at a time as the page sends
// them, each side timed apart: the slower side bounds the page's two-worker pipeline. Prints the
// milliseconds of each side and the events' size.
#include <chrono>
#include <cstdio>
#include <string>

#include "ingest/detached_source.h"
#include "ingest/session.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: parse_apart_bench FILE\n");
    return 2;
  }
  std::FILE* file = std::fopen(argv[1], "rb");
  if (!file) {
    std::fprintf(stderr, "parse_apart_bench: cannot open %s\n", argv[1]);
    return 1;
  }
  constexpr size_t kSlice = 8u << 20;  // web/page/worker_glue.js's CHUNK
  std::string slice(kSlice, '\0');
  mailflow::DetachedSource parsed(argv[1], mailflow::SessionOptions{});
  mailflow::Session session;
  const auto id = session.add_source(argv[1]);
  session.detach(id);
  using Clock = std::chrono::steady_clock;
  Clock::duration parsing{}, counting{};
  double event_bytes = 0;
  for (bool last = false; !last;) {
    const size_t size = std::fread(slice.data(), 1, kSlice, file);
    last = size < kSlice;
    const auto start = Clock::now();
    parsed.feed(reinterpret_cast<const uint8_t*>(slice.data()), size);
    if (parsed.detachable() == false) {  // as the page: such a file is read by its session
      std::fprintf(stderr, "parse_apart_bench: %s is not parsed apart (the session reads it itself)\n", argv[1]);
      return 1;
    }
    if (last) parsed.finish();
    const std::string events = parsed.take_events();
    const auto replay = Clock::now();
    session.replay_detached(id, events);
    parsing += replay - start;
    counting += Clock::now() - replay;
    event_bytes += static_cast<double>(events.size());
  }
  std::fclose(file);
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  std::printf("parse side %.0f ms, count side %.0f ms, events %.1f MB\n", ms(parsing), ms(counting),
              event_bytes / 1048576.0);
  return 0;
}
