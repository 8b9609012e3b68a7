// A range of a large file parsed in another page worker (ingest/detached_range.h): the file's
// plan for it, the range's outcome as bytes, and the file's take-over of that outcome, which
// rebuilds the range's source from it and takes it over as one taken on another thread.
#include <optional>
#include <vector>

#include "export/aggregate_binary.h"
#include "ingest/source.h"

namespace mailflow {

bool Source::cuts_here() const {
  if (!format_ || format_->cuts != RecordCuts::CsvRecords || header_.empty() || !reader_ ||
      !reader_->reading_rows() || !report_.error.empty() || !unpack_.passes_through() || detached_ || cancelled_ ||
      report_.finished)
    return false;
  StateWriter probe_state;
  return reader_->write_range_state(probe_state);
}

std::string Source::range_plan() const {
  if (!cuts_here()) return {};
  MessageTable unused;
  Source probe(report_.name, index_, options_, unused);
  if (!probe.begin_range_of(*this, header_, [](RecordedEvents&) {})) return {};
  StateWriter plan;
  plan.text(format_->key);
  plan.number(static_cast<uint64_t>(decoder_.encoding()));
  plan.text(header_);
  return plan.take();
}

namespace {
struct Plan {
  std::string_view key, header;
  TextDecoder::Encoding encoding = TextDecoder::Encoding::Undecided;
};
std::optional<Plan> read_plan(std::string_view text) {
  StateReader in(text);
  Plan plan;
  if (!in.text(plan.key) || !in.number_as(plan.encoding) || !in.text(plan.header) || !in.at_end() ||
      plan.encoding == TextDecoder::Encoding::Undecided || plan.encoding > TextDecoder::Encoding::Utf16Be)
    return std::nullopt;
  return plan;
}
RecordCutter::Units units_of(TextDecoder::Encoding encoding) {
  switch (encoding) {
    case TextDecoder::Encoding::Utf16Le: return RecordCutter::Units::Utf16Le;
    case TextDecoder::Encoding::Utf16Be: return RecordCutter::Units::Utf16Be;
    default: return RecordCutter::Units::Utf8;
  }
}
}  // namespace

bool Source::begin_planned_range(std::string_view text, RecordedFn collect) {
  const auto plan = read_plan(text);
  const FormatInfo* format = plan ? find_format(plan->key) : nullptr;
  return format && format->cuts == RecordCuts::CsvRecords &&
         begin_range(format, plan->encoding, plan->header, std::move(collect));
}

RecordCutter::Units Source::range_units() const { return units_of(decoder_.encoding()); }

RecordCutter::Units Source::plan_units(std::string_view text) {
  const auto plan = read_plan(text);
  return units_of(plan ? plan->encoding : TextDecoder::Encoding::Utf8);
}

// What take_over_range reads of a range's source, in its order.
std::string Source::range_outcome() const {
  StateWriter out;
  out.number(range_ends_in_record_ || !reader_);
  out.number(range_first_line_);
  out.number(reader_ ? range_lines() : 0);
  out.number(report_.records);
  out.number(report_.messages);
  out.number(report_.reports);
  out.number(report_.skipped_by_reason.size());
  for (const auto& [reason, count] : report_.skipped_by_reason) {
    out.text(reason);
    out.number(count);
  }
  out.number(report_.problems.size());
  for (const Problem& p : report_.problems) {
    out.number(p.line);
    out.text(p.reason);
  }
  out.text(report_.error);
  out.number(decoder_.invalid_units());
  if (reader_) reader_->write_range_state(out);
  out.number(pending_.size());
  for (const auto& [key, volume] : pending_) {
    out.number(static_cast<uint64_t>(int64_t{key.year}));
    out.number(key.first);
    out.number(key.second);
    out.number(static_cast<uint64_t>(key.day_shift));
    out.number(static_cast<uint64_t>(key.direction));
    out.number(key.connector);
    out.number(static_cast<uint64_t>(key.tls));
    out.number(key.endpoint);
    out.number(volume.messages);
    out.number(volume.bytes);
  }
  out.text(aggregate_to_binary(cells_));
  return out.take();
}

// Into a range's source that read the file's header only.
bool Source::restore_range(std::string_view outcome) {
  StateReader in(outcome);
  bool ends_in_record = true;
  uint64_t lines = 0, reasons = 0, problems = 0, invalid = 0, pending = 0;
  if (!in.number_as(ends_in_record) || ends_in_record || !in.number(range_first_line_) || !in.number(lines) ||
      !in.number(report_.records) || !in.number(report_.messages) || !in.number(report_.reports) ||
      !in.number(reasons))
    return false;
  for (uint64_t i = 0; i < reasons; ++i) {
    std::string reason;
    uint64_t count = 0;
    if (!in.text(reason) || !in.number(count)) return false;
    report_.skip_benign(reason, count);
  }
  if (!in.number(problems)) return false;
  for (uint64_t i = 0; i < problems; ++i) {
    Problem p;
    if (!in.number(p.line) || !in.text(p.reason)) return false;
    report_.problems.push_back(std::move(p));
  }
  if (!in.text(report_.error) || !in.number(invalid) || !reader_->read_range_state(in) || !in.number(pending))
    return false;
  decoder_.count_invalid(invalid);
  for (uint64_t i = 0; i < pending; ++i) {
    PendingKey key{};
    Volume volume;
    if (!in.number_as(key.year) || !in.number_as(key.first) || !in.number_as(key.second) ||
        !in.number_as(key.day_shift) || !in.number_as(key.direction) || !in.number_as(key.connector) ||
        !in.number_as(key.tls) || !in.number_as(key.endpoint) || !in.number(volume.messages) ||
        !in.number(volume.bytes))
      return false;
    pending_[key] += volume;
  }
  std::string_view image;
  if (!in.text(image) || !in.at_end()) return false;
  AggregateBinaryReader cells{std::string(image)};
  if (!cells.start() || !cells.step(SIZE_MAX) || !cells.done()) return false;
  cells_ = cells.take();
  // Every pending key names a connector and an endpoint of the cells.
  for (const auto& [key, volume] : pending_)
    if (key.connector >= cells_.connector_count() || key.endpoint >= cells_.partners().names().endpoint_count() ||
        key.direction > Direction::Outbound || key.tls > TlsVersion::NoData)
      return false;
  range_lines_ = lines;
  return true;
}

bool Source::take_over_range_outcome(std::string_view outcome, std::string_view events, uint64_t bytes) {
  if (!cuts_here() || reader_->ends_inside_quotes() || !decoder_.between_units()) return false;
  MessageTable unused;
  Source range(report_.name, index_, options_, unused);  // its begin_range_of is range_plan's probe
  if (!range.begin_range_of(*this, header_, [](RecordedEvents&) {}) || !range.restore_range(outcome)) return false;
  std::vector<RecordedEvents> batches;
  while (!events.empty()) {
    if (!batches.emplace_back().read_from(events)) return false;
  }
  count_held();  // the messages read before the range are counted before its own
  if (!take_over_range(range, batches)) return false;
  report_.bytes_read += bytes;
  return true;
}

}  // namespace mailflow
