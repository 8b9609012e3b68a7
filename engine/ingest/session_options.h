// What the user tells the engine about the input that the input cannot tell itself.
#pragma once

namespace mailflow {

struct SessionOptions {
  int utc_offset_minutes = 0;  // timestamps written without a zone are this far ahead of UTC
  int syslog_year = 0;         // year for syslog lines without one; 0 = infer from the data
  // Threads to read with (native builds; the wasm engine reads on one): above 1, a file parses on
  // a thread of its own while the caller's thread counts (ingest/parse_worker.h). The answer is
  // the same as with 1.
  unsigned threads = 1;
};

}  // namespace mailflow
