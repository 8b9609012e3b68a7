// Raw DEFLATE (RFC 1951), both ways, for the aggregate embedded in a saved report: the browser
// reads it with DecompressionStream('deflate-raw') and the engine with inflate_raw. Both are zlib's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailflow {

std::string deflate_raw(std::string_view data);
// nullopt for data that is not valid DEFLATE or would grow beyond `max_size` bytes.
std::optional<std::string> inflate_raw(std::string_view data, size_t max_size = size_t{1} << 31);

}  // namespace mailflow
