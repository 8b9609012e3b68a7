// Every format mailflow reads. Sniffing asks each and takes the highest score; on a tie the one
// listed first wins, so more specific formats come first.
#include <array>

#include "formats/format_reader.h"
#include "formats/mailflow_csv/mailflow_csv.h"

namespace mailflow {

namespace {
const std::array<const FormatInfo*, 1> kFormats = {
    &kMailflowCsvFormat,
};
}  // namespace

std::span<const FormatInfo* const> all_formats() { return kFormats; }

const FormatInfo* find_format(std::string_view key) {
  for (const FormatInfo* f : kFormats)
    if (f->key == key) return f;
  return nullptr;
}

}  // namespace mailflow
