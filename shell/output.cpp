#include "output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace mailflow::shell {

bool write_stdout(std::string_view text) {
  const size_t written = std::fwrite(text.data(), 1, text.size(), stdout);
  if (written != text.size() || std::fflush(stdout) != 0) {
    std::fprintf(stderr, "mailflow: cannot write the output (%s)\n", std::strerror(errno));
    return false;
  }
  return true;
}

bool write_stdout_line(std::string text) {
  text += '\n';
  return write_stdout(text);
}

}  // namespace mailflow::shell
