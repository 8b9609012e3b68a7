// What the user tells the engine about the input that the input cannot tell itself.
#pragma once

#include <cstddef>

namespace mailflow {

struct SessionOptions {
  int utc_offset_minutes = 0;  // timestamps written without a zone are this far ahead of UTC
  int syslog_year = 0;         // year for syslog lines without one; 0 = infer from the data
  // Threads to read with (native builds; the wasm engine reads on one): above 1, a file parses on
  // a thread of its own while the caller's thread counts (ingest/parse_worker.h). The answer is
  // the same as with 1.
  unsigned threads = 1;
  // With threads > 1, a file of a format that cuts at records is parsed in ranges of about this
  // many bytes on several threads at once (ingest/range_reading.h); small in tests.
  size_t range_bytes = 4u << 20;
};

}  // namespace mailflow
