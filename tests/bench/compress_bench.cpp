// How fast the engine unpacks gzip and packs a saved report, natively and in wasm (the same
// program; under node: node --no-experimental-fetch compress_bench.js), not a test:
//   gunzip   the benchmarks' gzip file (bench_input.h: the ~50 MB mailflow CSV, zlib level 6) through
//            GzipStream in 1 MiB chunks, as a source is fed; against memcpy of the same output
//   save     with AGGREGATE.json (e.g. tests/web's month of 200 connectors): pack_aggregate and
//            deflate_raw as `Save report` does, its size and time
// Best of five runs each. Usage: compress_bench [AGGREGATE.json]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate_json.h"
#include "bench_input.h"
#include "export/aggregate_pack.h"
#include "export/deflate.h"
#include "io/gzip_stream.h"


namespace {

using Clock = std::chrono::steady_clock;
constexpr int kRuns = 5;
constexpr size_t kChunk = 1u << 20;

struct CountSink final : mailflow::ByteSink {
  uint64_t bytes = 0;
  uint8_t check = 0;
  bool write(const uint8_t* data, size_t size) override {
    bytes += size;
    check ^= data[size - 1];
    return true;
  }
};

// Seconds of the fastest of kRuns calls of `run`.
template <typename Fn>
double best_of(Fn&& run) {
  double best = 1e30;
  for (int i = 0; i < kRuns; ++i) {
    const auto t0 = Clock::now();
    run();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

template <typename Stream>
uint64_t gunzip(const std::string& gz) {
  Stream stream;
  CountSink sink;
  const auto* p = reinterpret_cast<const uint8_t*>(gz.data());
  for (size_t at = 0; at < gz.size(); at += kChunk) stream.feed(p + at, std::min(kChunk, gz.size() - at), sink);
  if (!stream.finish(sink)) std::fprintf(stderr, "gunzip failed: %s\n", stream.error().c_str());
  return sink.bytes;
}

void measure_gunzip() {
  const std::string& gz = mailflow::bench::mailflow_csv_gz();
  const auto out = static_cast<size_t>(gunzip<mailflow::GzipStream>(gz));
  const double mb = static_cast<double>(out) / 1e6;
  std::vector<char> src(out, 'x'), dst(out);
  const double copy = best_of([&] {
    for (size_t at = 0; at < out; at += 256u << 10) std::memcpy(dst.data() + at, src.data() + at, std::min<size_t>(256u << 10, out - at));
  });
  std::printf("gunzip of the benchmarks' gzip: %.1f MB in, %.1f MB out; memcpy of the output %.0f MB/s\n",
              static_cast<double>(gz.size()) / 1e6, mb, mb / copy);
  const double gunzip_time = best_of([&] { gunzip<mailflow::GzipStream>(gz); });
  std::printf("  GzipStream:  %6.0f MB/s of output\n", mb / gunzip_time);
}

void measure_save(const char* path) {
  std::ifstream in(path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string error;
  const auto aggregate = mailflow::aggregate_from_json(text, error);
  if (!aggregate) {
    std::fprintf(stderr, "%s: %s\n", path, error.c_str());
    return;
  }
  std::string body;
  const double pack = best_of([&] { body = mailflow::pack_aggregate(*aggregate); });
  std::printf("save of %s (%.1f MB of aggregate JSON): pack %.0f ms, %.2f MB packed\n", path,
              static_cast<double>(text.size()) / 1e6, pack * 1e3, static_cast<double>(body.size()) / 1e6);
  std::string packed;
  const double deflate_time = best_of([&] { packed = mailflow::deflate_raw(body); });
  std::printf("  deflate_raw: %6.0f ms, %.3f MB (base64: %.3f MB)\n", deflate_time * 1e3,
              static_cast<double>(packed.size()) / 1e6, static_cast<double>((packed.size() + 2) / 3 * 4) / 1e6);
  std::optional<std::string> back;
  const double inflate_time = best_of([&] { back = mailflow::inflate_raw(packed); });
  std::printf("  inflate_raw: %6.0f ms%s\n", inflate_time * 1e3, back == body ? "" : " (not the packed text!)");
}

}  // namespace

int main(int argc, char** argv) {
  measure_gunzip();
  if (argc > 1) measure_save(argv[1]);
  return 0;
}
