// One input file on its way through the engine: decoding, format sniffing, the format's reader,
// and the accounting of its messages. Internal to the ingest layer; Session is the facade.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "aggregate/aggregate.h"
#include "formats/format_reader.h"
#include "ingest/held_messages.h"
#include "ingest/message_table.h"
#include "ingest/parse_worker.h"
#include "ingest/range_reading.h"
#include "ingest/record_cutter.h"
#include "ingest/recorded_events.h"
#include "ingest/session.h"
#include "ingest/unpack.h"
#include "io/text_decoder.h"
#include "util/byte_buffer.h"

namespace mailflow {

// With SessionOptions::threads > 1 (native builds), a source whose format counts_later parses on a
// thread of its own once its format is chosen (ingest/parse_worker.h): the reader's messages with a
// key and its TLS sessions are recorded and counted into the message table on the caller's thread,
// in the reader's order; everything else the reader touches (its report, this source's own cells)
// belongs to the parse thread until finish() or cancel() has joined it. Until then, of this source
// only stopped() may be asked. From RangeReading::min_threads threads on, a format that cuts at
// records is parsed in ranges by sources of their own instead (ingest/range_reading.h), and this
// source, on the caller's thread, takes them over.
class Source final : public EventSink {
 public:
  // Recorded events handed to the counting thread at once: small enough to keep both threads busy.
  static constexpr size_t kBatchEvents = 8192;

  // Decoded text kept before choosing the format: enough for any header and a few records...
  static constexpr size_t kSniffTextBytes = 64u << 10;
  // ...and how far a log is read when its first window is undecided (only other programs' lines).
  static constexpr size_t kSniffMaxTextBytes = 4u << 20;

  Source(std::string name, size_t index, const SessionOptions& options, MessageTable& table);

  void feed(const uint8_t* data, size_t size);
  void feed(ByteBuffer& buffer, size_t size);  // see Session::feed
  void read_rest(ByteBuffer& buffer, const ReadChunkFn& read);  // see Session::read_rest
  void finish();
  void cancel();
  // A zip archive's entries become sources made by `spawn` (see ingest/unpack.h); `depth` counts
  // the archives this source is inside.
  void allow_archives(Unpacker::SpawnFn spawn, int depth) { unpack_.allow_archives(std::move(spawn), depth); }
  // The end of an archive entry or of a file that could not be read further: `error` (e.g. a CRC
  // mismatch) becomes the source's error.
  void finish_with_error(const std::string& error);

  // Parsed apart (ingest/detached_source.h). On the parsing side: the recorded events go to
  // `send` instead of this session's message table. On the counting side, after detach(): the
  // source is not fed; what the parsing side sent is replayed, shown and finished here.
  using RecordedFn = std::function<void(RecordedEvents& batch)>;  // may take the batch's contents
  void send_recorded_to(RecordedFn send) { send_recorded_ = std::move(send); }
  // Whether this source can be parsed apart: nullopt until its format is chosen; false for a zip
  // archive and for the formats that ask the count as they read (not FormatInfo::counts_later).
  std::optional<bool> detachable() const;
  void detach() { detached_ = true; }
  void replay_detached(const RecordedEvents& batch) { replay(batch); }
  void show_detached_progress(const SourceReport& seen, DateOrder order);
  // `cells`: the parsing side's own cells with its report as their one source.
  void finish_detached(Aggregate cells, uint64_t bytes_read, DateOrder order);

  // A large file cut into ranges read at once (ingest/range_reading.h; native builds). The file's
  // source reads its start and what follows a range it cannot take over itself (read_here) and takes
  // over each range's source in file order (take_over_range); a range's source reads the file's
  // header and then its range (begin_range_of, read_range) on a worker thread, recording its messages.
  void read_here(const uint8_t* data, size_t size);
  bool take_over_range(Source& range, std::vector<RecordedEvents>& batches);
  // False when the header does not bring the range's reader to the file's rows.
  bool begin_range_of(const Source& file, std::string_view header, RecordedFn collect);
  void read_range(std::span<const uint8_t> first, std::span<const uint8_t> second);

  // The same across page workers, which share no memory (ingest/detached_range.h). On the file's
  // side: what a range's reader needs of the file, as bytes ("" while the file cannot be cut here:
  // its format is not chosen or does not cut at records, or it is compressed), and the take-over of
  // what a range gave (range_outcome, its recorded events as RecordedEvents::write_to wrote them,
  // `bytes` of the file), which is false, changing nothing, when the file's reader did not end at a
  // record boundary just before the range or the range did not end at one.
  std::string range_plan() const;
  bool take_over_range_outcome(std::string_view outcome, std::string_view events, uint64_t bytes);
  // On the range's side: a range's source made from the plan, which reads its bytes with
  // read_here(), then end_range(); then what it gave (its events went to `collect`).
  bool begin_planned_range(std::string_view plan, RecordedFn collect);
  void end_range();
  std::string range_outcome() const;
  RecordCutter::Units range_units() const;  // where its lines end (UTF-8 before a plan is read)
  static RecordCutter::Units plan_units(std::string_view plan);  // the same for a range_plan()

