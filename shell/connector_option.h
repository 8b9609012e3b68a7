// The --connector NAME option: a connector's name as the report prints it, including the labels
// "(no connector)" and "(unknown connector)" for the two fixed connectors.
#pragma once

#include <optional>
#include <string>

#include "arguments.h"
#include "report/views.h"

namespace mailflow::shell {

inline constexpr OptionSpec kConnectorOption{"connector", true};

// All when the option is absent; nullopt with `error` (naming the connectors there are) when the
// data has no connector of that name.
std::optional<ConnectorChoice> parse_connector_option(const ParsedArguments& arguments,
                                                      const Aggregate& aggregate, std::string& error);

}  // namespace mailflow::shell
