#include "view_inputs.h"

#include <string>

#include "command.h"
#include "connector_option.h"
#include "ingest/session.h"
#include "input.h"

namespace mailflow::shell {

std::optional<ViewInputs> read_view_inputs(std::string_view command, const ParsedArguments& arguments, int& exit_code) {
  std::string error;
  const std::optional<RangeRequest> request = parse_range_options(arguments, error);
  const std::optional<SessionOptions> options = request ? parse_session_options(arguments, error) : std::nullopt;
  if (!request || !options) return exit_code = usage_error(command, error), std::nullopt;
  if (arguments.positional.empty())
    return exit_code = usage_error(command, "no input files (give FILE... or - for stdin)"), std::nullopt;

  Session session(*options);
  if (!read_inputs(arguments.positional, session)) return exit_code = kExitInputError, std::nullopt;
  Aggregate aggregate = std::move(session).aggregate();
  const std::optional<ConnectorChoice> choice = parse_connector_option(arguments, aggregate, error);
  if (!choice) return exit_code = usage_error(command, error), std::nullopt;
  return ViewInputs{*request, std::move(aggregate), *choice};
}

}  // namespace mailflow::shell
