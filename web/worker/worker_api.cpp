// The ingest worker's C entry points: a thin layer over mailflow::Session for web/page/worker.js.
//
// The JavaScript side reads each File with file.stream(), copies every chunk into a buffer it got
// from mf_buffer() and calls mf_feed(); it never copies a whole file into wasm memory. Strings
// returned here stay valid until the next call of the same function.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "ingest/session.h"

namespace {

std::unique_ptr<mailflow::Session> g_session;
std::string g_aggregate_json;
std::string g_source_json;

mailflow::Session& session() {
  if (!g_session) g_session = std::make_unique<mailflow::Session>();
  return *g_session;
}

bool valid(int id) { return id >= 0 && static_cast<size_t>(id) < session().source_count(); }

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

EMSCRIPTEN_KEEPALIVE void mf_cancel(int id) {
  if (valid(id)) session().cancel(static_cast<size_t>(id));
}

// The whole aggregate so far, schema mailflow.aggregate.v1 (sources included).
EMSCRIPTEN_KEEPALIVE const char* mf_aggregate_json() {
  g_aggregate_json = mailflow::aggregate_to_json(session().aggregate());
  return g_aggregate_json.c_str();
}

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
