#include "aggregate/partners_json.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

#include "util/json_text.h"
#include "util/radix_sort.h"
#include "util/text.h"

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
  SortedPartners out;
  out.cells_ = &table.cells();
  out.from_ = options.from.value_or(std::numeric_limits<Day>::min());
  out.to_ = options.to.value_or(std::numeric_limits<Day>::max());
  out.maps_ = table.cells().maps_of_days(out.from_, out.to_);
  out.days_apart_ = std::none_of(out.maps_.begin(), out.maps_.end(), [&](uint32_t map) { return table.cells().spans_days(map); });
  std::vector<bool> seen(names.endpoint_count());
  for (uint32_t map : out.maps_)
    table.cells().for_each_in_map(map, [&](const PartnerCellKey& key, const Volume&) {
      if (out.in_filter(key.day) && key.endpoint != RemoteNames::kOtherPartners && !seen[key.endpoint])
        seen[key.endpoint] = true, out.endpoints.push_back(key.endpoint);
    });
  // Indexes in (partner, host) order and cells in schema order, whatever the ids were.
  // (A partner's name is interned once: the same id is the same name.)
  std::sort(out.endpoints.begin(), out.endpoints.end(), [&](uint32_t a, uint32_t b) {
    const uint32_t partner_a = names.partner_id(a), partner_b = names.partner_id(b);
    return partner_a != partner_b ? text_less(names.partner_name(partner_a), names.partner_name(partner_b))
                                  : text_less(names.host(a), names.host(b));
  });
  out.index.assign(names.endpoint_count(), -1);
  for (size_t i = 0; i < out.endpoints.size(); ++i) out.index[out.endpoints[i]] = static_cast<int64_t>(i);
  // Connectors ranked once (unknown first, then by name), so the sort compares numbers.
  out.by_rank_.resize(aggregate.connector_count());
  for (size_t i = 0; i < out.by_rank_.size(); ++i) out.by_rank_[i] = static_cast<ConnectorId>(i);
  auto connector_key = [&](ConnectorId id) {
    const auto name = aggregate.connector_name(id);
    return std::make_pair(name.has_value(), name.value_or(""));
  };
  std::sort(out.by_rank_.begin(), out.by_rank_.end(),
            [&](ConnectorId a, ConnectorId b) { return connector_key(a) < connector_key(b); });
  out.rank_.resize(out.by_rank_.size());
  for (size_t i = 0; i < out.by_rank_.size(); ++i) out.rank_[out.by_rank_[i]] = static_cast<uint32_t>(i);
  return out;
}

template <class F>
void SortedPartners::for_each_of_part(size_t part, F&& f) const {
  if (days_apart_) return cells_->for_each_in_map(maps_[part], f);
  for (uint32_t map : maps_) cells_->for_each_in_map(map, f);
}

size_t SortedPartners::part_size(size_t part) const {
  if (days_apart_) return cells_->map_size(maps_[part]);
  size_t size = 0;
  for (uint32_t map : maps_) size += cells_->map_size(map);
  return size;
}

// A place is the day as the cells hold it, direction, connector rank, TLS and endpoint index + 1
// (so that "other partners" comes first): cells are sorted as numbers and read back from them.
void SortedPartners::sort_part(size_t part, std::vector<Place>& places, std::vector<Place>& scratch) const {
  places.clear();
  places.reserve(part_size(part));
  for_each_of_part(part, [&](const PartnerCellKey& k, const Volume& volume) {
    if (!in_filter(k.day)) return;
    const uint64_t place = static_cast<uint64_t>(int64_t{k.day} + PartnerCells::kDayBias) << 41 |
                           uint64_t{static_cast<uint8_t>(k.direction)} << 40 | uint64_t{rank_[k.connector]} << 27 |
                           uint64_t{static_cast<uint8_t>(k.tls)} << 24 | static_cast<uint64_t>(index[k.endpoint] + 1);
    places.emplace_back(place, volume);
  });
  radix_sort_by_key(places, scratch);  // each place is a cell's alone
}

SortedPartners::Cell SortedPartners::cell(const Place& place) const {
  const auto& [key, volume] = place;
  const auto endpoint_index = static_cast<size_t>(key & 0xFFFFFF);
  return {{static_cast<Day>(static_cast<int64_t>(key >> 41) - PartnerCells::kDayBias),
           static_cast<Direction>((key >> 40) & 1), by_rank_[(key >> 27) & 0x1FFF], static_cast<TlsVersion>((key >> 24) & 7),
           endpoint_index ? endpoints[endpoint_index - 1] : RemoteNames::kOtherPartners},
          volume};
}

