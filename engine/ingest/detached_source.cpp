#include "ingest/detached_source.h"

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"

namespace mailflow {

namespace {
using Json = nlohmann::json;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool read_order(const Json& j, DateOrder& order) {
  const auto it = j.find("date_order");
  if (it == j.end() || !it->is_number_unsigned() || it->get<unsigned>() > static_cast<unsigned>(DateOrder::DayFirst))
    return false;
  order = static_cast<DateOrder>(it->get<unsigned>());
  return true;
}
}  // namespace

DetachedSource::DetachedSource(std::string name, SessionOptions options)
    : options_(options), source_(std::move(name), 0, options_, table_) {
  source_.send_recorded_to([this](const RecordedEvents& batch) { batch.write_to(events_); });
}

std::string DetachedSource::take_events() { return RecordedEvents::take_written(events_); }

std::string DetachedSource::progress() const {
  const SourceReport& r = source_.report();
  return dump({{"format", r.format}, {"format_name", r.format_name}, {"bytes_read", r.bytes_read},
               {"records", r.records}, {"messages", r.messages}, {"skipped", r.skipped}, {"error", r.error},
               {"date_order", static_cast<unsigned>(source_.date_order())}});
}

// A header line (bytes read, date order), then the file's own cells as an aggregate whose one
// source is the file's report.
std::string DetachedSource::state() const {
  Aggregate cells;
  source_.render_into(cells, 0);
  return dump({{"bytes_read", source_.report().bytes_read},
               {"date_order", static_cast<unsigned>(source_.date_order())}}) +
         "\n" + aggregate_to_json(cells);
}

bool read_detached_progress(std::string_view text, SourceReport& seen, DateOrder& order) {
  const Json j = Json::parse(text, nullptr, false);
  if (!j.is_object() || !read_order(j, order)) return false;
  seen.format = j.value("format", "");
  seen.format_name = j.value("format_name", "");
  seen.bytes_read = j.value("bytes_read", uint64_t{0});
  seen.records = j.value("records", uint64_t{0});
  seen.messages = j.value("messages", uint64_t{0});
  seen.skipped = j.value("skipped", uint64_t{0});
  seen.error = j.value("error", "");
  return true;
}

bool read_detached_state(std::string_view text, Aggregate& cells, uint64_t& bytes_read, DateOrder& order,
                         std::string& error) {
  const size_t newline = text.find('\n');
  const Json header = Json::parse(text.substr(0, newline), nullptr, false);
  if (newline == std::string_view::npos || !header.is_object() || !read_order(header, order) ||
      !header.contains("bytes_read") || !header["bytes_read"].is_number_unsigned())
    return error = "no header", false;
  bytes_read = header["bytes_read"].get<uint64_t>();
  auto aggregate = aggregate_from_json(text.substr(newline + 1), error);
  if (!aggregate || aggregate->sources().size() != 1) return error = error.empty() ? "not one source" : error, false;
  cells = std::move(*aggregate);
  return true;
}

}  // namespace mailflow
