#include "ingest/source.h"

#include <cassert>
#include <cstring>
#include <span>

#include "ingest/record_cutter.h"
#include "ingest/sniff.h"

namespace mailflow {

Source::Source(std::string name, size_t index, const SessionOptions& options, MessageTable& table)
    : index_(index), options_(options), table_(table) {
  report_.name = std::move(name);
}

void Source::feed(const uint8_t* data, size_t size) {
  if (cancelled_ || report_.finished || detached_) return;
#ifdef MAILFLOW_PARSE_THREADS
  if (worker_) {
    // A chunk after the one that stopped the reading is not counted in bytes_read: the caller
    // learns of the stop a little later than with one thread, and the count must not depend on it.
    if (stopped_) return;
    if (decodes_here_) return feed_decoded(data, size);
    worker_->feed(data, size, [this](const RecordedEvents& batch) { replay(batch); });
    return;
  }
#endif
  feed_here(data, size);
  hand_off_recorded();
#ifdef MAILFLOW_PARSE_THREADS
  // A reader that asks the count (not recording) may still be cut into ranges: its take-over counts.
  if (reader_ && report_.error.empty() && !send_recorded_ && !ranges_ && !start_ranges() && recording_)
    start_parse_thread();
#endif
}

void Source::feed(ByteBuffer& buffer, size_t size) {
#ifdef MAILFLOW_PARSE_THREADS
  if (!cancelled_ && !report_.finished && !detached_) {
    if (worker_ && !decodes_here_) {
      if (!stopped_) worker_->feed(buffer, size, [this](const RecordedEvents& batch) { replay(batch); });  // see feed()
      return;
    }
    if (ranges_ && unpack_.passes_through() && report_.error.empty()) {
      report_.bytes_read += size;  // as feed_here, whose unpacker would pass the bytes to take()
      ranges_->feed(buffer, size);
      return;
    }
  }
#endif
  feed(buffer.data(), size);
}

void Source::read_rest(ByteBuffer& buffer, const ReadChunkFn& read) {
  for (;;) {
#ifdef MAILFLOW_PARSE_THREADS
    if (worker_ && !decodes_here_ && !cancelled_ && !report_.finished && !detached_) {
      if (!stopped_)
        worker_->read_here([&](ByteBuffer& chunk) -> size_t { return stopped_ ? 0 : read(chunk); },
                           [this](const RecordedEvents& batch) { replay(batch); });
      return;
    }
#endif
    if (stopped() || cancelled_ || report_.finished || detached_) return;
    const size_t size = read(buffer);
    if (size == 0) return;
    feed(buffer, size);
  }
}

void Source::feed_here(const uint8_t* data, size_t size) {
  report_.bytes_read += size;
  if (!report_.error.empty()) return;
  unpack_.feed(data, size);
}

bool Source::stopped() const {
#ifdef MAILFLOW_PARSE_THREADS
  if (worker_) return stopped_;
#endif
  return !report_.error.empty();
}

void Source::start_parse_thread() {
#ifdef MAILFLOW_PARSE_THREADS
  // Decided once, before the thread starts: from here on only the caller's thread decodes (the
  // parse thread's finish_here() reads the decoder's end after the last chunk, as it would).
  decodes_here_ = unpack_.passes_through() && (decoder_.encoding() == TextDecoder::Encoding::Utf16Le ||
                                              decoder_.encoding() == TextDecoder::Encoding::Utf16Be);
  worker_ = ParseWorker::start(
      [this](const uint8_t* data, size_t size) {
        if (stopped_) return;  // see feed()
        if (decodes_here_) read_decoded(data, size);
        else feed_here(data, size);
        if (!report_.error.empty()) stopped_ = true;
        hand_off_recorded();
      },
      [this] {
        finish_here();
        hand_off_recorded();
      });
  // No thread to be had: this source reads as with one thread, and does not ask again.
  if (!worker_) recording_ = false;
#endif
}

#ifdef MAILFLOW_PARSE_THREADS
// The queued chunk is the file's byte count (for bytes_read, counted when the chunk is parsed, as
// feed_here counts it) followed by the chunk's text.
void Source::feed_decoded(const uint8_t* data, size_t size) {
  const uint64_t bytes = size;
  const auto* count = reinterpret_cast<const uint8_t*>(&bytes);
  decoded_.assign(count, count + sizeof bytes);
  decoder_.decode_decided_utf16(data, size, decoded_);
  // Handed over as it is (the parse thread's spare buffer takes its place), not copied.
  worker_->feed(decoded_, decoded_.size(), [this](const RecordedEvents& batch) { replay(batch); });
}

void Source::read_decoded(const uint8_t* data, size_t size) {
  uint64_t bytes;
  std::memcpy(&bytes, data, sizeof bytes);
  report_.bytes_read += bytes;
  if (!report_.error.empty()) return;
  reader_->feed(std::string_view(reinterpret_cast<const char*>(data) + sizeof bytes, size - sizeof bytes));
}
#endif

void Source::hand_off_recorded() {
  count_held();
  if (recorded_.empty()) return;
  if (send_recorded_) {  // parsed apart: counted by another session
    send_recorded_(recorded_);
    recorded_.clear();
    return;
  }
#ifdef MAILFLOW_PARSE_THREADS
  if (worker_) {  // on the parse thread: the caller's thread counts them
    recorded_ = worker_->hand_off(std::move(recorded_));
    return;
  }
#endif
  replay(recorded_);  // not yet on a thread of its own: count them here, now
  recorded_.clear();
}

void Source::count_message(const MessageEvent& event, uint64_t line, const std::string& further_reason,
                           SourceReport& report) {
  if (event.message_key.empty()) return EventSink::count_message(event, line, further_reason, report);
  if (recording_) {
    recorded_.add_message(event, further_reason);
    if (recorded_.size() >= kBatchEvents) hand_off_recorded();
    return;
  }
  if (held_.full()) count_held();
  held_.hold(event, MessageTable::key_of(event), line, further_reason, report);
}

void Source::count_held(const HeldMessages::Held& held) {
  if (table_.add(held.event, index_, held.key)) ++report_.messages;
  else held.report->skip(held.line, *held.further_reason, /*problem=*/false);
}

void Source::count_held() {
  for (const HeldMessages::Held& held : held_.held()) table_.prefetch(held.key);
  for (const HeldMessages::Held& held : held_.held()) count_held(held);
  held_.clear();
}

void Source::tls_session(const TlsSessionEvidence& session) {
  count_held();
  if (!recording_) return table_.add_tls_session(session, index_);
  recorded_.add_tls_session(session);
  if (recorded_.size() >= kBatchEvents) hand_off_recorded();
}

void Source::take(const uint8_t* data, size_t size) {
  if (!report_.error.empty()) return;
#ifdef MAILFLOW_PARSE_THREADS
  if (ranges_) return ranges_->feed(data, size);
#endif
  read_text(data, size);
}

void Source::read_text(const uint8_t* data, size_t size) {
  if (reader_ && decoder_.passes_bytes_through()) {  // UTF-8: no copy of the chunk
    reader_->feed(std::string_view(reinterpret_cast<const char*>(data), size));
    return;
  }
  // Decoded a slice at a time: the text is still in the cache when the reader reads it.
  constexpr size_t kDecodeSlice = 64u << 10;
  if (reader_) {
    for (size_t at = 0; at < size; at += kDecodeSlice) {
      text_.clear();
      decoder_.decode(data + at, std::min(kDecodeSlice, size - at), text_);
      reader_->feed(text_);
    }
    return;
  }
  // Held only until the format is chosen, the rest read as above: a page's first slice of 8 MB
  // was copied twice into the head and once more into the reader (18 ms a file in wasm).
  size_t at = 0;
  while (at < size && !reader_ && !unrecognised_) {
    const size_t slice = std::min(kDecodeSlice, size - at);
    text_.clear();
    decoder_.decode(data + at, slice, text_);
    head_.append(text_);
    at += slice;
    if (head_.size() >= sniff_at_) start_reader(false);
  }
  if (reader_ && at < size) read_text(data + at, size - at);
}

void Source::finish() {
  if (cancelled_ || report_.finished) return;
  if (detached_) {  // its parsing side ended without its state (finish_detached): what came stays
    report_.messages = told_messages_;  // the replays' messages come with the tally, once
    tally_.add_to(report_);
    report_.finished = true;
    return;
  }
#ifdef MAILFLOW_PARSE_THREADS
  if (worker_) {
    worker_->finish([this](const RecordedEvents& batch) { replay(batch); });
    worker_.reset();
  } else
#endif
  {
    finish_here();
    hand_off_recorded();
  }
  tally_.add_to(report_);
  report_.finished = true;
}

void Source::finish_here() {
  unpack_.finish();
#ifdef MAILFLOW_PARSE_THREADS
  if (ranges_) {  // the unpacker's end may bring the last bytes; then the file's reader ends as with one thread
    ranges_->finish();
    ranges_.reset();
  }
#endif
  // A corrupt or cut compressed file keeps what it gave before its error (the error stays): the
  // text decoded so far is read to its end. Not a file whose format was not recognised.
  if (!unrecognised_ && !unpack_.is_archive()) {
    text_.clear();
    decoder_.finish(text_);
    if (reader_) reader_->feed(text_);
    else head_.append(text_);
    if (!reader_) start_reader(true);
    if (reader_) reader_->finish();
  }
  // Only for a file that was read to its end: a file given up early was decoded only as far as the
  // chunk that ended it, so the count would depend on the cuts.
  if (decoder_.invalid_units() && report_.error.empty())
    report_.notes.push_back(std::to_string(decoder_.invalid_units()) +
                            " invalid UTF-16 code units (lone surrogates or an odd byte count) were replaced by U+FFFD");
  finish_dates();
  if (report_.error.empty() && reader_ && report_.records == 0)
    report_.notes.push_back("the file has a header but no data rows");
  reader_.reset();
}

void Source::finish_with_error(const std::string& error) {
  // An error found while reading stays; one that its end finds (a file cut short looks empty) is
  // the effect of this one.
  const bool had_error = !report_.error.empty();
  finish();
  if (!error.empty() && !had_error && !cancelled_) report_.error = error;
}

void Source::cancel() {
#ifdef MAILFLOW_PARSE_THREADS
  // What was fed before the cancel is parsed and counted, as with one thread; the file's end is not.
  if (worker_) worker_->finish([this](const RecordedEvents& batch) { replay(batch); }, /*run_finish=*/false);
  worker_.reset();
  if (ranges_) ranges_->stop();
  ranges_.reset();
#endif
  tally_.add_to(report_);
  tally_ = ReplayTally();
  unpack_.cancel();
  cancelled_ = true;
  date_evidence_ = nullptr;
  reader_.reset();
  cells_ = Aggregate();
  pending_.clear();
  table_.drop_source(index_);
  report_.error = "cancelled";
  report_.finished = true;
}

void Source::start_reader(bool at_end) {
  // Sniff exactly the first sniff_at_ bytes of text (or all of a shorter file), however much the
  // chunks delivered, so the choice never depends on the cuts.
  const bool whole_file = at_end && head_.size() <= sniff_at_;
  const std::string_view head = std::string_view(head_).substr(0, sniff_at_);
  const SniffResult sniffed = sniff_format(head, report_.bytes_read, whole_file, sniff_at_ >= kSniffMaxTextBytes);
  if (sniffed.look_further) {
    sniff_at_ = kSniffMaxTextBytes;
    if (head_.size() >= sniff_at_) start_reader(at_end);  // one chunk brought both windows
    return;
  }
  if (!sniffed.format) {
    unrecognised_ = true;
    if (report_.error.empty()) report_.error = sniffed.reason;  // a corrupt gzip says more
    head_.clear();
    head_.shrink_to_fit();
    return;
  }
  report_.format = std::string(sniffed.format->key);
  report_.format_name = std::string(sniffed.format->name);
  if (decoder_.encoding() != TextDecoder::Encoding::Utf8 || decoder_.had_bom())
    report_.notes.push_back("read as " + std::string(decoder_.encoding_name()));
  counts_later_ = sniffed.format->counts_later;
  recording_ = sniffed.format->counts_later && send_recorded_;
#ifdef MAILFLOW_PARSE_THREADS
  recording_ = recording_ || (options_.threads > 1 && sniffed.format->counts_later);
#endif
  format_ = sniffed.format;
  reader_ = sniffed.format->make(ReaderContext{report_, *this, options_});
  std::string held;
  held.swap(head_);
  if (format_->cuts == RecordCuts::CsvRecords) header_ = header_of(held);  // also for range_plan()
#ifdef MAILFLOW_PARSE_THREADS
  cut_into_ranges_ = options_.threads >= RangeReading::min_threads(format_->cuts) &&
                     (format_->cuts == RecordCuts::Lines || !header_.empty());  // a log has no header
#endif
  reader_->feed(held);
}

// The file's header as text: its first record, and the next one after a PowerShell "#TYPE" line;
// "" when the text holds no whole record. Whether it is what the reader took as the header is
// checked by reading it (begin_range_of).
std::string Source::header_of(std::string_view text) {
  RecordCutter cutter(RecordCutter::Units::Utf8);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  size_t end = cutter.find_end(bytes, text.size());
  if (end != RecordCutter::npos && text.starts_with("#TYPE")) {
    const size_t next = cutter.find_end(bytes + end, text.size() - end);
    end = next == RecordCutter::npos ? next : end + next;
  }
  return end == RecordCutter::npos ? std::string() : std::string(text.substr(0, end));
}

bool Source::start_ranges() {
#ifdef MAILFLOW_PARSE_THREADS
  if (!cut_into_ranges_ || !reader_->reading_rows() || !decoder_.between_units()) return false;
  MessageTable unused;
  Source probe(report_.name, index_, options_, unused);
  if (!probe.begin_range_of(*this, header_, [](RecordedEvents&) {})) return false;
  const auto units = range_units();
  const RecordCutter cutter = format_->cuts == RecordCuts::Lines ? RecordCutter::lines(units)
                                                                 : RecordCutter(units, reader_->ends_inside_quotes());
  ranges_ = std::make_unique<RangeReading>(*this, std::move(header_), cutter);
  return true;
#else
  return false;
#endif
}

bool Source::begin_range_of(const Source& file, std::string_view header, RecordedFn collect) {
  return begin_range(file.format_, file.decoder_.encoding(), header, std::move(collect));
}

bool Source::begin_range(const FormatInfo* format, TextDecoder::Encoding encoding, std::string_view header,
                         RecordedFn collect) {
  format_ = format;
  report_.format = std::string(format->key);
  report_.format_name = std::string(format->name);
  decoder_.continue_as(encoding);
  counts_later_ = recording_ = true;
  send_recorded_ = std::move(collect);
  reader_ = format_->make(ReaderContext{report_, *this, options_});
  reader_->read_as_range();
  reader_->feed(header);
  range_first_line_ = reader_->next_line();
  return reader_->reading_rows() && !reader_->ends_inside_quotes() && report_.records == 0 && report_.skipped == 0 &&
         report_.error.empty();
}

// The range's bytes in two pieces (RangeReading: copied bytes and a chunk taken as it is).
void Source::read_range(std::span<const uint8_t> first, std::span<const uint8_t> second) {
  read_text(first.data(), first.size());
  read_text(second.data(), second.size());
  end_range();
}

void Source::end_range() {
  text_.clear();
  decoder_.finish(text_);
  if (report_.error.empty()) {
    if (!text_.empty()) reader_->feed(text_);
    range_ends_in_record_ = !text_.empty() || reader_->ends_inside_quotes();
    reader_->finish_range();
  }
  hand_off_recorded();
}

// The bytes came before any error of the file's (a corrupt gzip stream's is found after the text
// before it): they are read as with one thread.
void Source::read_here(const uint8_t* data, size_t size) {
  read_text(data, size);
  hand_off_recorded();
}

bool Source::take_over_range(Source& range, std::vector<RecordedEvents>& batches) {
  if (range.cells_.partners().overflowed()) return false;
  const uint64_t first_line = reader_->next_line();
  if (!reader_->take_over(*range.reader_, range.range_lines())) return false;
  const std::vector<std::optional<uint64_t>> later_sizes = reader_->take_later_sizes();
  std::span<const std::optional<uint64_t>> sizes(later_sizes);
  for (RecordedEvents& batch : batches) {
    [[maybe_unused]] const bool filled = batch.fill_later_sizes(sizes);
    assert(filled);  // one size for each message the range's reader recorded with size_later
    replay(batch);
  }
  assert(sizes.empty());
  // The range's report, its lines counted from its header's, here from the file's start.
  const SourceReport& r = range.report_;
  report_.records += r.records;
  report_.messages += r.messages;
  report_.reports += r.reports;
  for (const auto& [reason, count] : r.skipped_by_reason) report_.skip_benign(reason, count);
  for (const Problem& p : r.problems) report_.add_problem(p.line ? p.line - range.range_first_line_ + first_line : 0, p.reason);
  if (report_.error.empty()) report_.error = r.error;
  decoder_.count_invalid(range.decoder_.invalid_units());
  // Its own cells, its names interned here in the order the range met them (as one reader would).
  std::vector<uint32_t> endpoint_of;
  const RemoteNames& names = range.cells_.partners().names();
  for (uint32_t e = 0; e < names.endpoint_count(); ++e) cells_.partners().endpoint_in(names, e, endpoint_of);
  cells_.merge(range.cells_);
  for (const auto& [key, volume] : range.pending_) {
    PendingKey here = key;
    here.connector = cells_.intern_connector(range.cells_.connector_name(key.connector));
    here.endpoint = cells_.partners().endpoint_in(names, key.endpoint, endpoint_of);
    pending_[here] += volume;
  }
  return true;
}

std::optional<bool> Source::detachable() const {
  if (unpack_.is_archive()) return false;
  if (unrecognised_ || !report_.error.empty()) return true;  // nothing more to count: its report says why
  return counts_later_;
}

void Source::show_detached_progress(const SourceReport& seen, DateOrder order) {
  if (cancelled_ || report_.finished) return;
  report_.format = seen.format;
  report_.format_name = seen.format_name;
  report_.bytes_read = seen.bytes_read;
  report_.records = seen.records;
  told_messages_ = seen.messages;
  report_.messages = seen.messages + tally_.messages;
  report_.skipped = seen.skipped;
  report_.error = seen.error;
  told_order_ = order;
}

void Source::finish_detached(Aggregate cells, uint64_t bytes_read, DateOrder order) {
  if (cancelled_ || report_.finished) return;
  report_ = cells.sources().empty() ? SourceReport{.name = report_.name} : std::move(cells.sources().front());
  report_.bytes_read = bytes_read;
  cells.sources().clear();
  cells_ = std::move(cells);
  finished_order_ = order;
  tally_.add_to(report_);
  report_.finished = true;
}

DateOrder Source::date_order() const {
  if (finished_order_) return *finished_order_;
  if (told_order_) return *told_order_;
  if (!date_evidence_) return DateOrder::DayFirst;
  const DateOrder proven = date_evidence_->proven_order();
  return proven != DateOrder::Unknown ? proven : date_evidence_->fallback_order();
}

void Source::finish_dates() {
  if (!date_evidence_) return;
  if (date_evidence_->saw_conflict())
    report_.notes.push_back("the file mixes day/month/year and month/day/year dates; read as " +
                            std::string(date_order() == DateOrder::DayFirst ? "day/month/year" : "month/day/year"));
  else if (date_evidence_->saw_ambiguous() && date_evidence_->proven_order() == DateOrder::Unknown)
    report_.notes.push_back(
        std::string("dates such as 04/05/2026 are ambiguous in this file (no day above 12); read as ") +
        (date_order() == DateOrder::DayFirst ? "day/month/year (24-hour times, as en-GB writes them)"
                                             : "month/day/year (AM/PM times, as en-US writes them)"));
  // Dates valid in one order only: if the chosen order makes one invalid, account for it.
  const DateOrder order = date_order();
  for (auto it = pending_.begin(); it != pending_.end();) {
    Timestamp t;
    t.resolved = false, t.year = it->first.year, t.first = it->first.first, t.second = it->first.second;
    if (t.day(order)) {
      ++it;
      continue;
    }
    const std::string reason = "date " + std::to_string(t.first) + "/" + std::to_string(t.second) + "/" +
                               std::to_string(t.year) + " is not a valid date in the file's date order";
    report_.messages -= it->second.messages;
    for (uint64_t i = 0; i < it->second.messages; ++i) report_.skip(0, reason);
    it = pending_.erase(it);
  }
  date_evidence_ = nullptr;  // the parser belongs to the reader, which is going away
  finished_order_ = order;
}

bool Source::message(const MessageEvent& event) {
  // A reader whose format counts_later asks no answer of keyed messages: it may parse on a thread
  // of its own, where the answer is not known yet (use count_message).
  assert(!recording_ || event.message_key.empty());
  if (!event.message_key.empty()) {
    count_held();
    if (!table_.add(event, index_)) return false;
    ++report_.messages;
    return true;
  }
  const ConnectorId connector = cells_.intern_connector(event.connector);
  const uint32_t endpoint = cells_.partners().names().intern_remote(event.remote_host, event.remote_domain);
  const Volume volume{1, event.bytes.value_or(0)};
  if (event.time.resolved) {
    const Day day = day_of(event.time.utc_seconds);
    cells_.add({day, event.direction, connector, event.tls}, volume);
    cells_.partners().add({day, event.direction, connector, event.tls, endpoint}, volume);
  } else {
    const int64_t shift = event.time.utc_seconds >= 0 ? event.time.utc_seconds / kSecondsPerDay
                                                      : -((-event.time.utc_seconds + kSecondsPerDay - 1) / kSecondsPerDay);
    pending_[{event.time.year, event.time.first, event.time.second, shift, event.direction, connector, event.tls,
              endpoint}] += volume;
  }
  ++report_.messages;
  return true;
}

void Source::cells(Day day, Direction direction, std::optional<std::string_view> connector, TlsVersion tls,
                   Volume volume) {
  const ConnectorId id = cells_.intern_connector(connector);
  cells_.add({day, direction, id, tls}, volume);
  // Counts without a remote side (the EAC report): the partner the source does not name.
  cells_.partners().add({day, direction, id, tls, cells_.partners().names().intern("", "")}, volume);
  report_.messages += volume.messages;
}

void Source::render_into(Aggregate& out, uint64_t counted_elsewhere,
                         std::optional<std::pair<Day, Day>> joined_days, const std::string& counted_by) const {
  // Straight into `out`, no copy of cells_ per snapshot; the lines whose day waited for the file's
  // day order are counted in cells_' connector and partner ids, mapped to out's.
  SourceReport report = report_;
  if (auto first = cells_.first_day()) report.cover(*first, *cells_.last_day());
  out.merge(cells_);
  std::vector<ConnectorId> connector_of(cells_.connector_count());
  for (ConnectorId id = 0; id < connector_of.size(); ++id) connector_of[id] = out.intern_connector(cells_.connector_name(id));
  std::vector<uint32_t> endpoint_of;
  const DateOrder order = date_order();
  for (const auto& [key, volume] : pending_) {
    Timestamp t;
    t.resolved = false, t.year = key.year, t.first = key.first, t.second = key.second;
    t.utc_seconds = key.day_shift * kSecondsPerDay;
    if (auto day = t.day(order)) {
      report.cover(*day, *day);
      const ConnectorId connector = connector_of[key.connector];
      out.add({*day, key.direction, connector, key.tls}, volume);
      out.partners().add(
          {*day, key.direction, connector, key.tls,
           out.partners().endpoint_in(cells_.partners().names(), key.endpoint, endpoint_of)},
          volume);
    }
  }
  // Joins are made across sources, so these notes are only known now.
  if (joined_days) report.cover(joined_days->first, joined_days->second);
  if (counted_elsewhere) {
    report.counted_by = counted_by;
    report.notes.push_back(std::to_string(counted_elsewhere) +
                           " messages of this file were counted from another file first (the same message "
                           "id): they add what this file knows to those messages and are counted once");
  }
  if (auto note = table_.join_note(index_)) report.notes.push_back(std::move(*note));
  out.add_source(std::move(report));
}

}  // namespace mailflow
