// The interface every input format implements, and what a reader is given.
//
// A reader receives the source's text as UTF-8 in chunks cut anywhere (the caller need not cut on
// line or record boundaries: the reader buffers what spans two chunks), then one finish() call. It
// turns records into MessageEvents (or pre-aggregated cells) and accounts for every record in the
// SourceReport: counted as (part of) a message, or skipped with a reason.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"
#include "aggregate/source_report.h"
#include "ingest/session_options.h"
#include "model/message_event.h"
#include "model/timestamp.h"
#include "util/state_bytes.h"

namespace mailflow {

// One SMTP session of an Exchange protocol log: the TLS evidence that messages of a message tracking
// log are joined to (see ingest/message_table.h). A session cut over two files comes twice and is
// merged by its id.
struct TlsSessionEvidence {
  std::string_view session_id;
  Direction direction = Direction::Inbound;  // a receive (inbound) or send (outbound) session
  std::string_view connector;                // connector-id as written
  std::string_view peer_ip;                  // IP of the remote endpoint
  int64_t first_seconds = 0, last_seconds = 0;  // UTC time of its first and last line in the file
  std::optional<TlsVersion> tls;             // the version of its TLS line; nullopt: none in the file
  bool saw_start = false;                    // its connect line ('+') is in the file
};

// Where a reader's output goes. Implemented by the ingest layer.
class EventSink {
 public:
  virtual ~EventSink() = default;
  // One record gave this event. Returns false when the event only added to a message already
  // counted (another row of the same message), so the reader can account for the record.
  virtual bool message(const MessageEvent& event) = 0;
  // The same for a reader that needs nothing of the answer but to skip the record (at `line`) as a
  // further row under `further_reason` (benign, counted by reason; a constant of the reader's, kept
  // by address). The answer may then come later, from the thread that counts, while this one
  // parses on (see FormatInfo::counts_later), or a few messages later (ingest/held_messages.h).
  virtual void count_message(const MessageEvent& event, uint64_t line, const std::string& further_reason,
                             SourceReport& report) {
    if (!message(event)) report.skip(line, further_reason, /*problem=*/false);
  }
  // Pre-aggregated input (e.g. the EAC report): `volume` messages on `day` through `connector`.
  virtual void cells(Day day, Direction direction, std::optional<std::string_view> connector,
                     TlsVersion tls, Volume volume) = 0;
  // The reader's timestamp parser, for resolving slash dates at the end of the file.
  virtual void use_date_evidence(const TimestampParser* parser) = 0;
  // An SMTP session whose TLS messages of other sources may be joined to.
  virtual void tls_session(const TlsSessionEvidence& /*session*/) {}
  // A TLS-RPT report (RFC 8460): session counts, not messages; they go to the aggregate's own part.
  virtual void tls_report(const TlsRptReport& /*report*/) {}
};

struct ReaderContext {
  SourceReport& report;
  EventSink& sink;
  const SessionOptions& options;
};

class FormatReader {
 public:
  virtual ~FormatReader() = default;
  virtual void feed(std::string_view text) = 0;
  virtual void finish() = 0;

  // A file cut into ranges at record boundaries (FormatInfo::cuts; ingest/range_reading.h):
  // a range's reader reads the file's header, then its range, then finish_range(); the file's own
  // reader then takes over what the range's reader reached, range after range in file order.
  // A range's reader is told so before it reads anything: what depends on the ranges before it
  // (a log's message sizes, say) it leaves to the take-over.
  virtual void read_as_range() {}
  // Past the header: the next record is a row.
  virtual bool reading_rows() const { return false; }
  // The line the next record starts on, and whether the text given so far ends inside quotes.
  virtual uint64_t next_line() const { return 0; }
  virtual bool ends_inside_quotes() const { return false; }
  // The end of a range: its last record is read; nothing is said of the file as a whole.
  virtual void finish_range() {}
  // Takes over the state that `range` (a reader of the same format that read `lines` lines of the
  // file's next range) reached, as if this reader had read that range itself. False, changing
  // nothing, when that cannot be done exactly.
  virtual bool take_over(FormatReader& /*range*/, uint64_t /*lines*/) { return false; }
  // After take_over: the sizes of the range's messages marked MessageEvent::size_later, in the
  // order they were counted, as this reader knew them at that point of the file.
  virtual std::vector<std::optional<uint64_t>> take_later_sizes() { return {}; }
  // What take_over reads of a range's reader beyond its lines, as bytes, for a range parsed in
  // another page worker (ingest/detached_range.h); false for a format whose ranges cannot cross.
  // read_range_state is asked of a range's reader that read the file's header only.
  virtual bool write_range_state(StateWriter& /*out*/) const { return false; }
  virtual bool read_range_state(StateReader& /*in*/) { return false; }
};

// Why a text that no format accepted still looks like one, for the one line the user reads, and
// whether more of the file could decide: a log whose first lines are other programs' lines.
struct NearMiss {
  int closeness = 0;          // 0 = nothing like this format; the closest reason is shown
  std::string reason;         // "looks like an Exim main log, but ..."
  bool read_further = false;  // the format's lines may still come further into the file
};

// Where a large file of a format may be cut into ranges that are parsed at once.
enum class RecordCuts : uint8_t {
  None,
  CsvRecords,  // after a record of a CSV file with a header (a line break outside quotes)
  Lines,       // after any line of a log without a header
};

// A format mailflow reads. `sniff` scores the first decoded text (a fixed window of the file's
// start, possibly cut mid-line): 0 = not this format, 100 = certainly this format. `near_miss`
// (optional) explains a window that no format accepted; `where` says how much was looked at
// ("in the first 64 KB", "in the file").
struct FormatInfo {
  std::string_view key;   // stable, used in the JSON schema ("mailflow-csv", "exo-extended", ...)
  std::string_view name;  // for people
  int (*sniff)(std::string_view head);
  std::unique_ptr<FormatReader> (*make)(ReaderContext context);
  NearMiss (*near_miss)(std::string_view head, std::string_view where) = nullptr;
  // Its reader counts messages only through EventSink::count_message (never asks message()'s
  // answer), so it may parse on a thread of its own while the session's thread counts.
  bool counts_later = false;
  // Its reader reads a range of records after the header as well as the whole file, and takes over
  // another reader's state (FormatReader::take_over): a large file is parsed in ranges at once. A
  // reader that asks the count (not counts_later) counts nothing in a range: its take-over does.
  RecordCuts cuts = RecordCuts::None;
};

// All formats, in the order they are tried; defined in formats/registry.cpp. Each format's
// FormatInfo is a constant defined beside its reader (e.g. kMailflowCsvFormat).
std::span<const FormatInfo* const> all_formats();
const FormatInfo* find_format(std::string_view key);

}  // namespace mailflow
