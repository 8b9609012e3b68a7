// The ingest worker's C entry points: a thin layer over mailflow::Session for web/page/worker_glue.js.
//
// The JavaScript side reads each File in slices, copies each into one buffer it malloc'd once in
// wasm memory and calls mf_feed(); it never copies a whole file into wasm memory. Strings
// returned here stay valid until the next call of the same function.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "export/aggregate_binary.h"
#include "export/report_html.h"
#include "ingest/detached_range.h"
#include "ingest/detached_source.h"
#include "ingest/session.h"

namespace {

std::unique_ptr<mailflow::Session> g_session;
std::string g_aggregate_binary;
std::string g_source_json;
std::string g_document_json;
std::unique_ptr<mailflow::DetachedSource> g_detached;  // a parse worker's file
std::unique_ptr<mailflow::DetachedRange> g_range;      // a parse worker's range of a file
std::optional<mailflow::RangeEnd> g_range_end;         // the ingest worker's range read here
std::string g_detached_bytes;

mailflow::Session& session() {
  if (!g_session) g_session = std::make_unique<mailflow::Session>();
  return *g_session;
}

bool valid(int id) { return id >= 0 && static_cast<size_t>(id) < session().source_count(); }
std::string_view bytes(const uint8_t* data, size_t size) { return {reinterpret_cast<const char*>(data), size}; }
const char* keep_detached_bytes(std::string text) {
  g_detached_bytes = std::move(text);
  return g_detached_bytes.data();
}

}  // namespace

