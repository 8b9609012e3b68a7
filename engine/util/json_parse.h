// Parses untrusted JSON into an nlohmann::ordered_json in time linear in its size. nlohmann's own
// parse of an ordered_json looks for every new member among the members before it, so one object
// with 200,000 members (a hostile or an old aggregate) took a minute. Here members are appended as
// they come; of a name given twice, find() sees the first.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace mailflow {

// A discarded value (is_discarded()) when the text is not valid JSON; never throws.
nlohmann::ordered_json parse_json(std::string_view text);

}  // namespace mailflow
