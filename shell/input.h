// Reading the command line's input files into one Session: files or `-` (stdin), in 4 MiB
// chunks, with progress on stderr for large inputs when stderr is a terminal. Aggregate JSON files
// (what `mailflow aggregate` writes) are loaded as finished aggregates, so a saved aggregate can
// be reported on like the logs it came from; so are saved report .html files (export/report_html.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aggregate/aggregate.h"
#include "ingest/session.h"

namespace mailflow::shell {

inline constexpr size_t kChunkSize = 4u << 20;
inline constexpr size_t kFirstFeed = 256u << 10;  // of a file's first chunk: the format is known after it
inline constexpr uint64_t kProgressThreshold = 64u << 20;

// Reads every input into `session`. On failure (a file that cannot be opened, read or recognised)
// prints "mailflow: NAME: reason" on stderr for each and returns false; the caller then writes
// no result, so a report never silently misses a file.
bool read_inputs(const std::vector<std::string>& paths, Session& session);

// The whole content of a file or of stdin (`-`); nullopt with `error` set when it cannot be read.
std::optional<std::string> read_whole(const std::string& path, std::string& error);

// An aggregate JSON file (as written by `mailflow aggregate`); nullopt after printing the reason.
std::optional<Aggregate> load_aggregate_file(const std::string& path);

}  // namespace mailflow::shell
