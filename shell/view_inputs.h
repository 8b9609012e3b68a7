// What the commands that show views (report, connectors) share: the range and session options,
// the inputs read into one aggregate, and the --connector choice checked against that data.
#pragma once

#include <optional>
#include <string_view>

#include "arguments.h"
#include "range_options.h"
#include "report/views.h"

namespace mailflow::shell {

struct ViewInputs {
  RangeRequest request;
  Aggregate aggregate;
  ConnectorChoice choice;
};

// nullopt after the error was printed; `exit_code` then says how the command ends.
std::optional<ViewInputs> read_view_inputs(std::string_view command, const ParsedArguments& arguments, int& exit_code);

}  // namespace mailflow::shell
