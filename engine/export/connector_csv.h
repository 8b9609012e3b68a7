// The connector report as a CSV file, with the columns admins know from the Exchange admin
// center's "Connector report details" export: Date, Direction, Connector, No TLS, TLS 1.0,
// TLS 1.1, TLS 1.2, TLS 1.3, Volume. The EAC export has no column for SSL 3.0, for TLS of an
// unknown version or for mail without TLS data, so those follow at the end: nothing is lost, and
// Volume is always the sum of every TLS column.
//
// Cells are message counts. One row per day, direction and connector with mail (see
// connector_daily_rows); RFC 4180 (CRLF line ends, quoted where needed), formula-safe.
#pragma once

#include <string>
#include <vector>

#include "report/views.h"

namespace mailflow {

// "Date,Direction,Connector,No TLS,TLS 1.0,TLS 1.1,TLS 1.2,TLS 1.3,Volume,SSL 3.0,
//  Unknown TLS version,No TLS data"
std::string connector_csv_header();
std::string connector_csv(const std::vector<ConnectorCsvRow>& rows);
std::string connector_csv(const Aggregate& aggregate, DateRange range,
                          const ConnectorChoice& choice = {});

}  // namespace mailflow
