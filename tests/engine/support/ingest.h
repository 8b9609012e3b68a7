// Test helpers: feed bytes through a Session cut in a chosen way, and read test files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "aggregate/aggregate_json.h"
#include "ingest/session.h"

namespace mailflow::test {

// How to cut the input into chunks: whole, fixed-size pieces, or pseudo-random sizes (seeded).
struct Cutting {
  size_t fixed = 0;    // 0 = one chunk
  uint32_t seed = 0;   // non-zero: random sizes 1..fixed (fixed defaults to 64 then)
};

// Feeds `files` (name, bytes) into one Session and returns it, finished.
std::unique_ptr<Session> ingest(const std::vector<std::pair<std::string, std::string>>& files, Cutting cutting = {},
                                SessionOptions options = {});
// The aggregate JSON of one file fed with `cutting`.
std::string ingest_json(std::string_view bytes, Cutting cutting = {}, SessionOptions options = {});

std::string read_file(const std::string& path);
// UTF-16 LE bytes of an ASCII/UTF-8 text (with BOM when asked), for building test inputs.
std::string to_utf16le(std::string_view utf8, bool bom);

}  // namespace mailflow::test
