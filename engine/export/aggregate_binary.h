// The aggregate as the ingest worker hands it to the dashboard while a file loads: a binary
// image whose big parts (the rows, the partner names and cells: up to half a million) are flat
// records, read without a JSON parser and in slices of any size, so the page's main thread
// takes a snapshot a few milliseconds at a time instead of one long stop.
//
//   "MFAGGBIN" u32 version
//   u32 n + n bytes: mailflow.aggregate.v1 JSON of the sources and TLS reports (no rows)
//   u32 n + n × (u8 named, u32 len, name)                  connector names by id
//   u32 n + n × (i32 day, u8 direction, u8 tls, u32 connector, u64 messages, u64 bytes)   rows
//   u8 partners overflowed
//   u32 n + n × (u32 len, partner, u32 len, host)          endpoints 1..n (0: other partners)
//   u32 n + n × (i32 day, u8 direction, u8 tls, u32 connector, u32 endpoint, u64 messages, u64 bytes)
// Little-endian. The same content as the aggregate JSON: reading it back gives an equal aggregate.
// Reading checks every length and index and never throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate.h"

namespace mailflow {

std::string aggregate_to_binary(const Aggregate& aggregate);

// Reads an image a slice at a time: start(), then step() until done() (or an error), then take().
class AggregateBinaryReader {
 public:
  explicit AggregateBinaryReader(std::string bytes) : bytes_(std::move(bytes)) {}
  // The header (sources, TLS reports, connector names). False with error() on a malformed image.
  bool start();
  // Reads up to `items` rows, endpoints or cells. False with error() on a malformed image.
  bool step(size_t items);
  bool done() const { return phase_ == Phase::Done; }
  const std::string& error() const { return error_; }
  Aggregate take() { return std::move(aggregate_); }

 private:
  enum class Phase { Header, Rows, Endpoints, Cells, Done };
  bool fail(std::string message);
  bool read_count(uint32_t& n);
  bool next_phase();

  std::string bytes_;
  size_t at_ = 0;
  Phase phase_ = Phase::Header;
  uint32_t left_ = 0;  // items of the current phase still to read
  Aggregate aggregate_;
  std::vector<ConnectorId> connector_of_;  // the image's connector id -> the aggregate's
  std::vector<uint32_t> endpoint_of_;      // the image's endpoint id -> the aggregate's
  std::string error_;
};

}  // namespace mailflow
