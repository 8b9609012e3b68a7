#include "ingest/session.h"

#include <utility>

#include "ingest/detached_source.h"
#include "ingest/message_table.h"
#include "ingest/source.h"

namespace mailflow {

Session::Session(SessionOptions options) : options_(options), messages_(std::make_unique<MessageTable>()) {}
Session::~Session() = default;

Session::SourceId Session::add_source(std::string name) {
  sources_.push_back(std::make_unique<Source>(std::move(name), sources_.size(), options_, *messages_));
  parents_.push_back(std::nullopt);
  allow_archives(sources_.size() - 1, 0);
  return sources_.size() - 1;
}

Source* Session::add_child(SourceId parent, std::string name) {
  sources_.push_back(std::make_unique<Source>(std::move(name), sources_.size(), options_, *messages_));
  parents_.push_back(parent);
  int depth = 1;
  for (auto p = parents_[parent]; p; p = parents_[*p]) ++depth;
  allow_archives(sources_.size() - 1, depth);
  return sources_.back().get();
}

void Session::allow_archives(SourceId id, int depth) {
  sources_[id]->allow_archives([this, id](std::string name) { return add_child(id, std::move(name)); }, depth);
}

std::optional<Session::SourceId> Session::parent(SourceId id) const { return parents_.at(id); }

void Session::feed(SourceId id, const uint8_t* data, size_t size) { sources_.at(id)->feed(data, size); }
void Session::feed(SourceId id, ByteBuffer& buffer, size_t size) { sources_.at(id)->feed(buffer, size); }
void Session::read_rest(SourceId id, ByteBuffer& buffer, const ReadChunkFn& read) {
  sources_.at(id)->read_rest(buffer, read);
}
void Session::finish(SourceId id) { sources_.at(id)->finish(); }
void Session::cancel(SourceId id) { sources_.at(id)->cancel(); }
void Session::finish_unreadable(SourceId id, std::string_view why) {
  sources_.at(id)->finish_with_error("the file could not be read to its end (" + std::string(why) +
                                     "); what was read before is counted");
}
void Session::detach(SourceId id) { sources_.at(id)->detach(); }

bool Session::replay_detached(SourceId id, std::string_view events) {
  RecordedEvents batch;
  while (!events.empty()) {
    if (!batch.read_from(events)) {
      sources_.at(id)->finish_with_error("the parse worker's events could not be read");
      return false;
    }
    sources_.at(id)->replay_detached(batch);
  }
  return true;
}

bool Session::show_detached_progress(SourceId id, std::string_view progress) {
  SourceReport seen;
  DateOrder order = DateOrder::Unknown;
  if (!read_detached_progress(progress, seen, order)) return false;
  sources_.at(id)->show_detached_progress(seen, order);
  return true;
}

bool Session::finish_detached(SourceId id, std::string_view state) {
  Aggregate cells;
  uint64_t bytes_read = 0;
  DateOrder order = DateOrder::Unknown;
  std::string error;
  if (!read_detached_state(state, cells, bytes_read, order, error)) {
    sources_.at(id)->finish_with_error("the parse worker's result could not be read (" + error + ")");
    return false;
  }
  sources_.at(id)->finish_detached(std::move(cells), bytes_read, order);
  return true;
}

std::string Session::range_plan(SourceId id) const { return sources_.at(id)->range_plan(); }

bool Session::take_over_range(SourceId id, std::string_view outcome, std::string_view events) {
  StateReader in(outcome);
  uint64_t begin = 0, end = 0;
  std::string_view range;
  if (!in.number(begin) || !in.number(end) || !in.text(range) || !in.at_end() || end < begin) return false;
  Source& source = *sources_.at(id);
  return source.report().bytes_read == begin && source.take_over_range_outcome(range, events, end - begin);
}

const SourceReport& Session::report(SourceId id) const { return sources_.at(id)->report(); }
bool Session::stopped(SourceId id) const { return sources_.at(id)->stopped(); }
size_t Session::source_count() const { return sources_.size(); }

void Session::add_aggregate(Aggregate aggregate) { loaded_.merge(aggregate); }

std::string Session::counted_by_name(size_t source) const {
  const auto by = messages_->counted_mostly_by(source);
  return by && *by < sources_.size() ? sources_[*by]->report().name : std::string();
}

template <class Table>
Aggregate Session::aggregate_of(const Session& session, Table&& messages) {
  Aggregate out;
  out.merge(session.loaded_);
  const auto& sources = session.sources_;
  auto order_of = [&](size_t source) { return sources[source]->date_order(); };
  const MessageTable::Summed table = messages.summed(sources.size(), order_of);
  for (size_t i = 0; i < sources.size(); ++i)
    sources[i]->render_into(out, messages.counted_elsewhere(i), table.days[i], session.counted_by_name(i));
  std::forward<Table>(messages).render_into(out, table);
  return out;
}

Aggregate Session::aggregate() const& { return aggregate_of(*this, std::as_const(*messages_)); }
Aggregate Session::aggregate() && { return aggregate_of(*this, std::move(*messages_)); }

}  // namespace mailflow
