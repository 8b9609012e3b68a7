// Writing results to stdout, and noticing when that fails (a full disk, a closed pipe).
#pragma once

#include <string_view>

namespace mailflow::shell {

// Writes `text` to stdout and flushes; on failure prints the reason and returns false.
bool write_stdout(std::string_view text);

}  // namespace mailflow::shell
