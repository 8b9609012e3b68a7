#include "export/aggregate_pack.h"

#include <map>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "aggregate/partners_json.h"
#include "aggregate/tls_reports_json.h"
#include "util/json_text.h"

namespace mailflow {

using Json = nlohmann::ordered_json;  // "schema" first: readers look for it at the start

namespace {

size_t tls_index(TlsVersion v) { return static_cast<size_t>(v); }

// The connector name table: unknown (null) first, then every name in use.
class Names {
 public:
  size_t index(const std::optional<std::string>& name) {
    auto [it, added] = ids_.try_emplace(name, list_.size());
    if (added) list_.push_back(name ? Json(*name) : Json(nullptr));
    return it->second;
  }
  const Json& json() const { return list_; }

 private:
  std::map<std::optional<std::string>, size_t> ids_;
  Json list_ = Json::array();
};

// The sources as the v1 schema writes them (one writer for both forms).
Json sources_json(const Aggregate& aggregate) {
  Aggregate only_sources;
  for (const auto& s : aggregate.sources()) only_sources.add_source(s);
  JsonWriteOptions options;
  options.remote_hosts = false;
  const Json v1 = parse_json(aggregate_to_json(only_sources, options));
  return v1.is_object() && v1.contains("sources") ? v1["sources"] : Json::array();
}

// The v1 "partners" section (aggregate/partners_json.h) with its cells as columns, as the rows are.
Json pack_partners(const Aggregate& aggregate, Names& names) {
  const SortedPartners sorted = sorted_partners(aggregate, JsonWriteOptions{});
  const RemoteNames& remote = aggregate.partners().names();
  Json endpoints = Json::array();
  for (uint32_t e : sorted.endpoints) endpoints.push_back(Json::array({std::string(remote.partner(e)), std::string(remote.host(e))}));
  Json day = Json::array(), direction = Json::array(), connector = Json::array(), tls = Json::array(),
       endpoint = Json::array(), messages = Json::array(), bytes = Json::array();
  std::optional<Day> first, previous;
  std::vector<SortedPartners::Place> places, scratch;
  for (size_t part = 0; part < sorted.part_count(); ++part) {
    sorted.sort_part(part, places, scratch);
    for (const SortedPartners::Place& place : places) {
      const SortedPartners::Cell c = sorted.cell(place);
      if (!first) first = previous = c.key.day;
      day.push_back(c.key.day - *previous);  // cells are sorted by day: never negative
      previous = c.key.day;
      direction.push_back(c.key.direction == Direction::Inbound ? 0 : 1);
      const auto name = aggregate.connector_name(c.key.connector);
      connector.push_back(names.index(name ? std::optional<std::string>(*name) : std::nullopt));
      tls.push_back(tls_index(c.key.tls));
      endpoint.push_back(sorted.index[c.key.endpoint] + 1);  // 0: other partners
      messages.push_back(c.volume.messages);
      bytes.push_back(c.volume.bytes);
    }
  }
  return {{"overflowed", aggregate.partners().overflowed()},
          {"endpoints", endpoints},
          {"first_day", format_day(first.value_or(0))},
          {"cells", {{"day", day}, {"direction", direction}, {"connector", connector}, {"tls", tls},
                     {"endpoint", endpoint}, {"messages", messages}, {"bytes", bytes}}}};
}

bool unsigned_list(const Json& j, const char* key, size_t size, const Json*& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != size) return false;
  for (const auto& v : *it)
    if (!v.is_number_unsigned()) return false;
  out = &*it;
  return true;
}

// Back to the v1 section, which partners_from_json checks and reads.
bool unpack_partners(const Json& packed, const Json& names, Aggregate& aggregate, std::string& error) {
  const auto cells = packed.find("cells");
  const auto first = packed.find("first_day");
  if (!packed.is_object() || cells == packed.end() || !cells->is_object() || first == packed.end() ||
      !first->is_string() || !cells->contains("messages") || !(*cells)["messages"].is_array())
    return error = "the packed partners lack first_day or cells", false;
  std::optional<Day> day = parse_day(first->get<std::string>());
  const size_t n = (*cells)["messages"].size();
  const Json *days, *directions, *connectors, *tls, *endpoints, *messages, *bytes;
  if (!day || !unsigned_list(*cells, "day", n, days) || !unsigned_list(*cells, "direction", n, directions) ||
      !unsigned_list(*cells, "connector", n, connectors) || !unsigned_list(*cells, "tls", n, tls) ||
      !unsigned_list(*cells, "endpoint", n, endpoints) || !unsigned_list(*cells, "messages", n, messages) ||
      !unsigned_list(*cells, "bytes", n, bytes))
    return error = "the packed partner columns are malformed or of different lengths", false;
  Json v1_cells = Json::array();
  for (size_t i = 0; i < n; ++i) {
    const uint64_t delta = (*days)[i].get<uint64_t>(), dir = (*directions)[i].get<uint64_t>(),
                   c = (*connectors)[i].get<uint64_t>(), t = (*tls)[i].get<uint64_t>(), e = (*endpoints)[i].get<uint64_t>();
    if (delta > 3'700'000 || dir > 1 || c >= names.size() || t >= kAllTlsVersions.size())
      return error = "a packed partner cell has a value out of range", false;
    *day += static_cast<Day>(delta);
    v1_cells.push_back(Json::array({format_day(*day), dir == 0 ? "inbound" : "outbound", names[static_cast<size_t>(c)],
                                    std::string(tls_key(kAllTlsVersions[static_cast<size_t>(t)])), e == 0 ? Json(nullptr) : Json(e - 1),
                                    (*messages)[i], (*bytes)[i]}));
  }
  const Json v1 = {{"overflowed", packed.value("overflowed", Json(false))},
                   {"endpoints", packed.value("endpoints", Json::array())},
                   {"cells", std::move(v1_cells)}};
  return partners_from_json(v1, aggregate, error);
}

}  // namespace

