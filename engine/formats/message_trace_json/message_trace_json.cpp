#include "formats/message_trace_json/message_trace_json.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "formats/exo_common/exo_fields.h"
#include "formats/json_records/dotnet_date.h"
#include "formats/json_records/flat_object.h"
#include "formats/json_records/json_records.h"
#include "formats/message_trace/trace_records.h"
#include "formats/message_trace_detail/detail_records.h"
#include "util/text.h"

namespace mailflow {

namespace {

using Json = nlohmann::json;

// A trace or detail object is small (a detail's Data XML a few KB); anything far larger is not one.
constexpr size_t kMaxRecordBytes = 1u << 20;

const std::string kNotJson = "not valid JSON";
const std::string kStray = "text outside a JSON object";
const std::string kCutOff = "the last object is cut off (the file ends inside it)";
const std::string kOversized = "an object larger than 1 MiB: not a message trace or detail record";
const std::string kGraphError = "a Microsoft Graph error response, not message data";
const std::string kOtherObject =
    "not a message trace or detail object (no Received/receivedDateTime with FromIP/ToIP, no Event with "
    "Date/dateTime)";

// Every name the two kinds of object are read by, and "error" (a Graph error response).
std::vector<std::string_view> wanted_names() {
  std::vector<std::string_view> names;
  auto add = [&](std::string_view name) {
    if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const exo::FieldNames& field : kTraceFields)
    for (std::string_view name : field.names) add(name);
  for (const exo::FieldNames& field : kDetailFields)
    for (std::string_view name : field.names) add(name);
  add("error");
  return names;
}

// Whether a page's own members name a next page: Graph's @odata.nextLink, the Reporting Web
// Service's odata.nextLink, OData v2's __next (inside "d").
bool names_next_page(std::string_view members) {
  const Json page = Json::parse(members, nullptr, /*allow_exceptions=*/false);
  for (const Json* j : {&page, page.is_object() && page.contains("d") ? &page["d"] : nullptr}) {
    if (!j || !j->is_object()) continue;
    for (const char* key : {"@odata.nextLink", "odata.nextLink", "__next"})
      if (auto it = j->find(key); it != j->end() && it->is_string() && !it->get_ref<const std::string&>().empty())
        return true;
  }
  return false;
}

// "code: message" of a Graph error response, bounded.
std::string graph_error_text(std::string_view object) {
  const Json j = Json::parse(object, nullptr, /*allow_exceptions=*/false);
  std::string text;
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    const Json& error = j["error"];
    for (const char* key : {"code", "message"})
      if (error.contains(key) && error[key].is_string()) {
        if (!text.empty()) text += ": ";
        text += error[key].get<std::string>();
      }
  }
  if (text.size() > 120) text = text.substr(0, 120) + "...";
  return text;
}

class MessageTraceJsonReader final : public FormatReader {
 public:
  explicit MessageTraceJsonReader(ReaderContext context)
      : context_(context),
        parser_(context.options.utc_offset_minutes),
        traces_(context, parser_),
        details_(context, parser_),
        object_(wanted_names()),
        records_({[this](std::string_view object, uint64_t line) { on_object(object, line); },
                  [this](uint64_t line, uint64_t) { skip(line, kOversized); },
                  [this](uint64_t line, std::string_view sample) {
                    ++context_.report.records;
                    exo::skip_defect(context_.report, line, kStray, sample);
                  },
                  [this](uint64_t line) { skip(line, kCutOff); }},
                 {{"value", "results", "d"},
                  [this](std::string_view members, uint64_t line, uint64_t records, bool complete) {
                    on_page(members, line, records, complete);
                  }},
                 kMaxRecordBytes) {
    context_.sink.use_date_evidence(&parser_);
    for (size_t f = 0; f < TraceRecord::kFieldCount; ++f) trace_slots_[f] = slots_of(kTraceFields[f]);
    for (size_t f = 0; f < DetailRecord::kFieldCount; ++f) detail_slots_[f] = slots_of(kDetailFields[f]);
    error_slot_ = object_.find("error");
  }

  void feed(std::string_view text) override { records_.feed(text); }

  void finish() override {
    records_.finish();
    details_.finish();
    auto& notes = context_.report.notes;
    if (cut_page_line_)
      notes.push_back("the file ends inside the page that begins on line " + std::to_string(cut_page_line_) +
                      ": it was cut off, and the objects after the cut are missing");
    else if (last_page_continues_)
      notes.push_back("the last page in the file names a next page (@odata.nextLink): the listing goes on beyond "
                      "this file; without the next pages their messages are missing");
    if (details_without_id_)
      notes.push_back(std::to_string(details_without_id_) +
                      (details_without_id_ == 1 ? " detail object has" : " detail objects have") +
                      " no MessageId: each of their Receive and Send events counts as a message of its own.");
  }

 private:
  using Slots = std::array<size_t, 3>;

  Slots slots_of(const exo::FieldNames& field) const {
    Slots slots;
    for (size_t i = 0; i < slots.size(); ++i)
      slots[i] = field.names[i].empty() ? FlatObject::npos : object_.find(field.names[i]);
    return slots;
  }
  // The field's value: the first of its names the object has.
  bool has(const Slots& slots) const {
    for (size_t slot : slots)
      if (slot != FlatObject::npos && object_.has(slot)) return true;
    return false;
  }
  std::string_view value(const Slots& slots) const {
    for (size_t slot : slots)
      if (slot != FlatObject::npos && object_.has(slot)) return object_.value(slot);
    return {};
  }
  // A .NET JSON date becomes ISO 8601 for the shared timestamp parser.
  std::string_view readable_date(std::string_view date) {
    return dotnet_date_to_iso(date, date_) ? std::string_view(date_) : date;
  }

