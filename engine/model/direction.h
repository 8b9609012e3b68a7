// Which way a message crossed the organisation's boundary.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace mailflow {

enum class Direction : uint8_t { Inbound, Outbound };

std::string_view direction_key(Direction d);  // "inbound" | "outbound"

// Accepts inbound/outbound, in/out, Incoming/Originating (Exchange), 1/2 (Exchange Online
// directionality), received/sent, receive/send; case-insensitive. nullopt for anything else
// (e.g. Exchange's "Undefined").
std::optional<Direction> parse_direction(std::string_view text);

}  // namespace mailflow
