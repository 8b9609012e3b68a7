#include "connector_option.h"

#include "export/text_table.h"

namespace mailflow::shell {

std::optional<ConnectorChoice> parse_connector_option(const ParsedArguments& arguments,
                                                      const Aggregate& aggregate, std::string& error) {
  const std::optional<std::string> name = arguments.value("connector");
  if (!name) return ConnectorChoice::all();
  if (*name == connector_label(std::string())) return ConnectorChoice::no_connector();
  if (*name == connector_label(std::nullopt)) return ConnectorChoice::unknown();
  if (!name->empty() && aggregate.find_connector(*name)) return ConnectorChoice::named(*name);

  constexpr size_t kNamesShown = 20;
  std::string known;
  size_t listed = 0;
  for (ConnectorId id = kNoConnector + 1; id < aggregate.connector_count(); ++id) {
    if (listed == kNamesShown) {
      known += ", ...";
      break;
    }
    known += (listed++ == 0 ? "\"" : ", \"") + printable(*aggregate.connector_name(id)) + "\"";
  }
  error = "no connector named \"" + printable(*name) + "\" in the data (connectors: " +
          (known.empty() ? std::string("none with a name") : known) +
          "; also \"(no connector)\" and \"(unknown connector)\")";
  return std::nullopt;
}

}  // namespace mailflow::shell