extern "C" {

// Starts over: drops every source and everything aggregated so far.
EMSCRIPTEN_KEEPALIVE void mf_session_new(int utc_offset_minutes) {
  mailflow::SessionOptions options;
  options.utc_offset_minutes = utc_offset_minutes;
  g_session = std::make_unique<mailflow::Session>(options);
}

EMSCRIPTEN_KEEPALIVE int mf_add_source(const char* name) {
  return static_cast<int>(session().add_source(name ? name : ""));
}

EMSCRIPTEN_KEEPALIVE void mf_feed(int id, const uint8_t* data, size_t size) {
  if (valid(id)) session().feed(static_cast<size_t>(id), data, size);
}

EMSCRIPTEN_KEEPALIVE void mf_finish(int id) {
  if (valid(id)) session().finish(static_cast<size_t>(id));
}

// The browser could not read the file further (`why`: its error).
EMSCRIPTEN_KEEPALIVE void mf_finish_unreadable(int id, const char* why) {
  if (valid(id)) session().finish_unreadable(static_cast<size_t>(id), why ? why : "");
}

EMSCRIPTEN_KEEPALIVE void mf_cancel(int id) {
  if (valid(id)) session().cancel(static_cast<size_t>(id));
}

// A file parsed apart (engine/ingest/detached_source.h). In the ingest worker: the source `id` is
// counted from what a parse worker sends, in the order it sent it. False for bytes it did not write.
EMSCRIPTEN_KEEPALIVE void mf_detach(int id) {
  if (valid(id)) session().detach(static_cast<size_t>(id));
}
EMSCRIPTEN_KEEPALIVE int mf_replay_detached(int id, const uint8_t* data, size_t size) {
  return valid(id) && session().replay_detached(static_cast<size_t>(id), bytes(data, size));
}
EMSCRIPTEN_KEEPALIVE int mf_show_detached_progress(int id, const uint8_t* data, size_t size) {
  return valid(id) && session().show_detached_progress(static_cast<size_t>(id), bytes(data, size));
}
EMSCRIPTEN_KEEPALIVE int mf_finish_detached(int id, const uint8_t* data, size_t size) {
  return valid(id) && session().finish_detached(static_cast<size_t>(id), bytes(data, size));
}

// In a parse worker: one file at a time. mf_detached_events/_progress/_state return bytes valid
// until the next of these calls, their size from mf_detached_size().
EMSCRIPTEN_KEEPALIVE void mf_detached_new(const char* name, int utc_offset_minutes) {
  mailflow::SessionOptions options;
  options.utc_offset_minutes = utc_offset_minutes;
  g_detached = std::make_unique<mailflow::DetachedSource>(name ? name : "", options);
}
EMSCRIPTEN_KEEPALIVE void mf_detached_feed(const uint8_t* data, size_t size) {
  if (g_detached) g_detached->feed(data, size);
}
EMSCRIPTEN_KEEPALIVE void mf_detached_finish() {
  if (g_detached) g_detached->finish();
}
// 1: parsed apart; 0: the session must read the file itself; -1: not known yet.
EMSCRIPTEN_KEEPALIVE int mf_detached_fit() {
  const auto fit = g_detached ? g_detached->detachable() : std::nullopt;
  return fit ? (*fit ? 1 : 0) : -1;
}
EMSCRIPTEN_KEEPALIVE int mf_detached_stopped() { return g_detached && g_detached->stopped(); }
EMSCRIPTEN_KEEPALIVE const char* mf_detached_events() {
  return keep_detached_bytes(g_detached ? g_detached->take_events() : std::string());
}
EMSCRIPTEN_KEEPALIVE const char* mf_detached_progress() {
  return keep_detached_bytes(g_detached ? g_detached->progress() : std::string());
}
EMSCRIPTEN_KEEPALIVE const char* mf_detached_state() {
  return keep_detached_bytes(g_detached ? g_detached->state() : std::string());
}
EMSCRIPTEN_KEEPALIVE size_t mf_detached_size() { return g_detached_bytes.size(); }
// 1: the file is better read in ranges (mf_range_plan), after its first slice.
EMSCRIPTEN_KEEPALIVE int mf_detached_cuts() { return g_detached && g_detached->cuts_into_ranges(); }

// A large file cut into ranges (engine/ingest/detached_range.h); offsets are doubles (exact to 2^53).
// In the ingest worker: the plan for the parse workers (bytes as mf_detached_events gives them;
// none while the file cannot be cut), a range read here up to its end (mf_range_end_*: how much
// of each slice is the range's), and the take-over of a range a parse worker parsed (1, or 0 when
// it is refused: the range is then read here).
EMSCRIPTEN_KEEPALIVE const char* mf_range_plan(int id) {
  return keep_detached_bytes(valid(id) ? session().range_plan(static_cast<size_t>(id)) : std::string());
}
EMSCRIPTEN_KEEPALIVE void mf_range_end_new(const uint8_t* plan, size_t plan_size, double from, double cut) {
  g_range_end.emplace(mailflow::Source::plan_units(bytes(plan, plan_size)), static_cast<uint64_t>(from),
                      static_cast<uint64_t>(cut));
}
EMSCRIPTEN_KEEPALIVE size_t mf_range_end_take(const uint8_t* data, size_t size) {
  return g_range_end ? g_range_end->take(data, size) : 0;
}
EMSCRIPTEN_KEEPALIVE int mf_range_end_found() { return g_range_end && g_range_end->found(); }
EMSCRIPTEN_KEEPALIVE double mf_bytes_read(int id) {
  return valid(id) ? static_cast<double>(session().report(static_cast<size_t>(id)).bytes_read) : 0;
}
EMSCRIPTEN_KEEPALIVE int mf_take_over_range(int id, const uint8_t* outcome, size_t outcome_size, const uint8_t* events,
                                            size_t events_size) {
  return valid(id) && session().take_over_range(static_cast<size_t>(id), bytes(outcome, outcome_size),
                                                bytes(events, events_size));
}
// In a parse worker: one range at a time, fed the file's bytes from `start` on while mf_range_feed
// gives 1; then mf_range_finish, mf_range_events and mf_range_outcome (bytes, as above).
EMSCRIPTEN_KEEPALIVE int mf_range_new(const char* name, int utc_offset_minutes, const uint8_t* plan, size_t plan_size,
                                      double start, double cut) {
  mailflow::SessionOptions options;
  options.utc_offset_minutes = utc_offset_minutes;
  g_range = std::make_unique<mailflow::DetachedRange>(name ? name : "", options, bytes(plan, plan_size),
                                                      static_cast<uint64_t>(start), static_cast<uint64_t>(cut));
  return g_range->planned();
}
EMSCRIPTEN_KEEPALIVE int mf_range_feed(const uint8_t* data, size_t size) { return g_range && g_range->feed(data, size); }
EMSCRIPTEN_KEEPALIVE void mf_range_finish() {
  if (g_range) g_range->finish();
}
EMSCRIPTEN_KEEPALIVE const char* mf_range_events() {
  return keep_detached_bytes(g_range ? g_range->take_events() : std::string());
}
EMSCRIPTEN_KEEPALIVE const char* mf_range_outcome() {
  return keep_detached_bytes(g_range ? g_range->outcome() : std::string());
}

// A file the page recognised by its content as a saved report (.html) or an aggregate JSON: its
// aggregate is added to the session (so logs dropped later merge with it). Returns
// {"kind":"report"|"aggregate","messages":N,"sources":N,"saved_at","generator","remote_hosts",
//  "state":{...}} or {"error":"..."}; a file that cannot be read is listed as a source with its error.
EMSCRIPTEN_KEEPALIVE const char* mf_load_document(const char* name, const char* text) {
  const std::string_view content = text ? text : "";
  nlohmann::json out;
  std::string error;
  std::optional<mailflow::Aggregate> aggregate;
  if (mailflow::looks_like_saved_report(content.substr(0, 1 << 16))) {
    if (auto report = mailflow::read_saved_report(content, error)) {
      out = {{"kind", "report"}, {"saved_at", report->saved_at}, {"generator", report->generator},
             {"remote_hosts", report->remote_hosts},
             {"state", nlohmann::json::parse(report->state_json, nullptr, false)}};
      aggregate = std::move(report->aggregate);
    }
  } else {
    aggregate = mailflow::aggregate_from_json(content, error);
    if (aggregate) out = {{"kind", "aggregate"}};
    else error = "not a valid mailflow aggregate (" + error + ")";
  }
  if (!aggregate) {
    mailflow::Aggregate failed;
    mailflow::SourceReport source;
    source.name = name ? name : "";
    source.error = error;
    source.finished = true;
    failed.add_source(std::move(source));
    session().add_aggregate(std::move(failed));
    out = {{"error", error}};
  } else {
    out["messages"] = aggregate->total().messages;
    out["sources"] = aggregate->sources().size();
    session().add_aggregate(std::move(*aggregate));
  }
  g_document_json = out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_document_json.c_str();
}

// Reads `data` twice in sessions of their own, dropped at once, up to the binary aggregate the
// dashboard is sent: the page warms the engine's code up with its bundled examples while it waits
// for files. Once read here, as the ingest worker reads a file itself; once parsed apart and
// replayed, as a parse worker and the ingest worker share a large file: V8 compiles a function's
// optimised code only once it has run a while, and the recording and replaying code, left cold,
// was compiled during a user's first large file, on the cores the engine needed (a Chromium trace
// of a 317 MB CSV: 0.39 s of compiling in a 1.5 s load, 0.25 s with this warm-up).
EMSCRIPTEN_KEEPALIVE void mf_warm_up(const char* name, const uint8_t* data, size_t size) {
  const std::string file = name ? name : "";
  mailflow::Session warm;
  const size_t id = warm.add_source(file);
  warm.feed(id, data, size);
  warm.finish(id);
  mailflow::aggregate_to_binary(warm.aggregate());

  mailflow::DetachedSource apart(file, mailflow::SessionOptions{});
  apart.feed(data, size);
  // As a parse worker does: a file the session must read itself (a Postfix log) goes back unfinished.
  if (apart.detachable() != false) apart.finish();
  if (apart.detachable() != true) return;
  mailflow::Session counted;
  const size_t counted_id = counted.add_source(file);
  counted.detach(counted_id);
  counted.replay_detached(counted_id, apart.take_events());
  counted.show_detached_progress(counted_id, apart.progress());
  counted.finish_detached(counted_id, apart.state());
  mailflow::aggregate_to_binary(counted.aggregate());
}

// The snapshot the page hands to the dashboard (export/aggregate_binary.h): flat records the
// dashboard reads a slice per frame; its size is mf_aggregate_binary_size().
EMSCRIPTEN_KEEPALIVE const char* mf_aggregate_binary() {
  g_aggregate_binary = mailflow::aggregate_to_binary(session().aggregate());
  return g_aggregate_binary.data();
}
EMSCRIPTEN_KEEPALIVE size_t mf_aggregate_binary_size() { return g_aggregate_binary.size(); }

// One source's progress for the progress panel: format, counts, error.
EMSCRIPTEN_KEEPALIVE const char* mf_source_json(int id) {
  if (!valid(id)) return "{}";
  const mailflow::SourceReport& r = session().report(static_cast<size_t>(id));
  nlohmann::json j = {{"name", r.name},         {"format", r.format},
                      {"format_name", r.format_name}, {"bytes_read", r.bytes_read},
                      {"records", r.records},   {"messages", r.messages},
                      {"skipped", r.skipped},   {"problems", r.problems.size()},
                      {"error", r.error},       {"finished", r.finished}};
  g_source_json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_source_json.c_str();
}

}  // extern "C"