namespace {

// Parts [first, last) of `sorted` as the section's text, each cell after a comma but the first
// when `leading` (the text begins the section). Sorted cells come in runs of the same
// day, direction, connector and TLS: that part of their text (its head) is made once a run, and a
// cell is its head and three numbers, written in place into `out` (grown ahead, cut back at the
// end): an append per cell was a call out of the wasm build's code into libc++ and a copy.
void append_parts(std::string& out, const SortedPartners& sorted, const std::vector<std::string>& connectors,
                  size_t first, size_t last, bool leading) {
  std::vector<SortedPartners::Place> places, scratch;
  std::string head;  // ["day","direction",connector,"tls",
  PartnerCellKey head_key{};
  size_t used = out.size();
  // A comma, the head, three numbers of at most 20 digits, their separators and the bracket.
  constexpr size_t kCellMost = 1 + 3 * 20 + 3;
  for (size_t part = first; part < last; ++part) {
    sorted.sort_part(part, places, scratch);
    for (const SortedPartners::Place& place : places) {
      const SortedPartners::Cell c = sorted.cell(place);
      if (head.empty() || c.key.day != head_key.day || c.key.direction != head_key.direction ||
          c.key.connector != head_key.connector || c.key.tls != head_key.tls) {
        head_key = c.key;
        head.assign("[\"").append(format_day(c.key.day)).append("\",\"").append(direction_key(c.key.direction));
        head.append("\",").append(connectors[c.key.connector]).append(",\"").append(tls_key(c.key.tls)).append("\",");
      }
      // Grown into the room reserved first, and only past it by half again: growing by half from
      // the size alone went past that room near the end and moved the whole text.
      if (out.size() - used < head.size() + kCellMost)
        out.resize(std::max(used + head.size() + kCellMost,
                            out.size() < out.capacity() ? out.capacity() : out.size() + out.size() / 2));
      char* at = out.data() + used;
      char* const end = out.data() + out.size();
      if (!std::exchange(leading, false)) *at++ = ',';
      at = std::copy_n(head.data(), head.size(), at);
      if (const int64_t endpoint = sorted.index[c.key.endpoint]; endpoint < 0) at = std::copy_n("null", 4, at);
      else at = std::to_chars(at, end, static_cast<uint64_t>(endpoint)).ptr;
      *at++ = ',';
      at = std::to_chars(at, end, c.volume.messages).ptr;
      *at++ = ',';
      at = std::to_chars(at, end, c.volume.bytes).ptr;
      *at++ = ']';
      used = static_cast<size_t>(at - out.data());
    }
  }
  out.resize(used);
}

}  // namespace

void append_partners_json(std::string& out, const Aggregate& aggregate, const JsonWriteOptions& options) {
  const SortedPartners sorted = sorted_partners(aggregate, options);
  const RemoteNames& names = aggregate.partners().names();
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
  // The parts' cells at most, summed: before[p] of them come before part p.
  const size_t parts = sorted.part_count();
  std::vector<size_t> before(parts + 1);
  for (size_t part = 0; part < parts; ++part) before[part + 1] = before[part] + sorted.part_size(part);
  // Room for the usual cell's text (about 60 bytes) at once: growing 30 MB by doubling copied
  // and first-touched twice that.
  constexpr size_t kCellText = 64;
  out.reserve(out.size() + kCellText * before[parts]);
#ifdef MAILFLOW_JSON_THREADS
  // Half a million cells are most of a large aggregate's text, sorted and written once everything
  // else is done: each thread takes a share of the parts (of 65,536 cells at least), its text
  // appended in order. The first share's is written into `out`, the others' begin with a comma.
  const size_t writers = std::min<size_t>(std::max(options.threads, 1u), before[parts] / 65536 + 1);
  std::vector<size_t> first_part(writers + 1, parts);  // the parts' shares, balanced by their cells
  for (size_t writer = 0, part = 0; writer < writers; ++writer) {
    while (part < parts && before[part] < before[parts] * writer / writers) ++part;
    first_part[writer] = part;
  }
  std::vector<std::string> texts(writers - 1);
  std::vector<std::thread> threads;
  for (size_t writer = 1; writer < writers; ++writer) {
    auto share = [&, writer] {
      std::string& text = texts[writer - 1];
      text.reserve(kCellText * (before[first_part[writer + 1]] - before[first_part[writer]]));
      append_parts(text, sorted, connectors, first_part[writer], first_part[writer + 1], false);
    };
    if (auto thread = try_start_thread(share)) threads.push_back(std::move(*thread));
    else share();  // no thread to be had: this one writes the share
  }
  const size_t cells_start = out.size();
  append_parts(out, sorted, connectors, 0, first_part[1], true);
  for (std::thread& thread : threads) thread.join();
  for (std::string_view text : texts)  // each cell after a comma: the section's first is not
    out += out.size() == cells_start && !text.empty() ? text.substr(1) : text;
#else
  append_parts(out, sorted, connectors, 0, parts, true);
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