  void skip(uint64_t line, const std::string& reason) {
    ++context_.report.records;
    context_.report.skip(line, reason);
  }

  void on_object(std::string_view text, uint64_t line) {
    ++context_.report.records;
    if (!object_.read(text)) {
      context_.report.skip(line, kNotJson);
      return;
    }
    if (has(trace_slots_[TraceRecord::kReceived]) &&
        (has(trace_slots_[TraceRecord::kFromIp]) || has(trace_slots_[TraceRecord::kToIp]))) {
      TraceRecord record;
      record.line = line;
      for (size_t f = 0; f < TraceRecord::kFieldCount; ++f) record.value[f] = value(trace_slots_[f]);
      record.value[TraceRecord::kReceived] = readable_date(record.value[TraceRecord::kReceived]);
      traces_.add(record);
      return;
    }
    if (has(detail_slots_[DetailRecord::kEvent]) && has(detail_slots_[DetailRecord::kDate])) {
      DetailRecord record;
      record.line = line;
      for (size_t f = 0; f < DetailRecord::kFieldCount; ++f) record.value[f] = value(detail_slots_[f]);
      record.value[DetailRecord::kDate] = readable_date(record.value[DetailRecord::kDate]);
      if (trim(record.value[DetailRecord::kMessageId]).empty() && trim(record.value[DetailRecord::kTraceId]).empty())
        ++details_without_id_;
      details_.add(record);
      return;
    }
    if (object_.has(error_slot_)) {
      context_.report.skip(line, kGraphError, /*problem=*/false);
      const std::string error = graph_error_text(text);
      context_.report.add_problem(line, kGraphError + (error.empty() ? "" : " (" + error + ")"));
      return;
    }
    context_.report.skip(line, kOtherObject);
  }

  void on_page(std::string_view members, uint64_t line, uint64_t /*records*/, bool complete) {
    if (!complete) {
      cut_page_line_ = line;
      return;
    }
    last_page_continues_ = !members.empty() && names_next_page(members);
  }

  ReaderContext context_;
  TimestampParser parser_;
  TraceRecords traces_;
  DetailRecords details_;
  FlatObject object_;
  JsonRecords records_;
  std::array<Slots, TraceRecord::kFieldCount> trace_slots_{};
  std::array<Slots, DetailRecord::kFieldCount> detail_slots_{};
  size_t error_slot_ = FlatObject::npos;
  std::string date_;  // a .NET date rewritten
  uint64_t details_without_id_ = 0;
  uint64_t cut_page_line_ = 0;
  bool last_page_continues_ = false;
};

// The kind of object a JSON text starts with, from the member names in its first window.
enum class Kind { None, Trace, Detail };

Kind first_kind(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (head[first] != '{' && head[first] != '[')) return Kind::None;
  auto at = [&](std::initializer_list<std::string_view> names) {
    size_t best = std::string_view::npos;
    for (std::string_view name : names) best = std::min(best, ifind(head, name));
    return best;
  };
  constexpr auto npos = std::string_view::npos;
  const size_t received = at({"\"received\"", "\"receiveddatetime\""});
  const size_t ips = at({"\"fromip\"", "\"toip\""});
  const size_t event = at({"\"event\""});
  const bool trace = received != npos && ips != npos;
  const bool detail = event != npos && at({"\"date\"", "\"datetime\""}) != npos && at({"\"data\"", "\"action\""}) != npos;
  if (trace && detail) return std::min(received, ips) < event ? Kind::Trace : Kind::Detail;
  if (trace || detail) return trace ? Kind::Trace : Kind::Detail;
  // A page without objects (an empty result saved as it came) still names its collection.
  if (at({"exchangemessagetracedetail", "#messagetracedetail\""}) != npos) return Kind::Detail;
  if (at({"tracing/messagetraces\"", "#messagetrace\"", ".exchangemessagetrace\""}) != npos) return Kind::Trace;
  return Kind::None;
}

int sniff_trace(std::string_view head) { return first_kind(head) == Kind::Trace ? 95 : 0; }
int sniff_detail(std::string_view head) { return first_kind(head) == Kind::Detail ? 95 : 0; }

std::unique_ptr<FormatReader> make(ReaderContext context) { return std::make_unique<MessageTraceJsonReader>(context); }

// JSON that is none of these: says what it holds, so a user sees why.
NearMiss near_miss(std::string_view head, std::string_view where) {
  NearMiss miss;
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (head[first] != '{' && head[first] != '[')) return miss;
  miss.closeness = 40;
  if (ifind(head, "\"error\"") != std::string_view::npos && ifind(head, "\"code\"") != std::string_view::npos &&
      ifind(head, "\"message\"") != std::string_view::npos) {
    miss.reason = "looks like a Microsoft Graph error response (\"error\" with a code and message) " +
                  std::string(where) + ", not message trace data";
    return miss;
  }
  miss.reason = "looks like JSON, but " + std::string(where) +
                " there is no message trace object (Received or receivedDateTime with FromIP/ToIP), no trace "
                "detail object (Event with Date or dateTime) and no TLS-RPT report";
  return miss;
}

}  // namespace

const FormatInfo kMessageTraceJsonFormat{"message-trace-json", "Exchange Online message trace (Graph / PowerShell JSON)",
                                         &sniff_trace, &make, &near_miss, /*counts_later=*/true};
const FormatInfo kMessageTraceDetailJsonFormat{"message-trace-detail-json",
                                               "Exchange Online message trace detail (Graph / PowerShell JSON)",
                                               &sniff_detail, &make, nullptr, /*counts_later=*/true};

}  // namespace mailflow
