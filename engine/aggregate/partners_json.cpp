#include "aggregate/partners_json.h"

#include <algorithm>
#include <tuple>
#include <utility>
#include <vector>

namespace mailflow {

using Json = nlohmann::ordered_json;

namespace {
Json connector_json(const std::optional<std::string_view>& name) {
  return name ? Json(std::string(*name)) : Json(nullptr);
}
}  // namespace

Json partners_to_json(const Aggregate& aggregate, const JsonWriteOptions& options) {
  const PartnerTable& table = aggregate.partners();
  const RemoteNames& names = table.names();
  struct Cell {
    PartnerCellKey key;
    Volume volume;
  };
  std::vector<Cell> cells;
  std::vector<uint32_t> used;
  std::vector<bool> seen(names.endpoint_count());
  table.for_each([&](const PartnerCellKey& key, const Volume& volume) {
    if ((options.from && key.day < *options.from) || (options.to && key.day > *options.to)) return;
    cells.push_back({key, volume});
    if (key.endpoint != RemoteNames::kOtherPartners && !seen[key.endpoint]) seen[key.endpoint] = true, used.push_back(key.endpoint);
  });
  // Indexes in (partner, host) order and cells in schema order, whatever the ids were.
  std::sort(used.begin(), used.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(names.partner(a), names.host(a)) < std::make_pair(names.partner(b), names.host(b));
  });
  std::vector<int64_t> index(names.endpoint_count(), -1);
  Json endpoints = Json::array();
  for (uint32_t e : used) {
    index[e] = static_cast<int64_t>(endpoints.size());
    endpoints.push_back(Json::array({std::string(names.partner(e)), std::string(names.host(e))}));
  }
  auto connector_key = [&](ConnectorId id) {
    const auto name = aggregate.connector_name(id);
    return std::make_pair(name.has_value(), name.value_or(""));
  };
  std::sort(cells.begin(), cells.end(), [&](const Cell& a, const Cell& b) {
    return std::make_tuple(a.key.day, a.key.direction, connector_key(a.key.connector), a.key.tls, index[a.key.endpoint]) <
           std::make_tuple(b.key.day, b.key.direction, connector_key(b.key.connector), b.key.tls, index[b.key.endpoint]);
  });
  Json rows = Json::array();
  for (const Cell& c : cells) {
    const int64_t endpoint = index[c.key.endpoint];
    rows.push_back(Json::array({format_day(c.key.day), std::string(direction_key(c.key.direction)),
                                connector_json(aggregate.connector_name(c.key.connector)),
                                std::string(tls_key(c.key.tls)), endpoint < 0 ? Json(nullptr) : Json(endpoint),
                                c.volume.messages, c.volume.bytes}));
  }
  return {{"overflowed", table.overflowed()}, {"endpoints", endpoints}, {"cells", rows}};
}

bool partners_from_json(const Json& j, Aggregate& aggregate, std::string& error) {
  auto endpoints = j.find("endpoints");
  auto cells = j.find("cells");
  if (!j.is_object() || endpoints == j.end() || !endpoints->is_array() || cells == j.end() || !cells->is_array())
    return error = "\"partners\" lacks its endpoints or cells", false;
  PartnerTable& table = aggregate.partners();
  std::vector<uint32_t> ids;
  for (const auto& e : *endpoints) {
    if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_string())
      return error = "a partner endpoint is not [partner, host]", false;
    ids.push_back(table.names().intern(e[0].get<std::string>(), e[1].get<std::string>()));
  }
  for (const auto& c : *cells) {
    if (!c.is_array() || c.size() != 7) return error = "a partner cell is not a list of 7 values", false;
    auto day = c[0].is_string() ? parse_day(c[0].get<std::string>()) : std::nullopt;
    auto direction = c[1].is_string() ? parse_direction(c[1].get<std::string>()) : std::nullopt;
    auto tls = c[3].is_string() ? tls_from_key(c[3].get<std::string>()) : std::nullopt;
    const bool connector_ok = c[2].is_null() || c[2].is_string();
    const bool endpoint_ok = c[4].is_null() || (c[4].is_number_unsigned() && c[4].get<uint64_t>() < ids.size());
    if (!day || !direction || !tls || !connector_ok || !endpoint_ok || !c[5].is_number_unsigned() ||
        !c[6].is_number_unsigned())
      return error = "a partner cell has a malformed day, direction, connector, tls, endpoint, messages or bytes", false;
    const ConnectorId connector = aggregate.intern_connector(
        c[2].is_null() ? std::nullopt : std::optional<std::string_view>(c[2].get_ref<const std::string&>()));
    const uint32_t endpoint = c[4].is_null() ? RemoteNames::kOtherPartners : ids[static_cast<size_t>(c[4].get<uint64_t>())];
    table.add({*day, *direction, connector, *tls, endpoint}, {c[5].get<uint64_t>(), c[6].get<uint64_t>()});
  }
  if (auto it = j.find("overflowed"); it != j.end() && it->is_boolean() && it->get<bool>()) table.mark_overflowed();
  return true;
}

}  // namespace mailflow
