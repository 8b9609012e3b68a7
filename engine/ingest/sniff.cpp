#include "ingest/sniff.h"

#include <algorithm>

#include "util/text.h"

namespace mailflow {

namespace {

bool starts_with_bytes(std::string_view s, std::string_view magic) { return s.substr(0, magic.size()) == magic; }

// Share of bytes that no text export contains: NUL and most C0 controls.
bool looks_binary(std::string_view head) {
  const size_t n = std::min<size_t>(head.size(), 4096);
  size_t odd = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    odd += c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f');
  }
  return n > 0 && odd * 20 > n;  // over 5%
}

}  // namespace

std::string readable_format_list() {
  std::string list;
  for (const FormatInfo* f : all_formats()) append_listed(list, ", ", f->name);
  return list;
}

// "64 KB", "4 MB": the window's size as people write it.
std::string window_size(size_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MB";
  return std::to_string((bytes + 1023) >> 10) + " KB";
}

SniffResult sniff_format(std::string_view head, uint64_t bytes_read, bool whole_file, bool last_window) {
  SniffResult result;
  if (bytes_read == 0 || (whole_file && head.find_first_not_of(" \t\r\n") == std::string_view::npos)) {
    result.reason = "the file is empty";
    return result;
  }
  if (starts_with_bytes(head, "\x1f\x8b")) {
    // The source unpacks gzip and zip itself (ingest/unpack.h): this is a second layer inside gzip.
    result.reason = "gzip data inside a gzip file; mailflow unpacks one layer of gzip, so unpack the outer one first";
    return result;
  }
  if (starts_with_bytes(head, "PK\x03\x04")) {
    result.reason = "a zip archive inside a gzip file; unpack the gzip layer first (mailflow reads zip archives)";
    return result;
  }
  if (looks_binary(head)) {
    result.reason = "binary data, not a text export; mailflow reads " + readable_format_list();
    return result;
  }
  int best = 0;
  for (const FormatInfo* f : all_formats()) {
    const int score = f->sniff(head);
    if (score > best) best = score, result.format = f;
  }
  if (result.format) return result;

  // Nothing matched: the closest format says why, or asks for more of the file.
  const std::string where = whole_file ? "in the file" : "in the first " + window_size(head.size());
  NearMiss closest;
  for (const FormatInfo* f : all_formats()) {
    if (!f->near_miss) continue;
    NearMiss miss = f->near_miss(head, where);
    if (miss.closeness == 0) continue;
    if (miss.read_further && !whole_file && !last_window) {
      result.look_further = true;
      return result;
    }
    if (miss.closeness > closest.closeness) closest = std::move(miss);
  }
  result.reason = closest.closeness ? "not a format mailflow reads: " + closest.reason
                                    : "not a format mailflow reads (no known header or log line " + where +
                                          "); mailflow reads " + readable_format_list();
  return result;
}

}  // namespace mailflow
