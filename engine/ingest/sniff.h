// Chooses the format of a source from its first decoded text, never from its name. A file that no
// reader recognises gets a reason naming what it looks like and the formats mailflow reads.
#pragma once

#include <string>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

struct SniffResult {
  const FormatInfo* format = nullptr;
  std::string reason;         // why nothing was chosen
  bool look_further = false;  // nothing was chosen, but a larger window may decide
};

// `head` is a window of the file's first text: all of it when `whole_file`, else exactly its first
// head.size() bytes. `last_window`: no larger window will be offered, so undecided means no.
SniffResult sniff_format(std::string_view head, uint64_t bytes_read, bool whole_file, bool last_window);

// "mailflow CSV, Exchange Online extended report, ..." for messages.
std::string readable_format_list();

}  // namespace mailflow
