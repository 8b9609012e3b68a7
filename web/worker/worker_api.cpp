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
#include "ingest/session.h"

namespace {

std::unique_ptr<mailflow::Session> g_session;
std::string g_aggregate_binary;
std::string g_source_json;
std::string g_document_json;

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
