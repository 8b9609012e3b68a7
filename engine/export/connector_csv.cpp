#include "export/connector_csv.h"

#include <array>
#include <string_view>

#include "export/csv_cell.h"

namespace mailflow {

namespace {

struct Column {
  std::string_view title;
  TlsVersion tls;
};

// The EAC columns first, in the EAC's order; Volume sits between the two groups.
constexpr std::array<Column, 5> kEacColumns = {{{"No TLS", TlsVersion::None},
                                                {"TLS 1.0", TlsVersion::Tls10},
                                                {"TLS 1.1", TlsVersion::Tls11},
                                                {"TLS 1.2", TlsVersion::Tls12},
                                                {"TLS 1.3", TlsVersion::Tls13}}};
constexpr std::array<Column, 3> kExtraColumns = {{{"SSL 3.0", TlsVersion::Ssl3},
                                                  {"Unknown TLS version", TlsVersion::UnknownVersion},
                                                  {"No TLS data", TlsVersion::NoData}}};

constexpr std::string_view kLineEnd = "\r\n";

std::string_view direction_title(Direction d) { return d == Direction::Inbound ? "Inbound" : "Outbound"; }

}  // namespace

std::string connector_csv_header() {
  std::string line = "Date,Direction,Connector";
  for (const Column& c : kEacColumns) (line += ',') += c.title;
  line += ",Volume";
  for (const Column& c : kExtraColumns) (line += ',') += c.title;
  return line;
}

std::string connector_csv(const std::vector<ConnectorCsvRow>& rows) {
  std::string out = connector_csv_header();
  out += kLineEnd;
  for (const ConnectorCsvRow& row : rows) {
    out += format_day(row.day);
    out += ',';
    out += direction_title(row.direction);
    out += ',';
    append_csv_cell(out, connector_label(row.connector));
    for (const Column& c : kEacColumns) (out += ',') += std::to_string(row.mix[c.tls].messages);
    (out += ',') += std::to_string(row.mix.total().messages);
    for (const Column& c : kExtraColumns) (out += ',') += std::to_string(row.mix[c.tls].messages);
    out += kLineEnd;
  }
  return out;
}

std::string connector_csv(const Aggregate& aggregate, DateRange range, const ConnectorChoice& choice) {
  return connector_csv(connector_daily_rows(aggregate, range, choice));
}

}  // namespace mailflow
