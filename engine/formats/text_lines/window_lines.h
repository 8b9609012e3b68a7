// The lines of a sniffing window (the first text of a file, possibly cut mid-line), for the
// sniffers of line-based formats.
#pragma once

#include <string_view>
#include <type_traits>

namespace mailflow {

// Calls `on_line` with every complete, non-empty line of `window` (without CR); a last line cut
// by the window's end says nothing and is left out. An `on_line` that returns bool stops the walk
// by returning false.
template <typename OnLine>
void for_each_window_line(std::string_view window, OnLine on_line) {
  while (!window.empty()) {
    const size_t newline = window.find('\n');
    if (newline == std::string_view::npos) return;
    std::string_view line = window.substr(0, newline);
    window.remove_prefix(newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if constexpr (std::is_same_v<decltype(on_line(line)), bool>) {
      if (!on_line(line)) return;
    } else {
      on_line(line);
    }
  }
}

}  // namespace mailflow