std::string pack_aggregate(const Aggregate& aggregate, bool remote_hosts) {
  Names names;
  Json day = Json::array(), direction = Json::array(), connector = Json::array(), tls = Json::array(),
       messages = Json::array(), bytes = Json::array();
  const std::vector<AggregateRow> rows = aggregate.rows();
  const Day first = rows.empty() ? 0 : rows.front().day;
  Day previous = first;
  for (const auto& r : rows) {
    day.push_back(r.day - previous);  // sorted by day: the delta is never negative
    previous = r.day;
    direction.push_back(r.direction == Direction::Inbound ? 0 : 1);
    connector.push_back(names.index(r.connector));
    tls.push_back(tls_index(r.tls));
    messages.push_back(r.volume.messages);
    bytes.push_back(r.volume.bytes);
  }
  Json out = {{"schema", std::string(kPackedAggregateSchema)},
              {"sources", sources_json(aggregate)},
              {"connectors", names.json()},
              {"first_day", format_day(first)},
              {"rows", {{"day", day}, {"direction", direction}, {"connector", connector}, {"tls", tls},
                        {"messages", messages}, {"bytes", bytes}}}};
  if (remote_hosts && !aggregate.partners().empty()) out["partners"] = pack_partners(aggregate, names);
  out["connectors"] = names.json();  // the partners may have named more
  JsonWriteOptions options;
  options.remote_hosts = remote_hosts;
  if (!aggregate.tls_reports().empty()) out["tls_reports"] = tls_reports_to_json(aggregate.tls_reports(), options);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<Aggregate> unpack_aggregate(std::string_view text, std::string& error) {
  const Json j = parse_json(text);
  if (j.is_discarded() || !j.is_object()) return error = "not valid JSON", std::nullopt;
  auto schema = j.find("schema");
  if (schema == j.end() || *schema != std::string(kPackedAggregateSchema))
    return error = "not a packed mailflow aggregate", std::nullopt;

  // The sources through the v1 reader.
  Json v1 = {{"schema", std::string(kAggregateSchema)}, {"sources", j.value("sources", Json::array())}, {"rows", Json::array()}};
  std::optional<Aggregate> aggregate = aggregate_from_json(v1.dump(-1, ' ', false, Json::error_handler_t::replace), error);
  if (!aggregate) return std::nullopt;

  const auto names = j.find("connectors");
  const auto first = j.find("first_day");
  const auto rows = j.find("rows");
  if (names == j.end() || !names->is_array() || first == j.end() || !first->is_string() || rows == j.end() ||
      !rows->is_object())
    return error = "the packed aggregate lacks connectors, first_day or rows", std::nullopt;
  std::vector<ConnectorId> ids;
  for (const auto& n : *names) {
    if (!n.is_null() && !n.is_string()) return error = "a connector name is not text", std::nullopt;
    ids.push_back(aggregate->intern_connector(n.is_null() ? std::nullopt
                                                          : std::optional<std::string_view>(n.get_ref<const std::string&>())));
  }
  std::optional<Day> day = parse_day(first->get<std::string>());
  const auto messages_it = rows->find("messages");
  if (!day || messages_it == rows->end() || !messages_it->is_array()) return error = "malformed rows", std::nullopt;
  const size_t n = messages_it->size();
  const Json *days, *directions, *connectors, *tls, *messages, *bytes;
  if (!unsigned_list(*rows, "day", n, days) || !unsigned_list(*rows, "direction", n, directions) ||
      !unsigned_list(*rows, "connector", n, connectors) || !unsigned_list(*rows, "tls", n, tls) ||
      !unsigned_list(*rows, "messages", n, messages) || !unsigned_list(*rows, "bytes", n, bytes))
    return error = "the row columns are malformed or of different lengths", std::nullopt;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t delta = (*days)[i].get<uint64_t>(), dir = (*directions)[i].get<uint64_t>(),
                   c = (*connectors)[i].get<uint64_t>(), t = (*tls)[i].get<uint64_t>();
    // Days run from year 1 to 9999 (what the parsers accept): at most ~3.65 million apart.
    if (delta > 3'700'000 || dir > 1 || c >= ids.size() || t >= kAllTlsVersions.size())
      return error = "a row has a value out of range", std::nullopt;
    *day += static_cast<Day>(delta);
    aggregate->add({*day, dir == 0 ? Direction::Inbound : Direction::Outbound, ids[static_cast<size_t>(c)], kAllTlsVersions[static_cast<size_t>(t)]},
                   {(*messages)[i].get<uint64_t>(), (*bytes)[i].get<uint64_t>()});
  }
  if (auto partners = j.find("partners"); partners != j.end())
    if (!unpack_partners(*partners, *names, *aggregate, error)) return std::nullopt;
  if (auto reports = j.find("tls_reports"); reports != j.end())
    if (!tls_reports_from_json(*reports, aggregate->tls_reports(), error)) return std::nullopt;
  return aggregate;
}

}  // namespace mailflow
