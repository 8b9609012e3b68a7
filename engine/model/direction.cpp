#include "model/direction.h"

#include "util/text.h"

namespace mailflow {

std::string_view direction_key(Direction d) { return d == Direction::Inbound ? "inbound" : "outbound"; }

std::optional<Direction> parse_direction(std::string_view text) {
  const std::string_view t = trim(text);
  if (same_text(t, "inbound")) return Direction::Inbound;  // the common spellings first, case and all
  if (same_text(t, "outbound")) return Direction::Outbound;
  for (std::string_view word : {"inbound", "in", "incoming", "1", "received", "receive", "recv"})
    if (iequals(t, word)) return Direction::Inbound;
  for (std::string_view word : {"outbound", "out", "originating", "outgoing", "2", "sent", "send"})
    if (iequals(t, word)) return Direction::Outbound;
  return std::nullopt;
}

}  // namespace mailflow
