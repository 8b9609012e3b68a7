#include "aggregate/partners_json.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

#include "util/json_text.h"
#include "util/radix_sort.h"

// Native builds format a large section's cells on several threads; wasm has one.
#if !defined(__EMSCRIPTEN__)
#define MAILFLOW_JSON_THREADS 1
#include <thread>

#include "util/optional_thread.h"
#endif

namespace mailflow {

using Json = nlohmann::ordered_json;

SortedPartners sorted_partners(const Aggregate& aggregate, const JsonWriteOptions& options) {
  const PartnerTable& table = aggregate.partners();
  const RemoteNames& names = table.names();
  const auto in_range = [&](Day day) {
    return !(options.from && day < *options.from) && !(options.to && day > *options.to);
  };
  SortedPartners out;
  std::vector<bool> seen(names.endpoint_count());
  table.for_each([&](const PartnerCellKey& key, const Volume&) {
    if (in_range(key.day) && key.endpoint != RemoteNames::kOtherPartners && !seen[key.endpoint])
      seen[key.endpoint] = true, out.endpoints.push_back(key.endpoint);
  });
  // Indexes in (partner, host) order and cells in schema order, whatever the ids were.
  std::sort(out.endpoints.begin(), out.endpoints.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(names.partner(a), names.host(a)) < std::make_pair(names.partner(b), names.host(b));
  });
  out.index.assign(names.endpoint_count(), -1);
  for (size_t i = 0; i < out.endpoints.size(); ++i) out.index[out.endpoints[i]] = static_cast<int64_t>(i);
  // Connectors ranked once (unknown first, then by name), so the sort compares numbers.
  std::vector<ConnectorId> by_name(aggregate.connector_count());
  for (size_t i = 0; i < by_name.size(); ++i) by_name[i] = static_cast<ConnectorId>(i);
  auto connector_key = [&](ConnectorId id) {
    const auto name = aggregate.connector_name(id);
    return std::make_pair(name.has_value(), name.value_or(""));
  };
  std::sort(by_name.begin(), by_name.end(), [&](ConnectorId a, ConnectorId b) { return connector_key(a) < connector_key(b); });
  std::vector<uint32_t> rank(by_name.size());
  for (size_t i = 0; i < by_name.size(); ++i) rank[by_name[i]] = static_cast<uint32_t>(i);
  // Each cell's place as one number (day as the cells hold it, direction, connector rank, TLS,
  // endpoint index + 1 so that "other partners" comes first), sorted with its volume: a cell is
  // read back from its place (cell()), so half a million cells are not copied once more.
  std::vector<std::pair<uint64_t, Volume>> places;
  places.reserve(table.cell_count());
  table.for_each([&](const PartnerCellKey& k, const Volume& volume) {
    if (!in_range(k.day)) return;
    const uint64_t place = static_cast<uint64_t>(int64_t{k.day} + PartnerCells::kDayBias) << 41 |
                           uint64_t{static_cast<uint8_t>(k.direction)} << 40 | uint64_t{rank[k.connector]} << 27 |
                           uint64_t{static_cast<uint8_t>(k.tls)} << 24 | static_cast<uint64_t>(out.index[k.endpoint] + 1);
    places.emplace_back(place, volume);
  });
  radix_sort_by_key(places);  // each place is a cell's alone
  out.places_ = std::move(places);
  out.by_rank_ = std::move(by_name);
  return out;
}

SortedPartners::Cell SortedPartners::cell(size_t i) const {
  const auto& [place, volume] = places_[i];
  const auto endpoint_index = static_cast<size_t>(place & 0xFFFFFF);
  return {{static_cast<Day>(static_cast<int64_t>(place >> 41) - PartnerCells::kDayBias),
           static_cast<Direction>((place >> 40) & 1), by_rank_[(place >> 27) & 0x1FFF],
           static_cast<TlsVersion>((place >> 24) & 7),
           endpoint_index ? endpoints[endpoint_index - 1] : RemoteNames::kOtherPartners},
          volume};
}

