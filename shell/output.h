// Writing results to stdout, and noticing when that fails (a full disk, a closed pipe).
#pragma once

#include <string>
#include <string_view>

namespace mailflow::shell {

// Writes `text` to stdout and flushes; on failure prints the reason and returns false.
bool write_stdout(std::string_view text);
// The same for `text` and a line end, appended in place (`text + "\n"` copied all of it: 11 MB of
// JSON for a 100 MB CSV, 20 ms, mostly page faults).
bool write_stdout_line(std::string text);

}  // namespace mailflow::shell
