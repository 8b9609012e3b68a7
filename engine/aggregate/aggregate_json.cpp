#include "aggregate/aggregate_json.h"

#include <algorithm>
#include <string>
#include <tuple>

#include <nlohmann/json.hpp>

#include "aggregate/partners_json.h"
#include "aggregate/tls_reports_json.h"
#include "text/messages.h"
#include "util/json_text.h"

namespace mailflow {

using Json = nlohmann::ordered_json;

namespace {

Json source_json(const SourceReport& s) {
  Json problems = Json::array();
  // The reason stays English (the catalogue's message id); its code, when the catalogue knows it,
  // names it for machines. Readers take files with or without codes.
  for (const auto& p : s.problems) {
    Json problem = {{"line", p.line}, {"reason", p.reason}};
    if (const std::string_view code = message_code(p.reason); !code.empty()) problem["code"] = code;
    problems.push_back(std::move(problem));
  }
  Json reasons = Json::object();
  for (const auto& [reason, count] : s.skipped_by_reason) reasons[reason] = count;
  Json j = {{"name", s.name},         {"format", s.format},   {"format_name", s.format_name},
            {"records", s.records},   {"messages", s.messages}, {"skipped", s.skipped},
            {"skipped_by_reason", reasons}, {"problems", problems}, {"notes", s.notes}};
  if (s.reports) j["reports"] = s.reports;  // TLS-RPT sources only
  // Optional: files written before they were kept have neither.
  if (!s.counted_by.empty()) j["counted_by"] = s.counted_by;  // optional, as the days
  if (s.first_day && s.last_day) {
    j["first_day"] = format_day(*s.first_day);
    j["last_day"] = format_day(*s.last_day);
  }
  if (!s.error.empty()) j["error"] = s.error;
  return j;
}

// Readers of untrusted JSON that never throw.
std::optional<uint64_t> get_u64(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<uint64_t>();
}
std::optional<std::string> get_string(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}
// A connector: a string, or null for "unknown". nullopt<optional> when malformed.
std::optional<std::optional<std::string>> get_connector(const Json& j) {
  auto it = j.find("connector");
  if (it == j.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return std::nullopt;
  return std::optional<std::string>{it->get<std::string>()};
}

bool read_source(const Json& j, SourceReport& s, std::string& error) {
  if (!j.is_object()) return error = "a source is not an object", false;
  auto name = get_string(j, "name");
  auto format = get_string(j, "format");
  auto records = get_u64(j, "records"), messages = get_u64(j, "messages"), skipped = get_u64(j, "skipped");
  if (!name || !format || !records || !messages || !skipped)
    return error = "a source lacks name, format, records, messages or skipped", false;
  s.name = *name;
  s.format = *format;
  s.format_name = get_string(j, "format_name").value_or("");
  s.records = *records;
  s.messages = *messages;
  s.skipped = *skipped;
  s.error = get_string(j, "error").value_or("");
  s.reports = get_u64(j, "reports").value_or(0);
  s.counted_by = get_string(j, "counted_by").value_or("");
  s.finished = true;
  {
    const auto first = get_string(j, "first_day"), last = get_string(j, "last_day");
    // Read only when both are there (GCC 12 took the optionals' values read so for uninitialised).
    if (first && last) {
      const auto first_day = parse_day(*first), last_day = parse_day(*last);
      if (first_day && last_day && *first_day <= *last_day) s.cover(*first_day, *last_day);
    }
  }
  if (auto it = j.find("skipped_by_reason"); it != j.end() && it->is_object())
    for (const auto& [reason, count] : it->items())
      if (count.is_number_unsigned()) s.count_reason(reason, count.get<uint64_t>());
  if (auto it = j.find("problems"); it != j.end() && it->is_array())
    for (const auto& p : *it)
      if (p.is_object())
        if (auto line = get_u64(p, "line")) s.add_problem(*line, get_string(p, "reason").value_or(""));
  if (auto it = j.find("notes"); it != j.end() && it->is_array())
    for (const auto& n : *it)
      if (n.is_string()) s.notes.push_back(n.get<std::string>());
  return true;
}

}  // namespace

// Written as text, the rows and the partners straight into the output (a JSON value per row or
// cell took ten times the memory of its text); the indented form is that text laid out.
std::string aggregate_to_json(const Aggregate& aggregate, const JsonWriteOptions& options) {
  const auto dump = [](const Json& j) {  // log text may hold invalid UTF-8: replaced rather than fail
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  Json sources = Json::array();
  for (const auto& s : aggregate.sources()) sources.push_back(source_json(s));
  std::string text = dump(Json{{"schema", std::string(kAggregateSchema)}, {"sources", sources}});
  text.pop_back();  // the closing brace
  text += ",\"rows\":[";
  bool first = true;
  for (const auto& row : aggregate.rows()) {
    if ((options.from && row.day < *options.from) || (options.to && row.day > *options.to)) continue;
    text += first ? "{\"day\":\"" : ",{\"day\":\"";
    first = false;
    text += format_day(row.day);
    text += "\",\"direction\":\"";
    text += direction_key(row.direction);
    text += "\",\"connector\":";
    if (row.connector) append_json_string(text, *row.connector);
    else text += "null";
    text += ",\"tls\":\"";
    text += tls_key(row.tls);
    text += "\",\"messages\":" + std::to_string(row.volume.messages) + ",\"bytes\":" + std::to_string(row.volume.bytes) + '}';
  }
  text += ']';
  if (options.remote_hosts && !aggregate.partners().empty()) {
    text += ",\"partners\":";
    append_partners_json(text, aggregate, options);
  }
  if (!aggregate.tls_reports().empty()) text += ",\"tls_reports\":" + dump(tls_reports_to_json(aggregate.tls_reports(), options));
  text += '}';
  if (options.indent < 0) return text;
  return parse_json(text).dump(options.indent, ' ', false, Json::error_handler_t::replace);
}

std::optional<Aggregate> aggregate_from_json(std::string_view text, std::string& error) {
  const Json j = parse_json(text);
  if (j.is_discarded()) return error = "not valid JSON", std::nullopt;
  if (!j.is_object() || get_string(j, "schema") != std::string(kAggregateSchema))
    return error = "not a mailflow aggregate (schema \"" + std::string(kAggregateSchema) + "\" expected)", std::nullopt;

  Aggregate aggregate;
  if (auto it = j.find("sources"); it != j.end()) {
    if (!it->is_array()) return error = "\"sources\" is not a list", std::nullopt;
    for (const auto& s : *it) {
      SourceReport report;
      if (!read_source(s, report, error)) return std::nullopt;
      aggregate.add_source(std::move(report));
    }
  }
  auto rows = j.find("rows");
  if (rows == j.end() || !rows->is_array()) return error = "\"rows\" is missing or not a list", std::nullopt;
  for (const auto& row : *rows) {
    if (!row.is_object()) return error = "a row is not an object", std::nullopt;
    auto day = parse_day(get_string(row, "day").value_or(""));
    auto direction = parse_direction(get_string(row, "direction").value_or(""));
    auto tls = tls_from_key(get_string(row, "tls").value_or(""));
    auto connector = get_connector(row);
    auto messages = get_u64(row, "messages"), bytes = get_u64(row, "bytes");
    if (!day || !direction || !tls || !connector || !messages || !bytes)
      return error = "a row has a missing or malformed day, direction, connector, tls, messages or bytes", std::nullopt;
    const ConnectorId id = aggregate.intern_connector(*connector ? std::optional<std::string_view>(**connector) : std::nullopt);
    aggregate.add({*day, *direction, id, *tls}, {*messages, *bytes});
  }
  // Aggregates written before partners had host sketches ("remote_hosts"); they are not read.
  if (auto partners = j.find("partners"); partners != j.end())
    if (!partners_from_json(*partners, aggregate, error)) return std::nullopt;
  if (auto tls = j.find("tls_reports"); tls != j.end())
    if (!tls_reports_from_json(*tls, aggregate.tls_reports(), error)) return std::nullopt;
  return aggregate;
}

}  // namespace mailflow
