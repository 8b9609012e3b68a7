// What the user tells the engine about the input that the input cannot tell itself.
#pragma once

namespace mailflow {

struct SessionOptions {
  int utc_offset_minutes = 0;  // timestamps written without a zone are this far ahead of UTC
  int syslog_year = 0;         // year for syslog lines without one; 0 = infer from the data
};

}  // namespace mailflow
