// Cuts a stream of text into top-level JSON objects: one report per file, NDJSON (one per line),
// objects simply concatenated, or a JSON array of them. The splitter is shared with the other JSON
// readers (formats/json_records/json_records.h); a TLS report names no envelope, so every
// top-level object is a report, parsed whole (a TLS report is small), and one larger than
// kMaxObjectBytes is reported by its size and skipped.
#pragma once

#include "formats/json_records/json_records.h"

namespace mailflow {

using JsonObjects = JsonRecords;

}  // namespace mailflow
