// How fast the engine ingests a mail log, and what that is against the floor of touching every
// byte once (a memchr newline count over the same bytes). The input is a ~50 MB mailflow CSV
// generated in memory (reading a file is left out), fed in 1 MiB chunks as the web worker does.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "bench_input.h"
#include "csv/csv_tokenizer.h"
#include "ingest/session.h"
#include "io/gzip_stream.h"
#include "io/text_decoder.h"
#include "report/insights.h"
#include "report/views.h"
#include "util/tagged_key_set.h"

namespace {

using mailflow::bench::mailflow_csv;

constexpr size_t kChunk = 1u << 20;

void BM_NewlineCountBaseline(benchmark::State& state) {
  const std::string& text = mailflow_csv();
  for (auto _ : state) {
    size_t lines = 0;
    const char* p = text.data();
    const char* end = p + text.size();
    while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr) {
      ++lines;
      ++p;
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_NewlineCountBaseline)->Unit(benchmark::kMillisecond);

// The byte-level stages alone, on the same text: the CSV tokenizer (records to a handler that only
// counts fields) and the UTF-16 LE decoder (the text as an Exchange export would write it).
struct FieldCount : mailflow::CsvRecordHandler {
  uint64_t fields = 0;
  void on_record(std::span<const std::string_view> record, uint64_t) override { fields += record.size(); }
  void on_bad_record(uint64_t, std::string_view) override {}
};

void tokenize_in_chunks(benchmark::State& state, std::string_view text) {
  for (auto _ : state) {
    FieldCount count;
    mailflow::CsvTokenizer tokenizer(count, ',');
    for (size_t offset = 0; offset < text.size(); offset += kChunk) tokenizer.feed(text.substr(offset, kChunk));
    tokenizer.finish();
    benchmark::DoNotOptimize(count.fields);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_CsvTokenizer(benchmark::State& state) { tokenize_in_chunks(state, mailflow_csv()); }
BENCHMARK(BM_CsvTokenizer)->Unit(benchmark::kMillisecond);

// The same records with every field quoted, as PowerShell's Export-Csv and Exchange Online's
// reports write them (the message trace, the Extended report).
struct QuotedCopy : mailflow::CsvRecordHandler {
  std::string text;
  void on_record(std::span<const std::string_view> record, uint64_t) override {
    for (size_t i = 0; i < record.size(); ++i) {
      text += i ? ",\"" : "\"";
      for (char c : record[i]) text += c == '"' ? std::string("\"\"") : std::string(1, c);
      text += '"';
    }
    text += "\r\n";
  }
  void on_bad_record(uint64_t, std::string_view) override {}
};

const std::string& quoted_csv() {
  static const std::string text = [] {
    QuotedCopy copy;
    mailflow::CsvTokenizer tokenizer(copy, ',');
    tokenizer.feed(mailflow_csv());
    tokenizer.finish();
    return copy.text;
  }();
  return text;
}

void BM_CsvTokenizerQuoted(benchmark::State& state) { tokenize_in_chunks(state, quoted_csv()); }
BENCHMARK(BM_CsvTokenizerQuoted)->Unit(benchmark::kMillisecond);

void BM_Utf16LeDecode(benchmark::State& state) {
  static const std::string utf16 = [] {
    std::string bytes = "\xFF\xFE";
    for (char c : mailflow_csv()) (bytes += c) += '\0';  // the generated text is ASCII
    return bytes;
  }();
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf16.data());
  std::string text;
  for (auto _ : state) {
    mailflow::TextDecoder decoder;
    for (size_t offset = 0; offset < utf16.size(); offset += kChunk) {
      text.clear();
      decoder.decode(bytes + offset, std::min(kChunk, utf16.size() - offset), text);
    }
    decoder.finish(text);
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * utf16.size()));
}
BENCHMARK(BM_Utf16LeDecode)->Unit(benchmark::kMillisecond);

// The message table's set of every message's key (util/tagged_key_set.h): a million messages'
// first rows (new keys, the set growing as it goes), then a further row of every fourth.
void BM_MessageKeySet(benchmark::State& state) {
  static const std::vector<uint64_t> keys = [] {
    std::vector<uint64_t> out(1'000'000);
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (uint64_t& key : out) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      key = x * 0xD6E8FEB86659FD93ull;
    }
    return out;
  }();
  for (auto _ : state) {
    mailflow::TaggedKeySet set;
    for (size_t i = 0; i < keys.size(); ++i) benchmark::DoNotOptimize(set.find_or_insert(keys[i], 1 + (i & 7)));
    for (size_t i = 0; i < keys.size(); i += 4) benchmark::DoNotOptimize(set.find(keys[i]));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * keys.size()));
}
BENCHMARK(BM_MessageKeySet)->Unit(benchmark::kMillisecond);

