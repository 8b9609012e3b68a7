// Chooses the format of a source from its first decoded text, never from its name. A file that no
// reader recognises gets a reason naming what it looks like and the formats mailflow reads.
#pragma once

#include <string>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

struct SniffResult {
  const FormatInfo* format = nullptr;
  std::string reason;  // why nothing was chosen
};

SniffResult sniff_format(std::string_view head, uint64_t bytes_read, bool at_end);

// "mailflow CSV, Exchange Online extended report, ..." for messages.
std::string readable_format_list();

}  // namespace mailflow
