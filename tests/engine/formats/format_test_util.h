// Helpers for the format tests: build CSV text, read it through a Session as the app does, and ask
// the aggregate what an admin would look at (messages per direction / connector / TLS / day).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.h"
#include "aggregate/aggregate_json.h"
#include "formats/format_reader.h"
#include "model/day.h"
#include "report/partners.h"
#include "support/ingest.h"

namespace mailflow::test {

// One CSV line with every value quoted (as Export-Csv writes it); `values` by column name, missing
// names are empty.
inline std::string quoted_row(const std::vector<std::string>& columns, const std::map<std::string, std::string>& values,
                              char delimiter = ',') {
  std::string line;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i) line += delimiter;
    auto it = values.find(columns[i]);
    std::string v = it == values.end() ? "" : it->second;
    line += '"';
    for (char c : v) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + "\r\n";
}
inline std::string quoted_header(const std::vector<std::string>& columns, char delimiter = ',') {
  std::map<std::string, std::string> names;
  for (const auto& c : columns) names[c] = c;
  return quoted_row(columns, names, delimiter);
}

struct ReadResult {
  Aggregate aggregate;
  SourceReport report;
  std::string json;
};

inline ReadResult read_text(const std::string& text, Cutting cutting = {}, SessionOptions options = {}) {
  auto session = ingest({{"input.csv", text}}, cutting, options);
  ReadResult r{session->aggregate(), session->report(0), ""};
  r.json = aggregate_to_json(r.aggregate);
  return r;
}

// The report of `format`'s reader run on `text` directly, without sniffing: what a user gets who
// picks the format for a file it was not made for.
inline SourceReport read_with_format(const FormatInfo& format, std::string_view text) {
  struct NullSink : EventSink {
    bool message(const MessageEvent&) override { return true; }
    void cells(Day, Direction, std::optional<std::string_view>, TlsVersion, Volume) override {}
    void use_date_evidence(const TimestampParser*) override {}
  } sink;
  SourceReport report;
  SessionOptions options;
  auto reader = format.make(ReaderContext{report, sink, options});
  reader->feed(text);
  reader->finish();
  return report;
}

// Which connector to count: any, unknown (the source cannot tell), or a name ("" = no connector).
struct ConnectorFilter {
  bool any = true;
  std::optional<std::string> name;  // nullopt with any=false: unknown
};
inline ConnectorFilter any_connector() { return {}; }
inline ConnectorFilter unknown_connector() { return {false, std::nullopt}; }
inline ConnectorFilter connector(std::string name) { return {false, std::move(name)}; }

inline uint64_t count(const Aggregate& a, std::optional<Direction> direction, ConnectorFilter c = {},
                      std::optional<TlsVersion> tls = {}, std::string day = {}) {
  uint64_t n = 0;
  for (const AggregateRow& row : a.rows()) {
    if (direction && row.direction != *direction) continue;
    if (!c.any && row.connector != c.name) continue;
    if (tls && row.tls != *tls) continue;
    if (!day.empty() && format_day(row.day) != day) continue;
    n += row.volume.messages;
  }
  return n;
}
inline uint64_t total_bytes(const Aggregate& a, Direction direction) {
  uint64_t n = 0;
  for (const AggregateRow& row : a.rows())
    if (row.direction == direction) n += row.volume.bytes;
  return n;
}

// The heaviest remote host of the mail of one direction, connector name ("" = no connector) and
// TLS state over all days, with its partner; empty when there is none.
inline RemoteHostCount top_host(const Aggregate& a, Direction direction, std::string connector, TlsVersion tls) {
  const auto range = full_range(a);
  if (!range) return {};
  const ConnectorChoice choice = connector.empty() ? ConnectorChoice::no_connector() : ConnectorChoice::named(connector);
  const auto top = top_remote_hosts(a, PartnerFilter{*range, direction, choice}, {tls}, 1);
  return top.empty() ? RemoteHostCount{} : top[0];
}

// The aggregate's rows as text (day direction connector tls messages bytes), without the source
// reports: for comparing what two inputs gave when their notes differ (e.g. the encoding note).
inline std::string rows_text(const Aggregate& a) {
  std::string out;
  for (const AggregateRow& row : a.rows())
    out += format_day(row.day) + " " + std::string(direction_key(row.direction)) + " " +
           (row.connector ? "[" + *row.connector + "]" : "?") + " " + std::string(tls_key(row.tls)) + " " +
           std::to_string(row.volume.messages) + " " + std::to_string(row.volume.bytes) + "\n";
  return out;
}

inline void expect_accounted(const SourceReport& r) {
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(r.records, r.messages + r.skipped) << "records " << r.records << " messages " << r.messages
                                                << " skipped " << r.skipped;
  uint64_t by_reason = 0;
  for (const auto& [reason, n] : r.skipped_by_reason) by_reason += n;
  EXPECT_EQ(by_reason, r.skipped);
}

// The same bytes whole, in 1-byte chunks and in random-size chunks give the same aggregate.
inline void expect_chunk_independent(const std::string& bytes) {
  const std::string whole = ingest_json(bytes);
  EXPECT_EQ(ingest_json(bytes, Cutting{1, 0}), whole);
  for (uint32_t seed : {1u, 7u, 42u}) EXPECT_EQ(ingest_json(bytes, Cutting{97, seed}), whole) << "seed " << seed;
}

// A file of tests/data/real-shapes/ (see its README).
inline std::string real_shape(const std::string& name) {
  return read_file(std::string(MAILFLOW_TEST_DATA_DIR) + "/real-shapes/" + name);
}

// Syslog lines without a year read as 2026, the year of the test files.
inline SessionOptions syslog_year_2026() {
  SessionOptions o;
  o.syslog_year = 2026;
  return o;
}

// True when one of the source's notes contains `part`.
inline bool has_note(const SourceReport& r, std::string_view part) {
  for (const auto& note : r.notes)
    if (note.find(part) != std::string::npos) return true;
  return false;
}

inline uint64_t skipped_for(const SourceReport& r, const std::string& reason) {
  auto it = r.skipped_by_reason.find(reason);
  return it == r.skipped_by_reason.end() ? 0 : it->second;
}

}  // namespace mailflow::test