// Unpacking the same text gzip'd (bench_input.h), as a .gz source is fed: zlib behind io/inflate's
// fixed blocks, the CRC-32 and the gzip framing. Bytes processed are the output's.
struct NullSink final : mailflow::ByteSink {
  bool write(const uint8_t*, size_t) override { return true; }
};

template <typename Stream>
void gunzip(benchmark::State& state) {
  const std::string& gz = mailflow::bench::mailflow_csv_gz();
  const auto* bytes = reinterpret_cast<const uint8_t*>(gz.data());
  for (auto _ : state) {
    Stream stream;
    NullSink sink;
    for (size_t offset = 0; offset < gz.size(); offset += kChunk)
      stream.feed(bytes + offset, std::min(kChunk, gz.size() - offset), sink);
    benchmark::DoNotOptimize(stream.finish(sink));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * mailflow_csv().size()));
}
void BM_Gunzip(benchmark::State& state) { gunzip<mailflow::GzipStream>(state); }
BENCHMARK(BM_Gunzip)->Unit(benchmark::kMillisecond);

void BM_SessionIngest(benchmark::State& state) {
  const std::string& text = mailflow_csv();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  uint64_t messages = 0;
  for (auto _ : state) {
    mailflow::Session session;
    const auto id = session.add_source("bench.csv");
    for (size_t offset = 0; offset < text.size(); offset += kChunk) {
      session.feed(id, bytes + offset, std::min(kChunk, text.size() - offset));
    }
    session.finish(id);
    messages = session.report(id).messages;
    benchmark::DoNotOptimize(messages);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["messages"] = static_cast<double>(messages);
  state.counters["msgs/s"] = benchmark::Counter(static_cast<double>(messages) * static_cast<double>(state.iterations()),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SessionIngest)->Unit(benchmark::kMillisecond);

// The views and insights over the resulting aggregate: what the dashboard redoes on every filter
// change. Their cost depends on days x connectors, not on the input size.
void BM_ViewsAndInsights(benchmark::State& state) {
  const std::string& text = mailflow_csv();
  mailflow::Session session;
  const auto id = session.add_source("bench.csv");
  session.feed(id, reinterpret_cast<const uint8_t*>(text.data()), text.size());
  session.finish(id);
  const mailflow::Aggregate aggregate = session.aggregate();
  const mailflow::DateRange range = *mailflow::full_range(aggregate);
  for (auto _ : state) {
    auto overview = mailflow::mail_flow_overview(aggregate, range);
    auto report = mailflow::connector_report(aggregate, range, {});
    auto insights = mailflow::find_insights(aggregate, range);
    benchmark::DoNotOptimize(overview);
    benchmark::DoNotOptimize(report);
    benchmark::DoNotOptimize(insights);
  }
}
BENCHMARK(BM_ViewsAndInsights)->Unit(benchmark::kMicrosecond);

// Every sample export in examples/, its data rows repeated to ~20 MB (the header once), so each
// format's reader is measured on its own realistic shape and encoding (UTF-16 included). Repeated
// rows repeat message ids, so the per-message join is exercised too.
std::string repeated_example(const std::string& file) {
  std::ifstream in(std::string(MAILFLOW_EXAMPLES_DIR) + "/" + file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const bool utf16 = bytes.size() > 3 && (bytes[1] == '\0' || bytes[3] == '\0');
  const size_t unit = utf16 ? 2 : 1;
  // The body starts after the header: the first line that does not start with '#'.
  size_t body = 0;
  while (body < bytes.size()) {
    const size_t start = body + ((body == 0 && utf16 && bytes[0] == '\xFF') ? 2 : 0);
    const size_t newline = bytes.find('\n', start);
    if (newline == std::string::npos) return bytes;
    const bool comment = bytes[start] == '#' || (bytes.compare(start, 3, "\xEF\xBB\xBF") == 0 && bytes[start + 3] == '#');
    body = newline + unit;
    if (!comment) break;
  }
  std::string out = bytes.substr(0, body);
  const std::string rows = bytes.substr(body);
  while (out.size() < (20u << 20) && !rows.empty()) out += rows;
  return out;
}

void BM_ExampleFormat(benchmark::State& state, const std::string& file) {
  const std::string text = repeated_example(file);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  for (auto _ : state) {
    mailflow::Session session;
    const auto id = session.add_source(file);
    for (size_t offset = 0; offset < text.size(); offset += kChunk)
      session.feed(id, bytes + offset, std::min(kChunk, text.size() - offset));
    session.finish(id);
    benchmark::DoNotOptimize(session.report(id).records);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_ExampleFormat, exo_extended_utf16, std::string("exo-extended-report.csv"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExampleFormat, exo_enhanced_summary_utf16, std::string("exo-enhanced-summary.csv"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExampleFormat, message_trace, std::string("message-trace.csv"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExampleFormat, message_trace_detail, std::string("message-trace-detail.csv"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExampleFormat, eac_report, std::string("eac-inbound-messages-report.csv"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ExampleFormat, mailflow_csv, std::string("mailflow.csv"))->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