  const SourceReport& report() const { return report_; }
  const SessionOptions& options() const { return options_; }
  // The source reads no further (its error is set): the caller need not feed it more. Safe to ask
  // while the source parses on its own thread.
  bool stopped() const;
  bool cancelled() const { return cancelled_; }
  DateOrder date_order() const;
  // This source's own cells (everything not merged by message key), with its report;
  // `counted_elsewhere`: its messages that another source counted first (said in a note).
  // `joined_days`: the days of its messages the message table holds (MessageTable::Summed::days);
  // `counted_by`: the file that counted most of those counted elsewhere ("" when not known).
  void render_into(Aggregate& out, uint64_t counted_elsewhere,
                   std::optional<std::pair<Day, Day>> joined_days = std::nullopt,
                   const std::string& counted_by = {}) const;

  // EventSink
  bool message(const MessageEvent& event) override;
  void count_message(const MessageEvent& event, uint64_t line, const std::string& further_reason,
                     SourceReport& report) override;
  void cells(Day day, Direction direction, std::optional<std::string_view> connector, TlsVersion tls,
             Volume volume) override;
  void use_date_evidence(const TimestampParser* parser) override { date_evidence_ = parser; }
  void tls_session(const TlsSessionEvidence& session) override;
  void tls_report(const TlsRptReport& report) override { cells_.tls_reports().add(report); }

 private:
  void feed_here(const uint8_t* data, size_t size);  // on the thread that parses
  void finish_here();
  void start_reader(bool at_end);
  void hand_off_recorded();  // the recorded and the held events go to be counted
  void count_held(const HeldMessages::Held& held);
  void count_held();  // every held message
  void replay(const RecordedEvents& batch) { batch.replay(table_, index_, tally_); }
  void start_parse_thread();
  void feed_decoded(const uint8_t* data, size_t size);  // caller's thread: decodes, then queues
  void read_decoded(const uint8_t* data, size_t size);  // parse thread: reads what feed_decoded queued
  bool start_ranges();
  bool begin_range(const FormatInfo* format, TextDecoder::Encoding encoding, std::string_view header, RecordedFn collect);
  bool cuts_here() const;  // range_plan() but for its probe of the header
  bool restore_range(std::string_view outcome);
  uint64_t range_lines() const { return range_lines_ ? *range_lines_ : reader_->next_line() - range_first_line_; }
  static std::string header_of(std::string_view text);
  void take(const uint8_t* data, size_t size);  // plain bytes, after the unpacker
  void read_text(const uint8_t* data, size_t size);  // decoded and read, even after an error
  void finish_dates();

  // A message whose slash date's day/month order is not known yet, kept per date as written.
  struct PendingKey {
    int32_t year;
    uint8_t first, second;
    int64_t day_shift;  // whole days the time of day and zone move the date
    Direction direction;
    ConnectorId connector;
    TlsVersion tls;
    uint32_t endpoint;  // in cells_.partners()
    auto operator<=>(const PendingKey&) const = default;
  };

  size_t index_;
  const SessionOptions& options_;
  MessageTable& table_;
  SourceReport report_;
  Unpacker unpack_{report_, [this](const uint8_t* data, size_t size) { take(data, size); }};
  TextDecoder decoder_;
  std::string text_;  // decoded text of the current chunk (reused)
  std::string head_;  // decoded text held until the format is chosen
  size_t sniff_at_ = kSniffTextBytes;  // the size of head_ at which the format is chosen
  bool unrecognised_ = false;          // no format matched: nothing of the file is read
  const FormatInfo* format_ = nullptr;
  std::unique_ptr<FormatReader> reader_;
  bool cut_into_ranges_ = false;   // the file may be parsed in ranges (threads > 1, its format cuts)
  std::string header_;             // the header's text, for the readers of ranges ("" for a log)
  uint64_t range_first_line_ = 0;  // a range's source: the line its range starts on, counted from its header
  std::optional<uint64_t> range_lines_;  // a range's source restored from another worker's outcome: its lines
  bool range_ends_in_record_ = false;    // a range's source: its text ended inside a record (a bad cut)
  const TimestampParser* date_evidence_ = nullptr;
  Aggregate cells_;
  std::map<PendingKey, Volume> pending_;
  std::optional<DateOrder> finished_order_;  // decided at finish(), when the reader goes away
  std::optional<DateOrder> told_order_;      // detached: the parsing side's order so far
  uint64_t told_messages_ = 0;               // detached: the parsing side's own messages so far
  std::optional<bool> counts_later_;         // the chosen format's FormatInfo::counts_later
  RecordedFn send_recorded_;
  bool detached_ = false;
  bool cancelled_ = false;
  // Parsing on a thread of its own (see above).
  bool recording_ = false;   // messages with a key and TLS sessions go to recorded_, then to the table
  RecordedEvents recorded_;  // parse side
  ReplayTally tally_;        // counting side: what the replays gave, added to report_ at the end
  HeldMessages held_;        // not recording: keyed messages on their way to the table
  std::atomic<bool> stopped_{false};
#ifdef MAILFLOW_PARSE_THREADS
  std::unique_ptr<ParseWorker> worker_;
  std::unique_ptr<RangeReading> ranges_;
  // UTF-16 is decoded on the caller's thread, which has little else to do with such a file (an
  // Extended report), and the parse thread gets text (see feed_decoded).
  bool decodes_here_ = false;
  ByteBuffer decoded_;  // caller's thread: the chunk being queued
#endif
};

}  // namespace mailflow
