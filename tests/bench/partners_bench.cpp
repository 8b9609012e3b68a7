// What the partner table costs, natively and in wasm (the same program; under node:
// node --no-experimental-fetch partners_bench.js), not a test. For a month of 1,000,000 messages
// (mailflow CSV, unique ids, random TLS) from 1, 10,000 and 100,000 distinct partners (two hosts
// each), it ingests the file as the worker does and prints the ingest time, the memory the process
// holds afterwards (the bytes malloc has handed out, the source text excluded), the partner table's
// cells, the aggregate JSON's size, the time the insights take to find their top hosts in the
// cells (over the dashboard card's last 7 days and over the whole month; the thresholds lowered
// to 10% so that both directions raise "No TLS" and "TLS 1.0"), the time the Partners page's
// figures take over the month (the partners view and the TLS 1.2 what-if), the page's snapshot of
// the session at a load's end (its aggregate copied out of the session and made binary) and, in
// wasm, the heap's high-water mark. Quote the 10k and 100k figures against the 1-partner run of the same invocation.
#include <chrono>
#include <cstdio>
#include <string>

#include <malloc.h>

#if defined(__EMSCRIPTEN__)
#include <emscripten/heap.h>
#endif

#include "aggregate/aggregate_json.h"
#include "bench_input.h"
#include "export/aggregate_binary.h"
#include "ingest/session.h"
#include "report/insights.h"
#include "report/partners.h"
#include "report/views.h"

namespace {

constexpr uint64_t kMessages = 1'000'000;
constexpr size_t kChunk = 1u << 20;

// Bytes malloc has handed out and not taken back.
size_t memory_in_use() {
#if defined(__EMSCRIPTEN__)
  return static_cast<size_t>(mallinfo().uordblks);
#else
  return mallinfo2().uordblks;
#endif
}

// The wasm heap's size (it never shrinks: the high-water mark); natively nothing to say.
double heap_mb() {
#if defined(__EMSCRIPTEN__)
  return static_cast<double>(emscripten_get_heap_size()) / 1048576.0;
#else
  return 0;
#endif
}

std::string month_of_mail(uint32_t partners) {
  const char* tls[] = {"TLSv1.2", "TLSv1.3", "TLSv1.3", "TLSv1", "none", ""};
  mailflow::bench::Lcg random;
  std::string out = "timestamp,direction,connector,tls_version,bytes,remote_host,message_id\n";
  char line[256];
  for (uint64_t n = 0; n < kMessages; ++n) {
    const uint32_t partner = random.below(partners), host = random.below(2);
    std::snprintf(line, sizeof line, "2026-11-%02uT%02u:%02u:00Z,%s,Gateway,%s,%u,mx%u.p%u.example.com,m%llu\n",
                  1 + random.below(30), random.below(24), random.below(60), random.below(3) ? "inbound" : "outbound",
                  tls[random.below(6)], 1000 + random.below(90000), host, partner,
                  static_cast<unsigned long long>(n));
    out += line;
  }
  return out;
}

}  // namespace

int main() {
  std::printf("%-10s %10s %12s %12s %14s %20s %16s %12s %12s\n", "partners", "ingest ms", "memory MB", "cells",
              "JSON MB", "insights ms 7d / 30d", "partners page ms", "snapshot ms", "wasm heap MB");
  for (uint32_t partners : {1u, 10'000u, 100'000u}) {
    const std::string text = month_of_mail(partners);
    const size_t before = memory_in_use();
    const auto t0 = std::chrono::steady_clock::now();
    mailflow::Session session;
    const auto id = session.add_source("month.csv");
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    for (size_t at = 0; at < text.size(); at += kChunk) session.feed(id, bytes + at, std::min(kChunk, text.size() - at));
    session.finish(id);
    const auto snapshot_start = std::chrono::steady_clock::now();
    const size_t snapshot_bytes = mailflow::aggregate_to_binary(session.aggregate()).size();
    const double snapshot_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - snapshot_start).count();
    const mailflow::Aggregate aggregate = std::move(session).aggregate();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() - snapshot_ms;
    size_t cells = 0;
    aggregate.partners().for_each([&](const mailflow::PartnerCellKey&, const mailflow::Volume&) { ++cells; });
    const size_t memory = memory_in_use() - before;
    const double json_bytes = static_cast<double>(mailflow::aggregate_to_json(aggregate).size());
    mailflow::InsightThresholds low;
    low.no_tls_share = low.tls10_share = 0.10;
    auto insights_ms = [&](int days) {
      const auto t = std::chrono::steady_clock::now();
      const size_t found = mailflow::find_insights(aggregate, *mailflow::last_days(aggregate, days), low).size();
      const double spent = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
      return found ? spent : -1.0;  // -1: none was raised, so no hosts were looked for
    };
    const double week = insights_ms(7), month = insights_ms(30);
    const auto t = std::chrono::steady_clock::now();
    const mailflow::PartnerFilter all_month{*mailflow::last_days(aggregate, 30), std::nullopt, mailflow::ConnectorChoice::all()};
    const size_t rows = mailflow::partners_view(aggregate, all_month).rows.size() +
                        mailflow::what_if(aggregate, all_month, mailflow::TlsPolicy::RequireTls12).partners.size();
    const double page_ms = rows ? std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count() : -1;
    std::printf("%-10u %10.0f %12.1f %12zu %14.1f %11.1f / %6.1f %16.1f %12.1f %12.0f\n", partners, ms,
                static_cast<double>(memory) / 1048576.0, cells, json_bytes / 1048576.0, week, month, page_ms,
                snapshot_bytes ? snapshot_ms : -1.0, heap_mb());
  }
  return 0;
}
