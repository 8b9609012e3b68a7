// Base64 (RFC 4648, with padding): binary data inside HTML text, for the saved report.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailflow {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` holds anything but the alphabet, padding and ASCII white space.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mailflow