namespace {

// Cells [first, last) of `sorted` as the section's text, each after a comma but the section's
// first. Sorted cells come in runs of the same day, direction, connector and TLS: that part of
// their text (its head) is made once a run, and a cell is its head and three numbers, appended
// once (a cell was fifteen appends, each a call out of the wasm build's code into libc++).
void append_cells(std::string& out, const SortedPartners& sorted, const std::vector<std::string>& connectors,
                  size_t first, size_t last) {
  std::string head;  // ["day","direction",connector,"tls",
  PartnerCellKey head_key{};
  for (size_t i = first; i < last; ++i) {
    const SortedPartners::Cell c = sorted.cell(i);
    if (i == first || c.key.day != head_key.day || c.key.direction != head_key.direction ||
        c.key.connector != head_key.connector || c.key.tls != head_key.tls) {
      head_key = c.key;
      head.assign("[\"").append(format_day(c.key.day)).append("\",\"").append(direction_key(c.key.direction));
      head.append("\",").append(connectors[c.key.connector]).append(",\"").append(tls_key(c.key.tls)).append("\",");
    }
    char buffer[256];
    char* at = buffer;
    if (i) *at++ = ',';
    // A usual head goes into the buffer too (a connector's name is rarely long).
    constexpr size_t kHeadInBuffer = 160;
    if (head.size() <= kHeadInBuffer) {
      at = std::copy_n(head.data(), head.size(), at);
    } else {
      out.append(buffer, static_cast<size_t>(at - buffer));
      out += head;
      at = buffer;
    }
    // Three numbers of at most 20 digits and their separators fit what is left (at least 95 bytes).
    char* const end = buffer + sizeof buffer;
    if (const int64_t endpoint = sorted.index[c.key.endpoint]; endpoint < 0) at = std::copy_n("null", 4, at);
    else at = std::to_chars(at, end, static_cast<uint64_t>(endpoint)).ptr;
    *at++ = ',';
    at = std::to_chars(at, end, c.volume.messages).ptr;
    *at++ = ',';
    at = std::to_chars(at, end, c.volume.bytes).ptr;
    *at++ = ']';
    out.append(buffer, static_cast<size_t>(at - buffer));
  }
}

}  // namespace

void append_partners_json(std::string& out, const Aggregate& aggregate, const JsonWriteOptions& options) {
  const SortedPartners sorted = sorted_partners(aggregate, options);
  const RemoteNames& names = aggregate.partners().names();
  // Room for the usual cell's text (about 60 bytes) at once: growing 30 MB by doubling copied
  // and first-touched twice that.
  out.reserve(out.size() + 48 * sorted.endpoints.size() + 64 * sorted.cell_count());
  out += aggregate.partners().overflowed() ? "{\"overflowed\":true,\"endpoints\":[" : "{\"overflowed\":false,\"endpoints\":[";
  for (size_t i = 0; i < sorted.endpoints.size(); ++i) {
    out += i ? ",[" : "[";
    append_json_string(out, names.partner(sorted.endpoints[i]));
    out += ',';
    append_json_string(out, names.host(sorted.endpoints[i]));
    out += ']';
  }
  out += "],\"cells\":[";
  std::vector<std::string> connectors(aggregate.connector_count());  // each name escaped once
  for (size_t id = 0; id < connectors.size(); ++id) {
    const auto name = aggregate.connector_name(static_cast<ConnectorId>(id));
    if (name) append_json_string(connectors[id], *name);
    else connectors[id] = "null";
  }
  const size_t cells = sorted.cell_count();
#ifdef MAILFLOW_JSON_THREADS
  // Half a million cells are most of a large aggregate's text, written once everything else is
  // done: each thread formats a share of them (of 65,536 cells at least), appended in order.
  const size_t parts = std::min<size_t>(std::max(options.threads, 1u), cells / 65536 + 1);
  std::vector<std::string> texts(parts - 1);
  std::vector<std::thread> threads;
  const auto bound = [&](size_t part) { return cells * part / parts; };
  for (size_t part = 1; part < parts; ++part) {
    auto share = [&, part] { append_cells(texts[part - 1], sorted, connectors, bound(part), bound(part + 1)); };
    if (auto thread = try_start_thread(share)) threads.push_back(std::move(*thread));
    else share();  // no thread to be had: this one writes the share
  }
  append_cells(out, sorted, connectors, 0, bound(1));
  for (std::thread& thread : threads) thread.join();
  for (const std::string& text : texts) out += text;
#else
  append_cells(out, sorted, connectors, 0, cells);
#endif
  out += "]}";
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
