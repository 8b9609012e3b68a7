// JSON text in and out where nlohmann's own way costs too much on large documents.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mailflow {

// Parses untrusted JSON in time linear in its size. nlohmann's own parse of an ordered_json looks
// for every new member among the members before it, so one object with 200,000 members (a hostile
// or an old aggregate) took a minute. Here members are appended as they come; of a name given
// twice, find() sees the first. A discarded value (is_discarded()) when the text is not valid JSON;
// never throws.
nlohmann::ordered_json parse_json(std::string_view text);

// Appends `text` as a JSON string, as nlohmann's dump writes it (invalid UTF-8 replaced), for
// writers that build large documents as text rather than as JSON values.
void append_json_string(std::string& out, std::string_view text);

}  // namespace mailflow
