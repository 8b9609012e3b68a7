// The Exchange admin center's Inbound messages / Outbound messages report ("Connector report
// details"), exported to CSV. FORMATS.md §0 (EAC-INOUT).
//
// The source is already aggregated: one row per day and connector with the documented columns
// Date, Connector direction and name, Connector type, Forced TLS?, No TLS, TLS 1.0, TLS 1.1,
// TLS 1.2, Volume. The export's exact header, number format and encoding are UNCONFIRMED, so these
// variants are read (columns by name, any order):
//   direction   its own column (Direction / Connector direction), or the first word of the
//               connector column: "Inbound - Contoso Partner", "Inbound: Contoso Partner",
//               "Outbound Adatum" (inbound/outbound/incoming/outgoing/in/out/...).
//   connector   the rest of that column (or Connector / Connector name); empty, "No connector",
//               "None", "(none)", "-", "Without connector" = no connector. No connector column at
//               all: unknown.
//   TLS         No TLS, SSL 3.0, TLS 1.0, TLS 1.1, TLS 1.2, TLS 1.3 columns (also with "%"/"(%)").
//   numbers     counts, or percentages: a value with '%', a header with '%', or (without '%') TLS
//               columns adding up to 100 +-1.5 while Volume is something else. Percentages are
//               turned into counts adding up exactly to Volume (largest remainder, apportion.h).
//               Counts below Volume: the rest is TLS 1.3 when the export has no TLS 1.3 column
//               (the documented columns list none; No TLS and every other version have one, and
//               EXO offers no SSL 3), said in a note; with a TLS 1.3 column the rest is "no TLS
//               data". Counts above Volume are counted as they are, with a problem noted.
// Accounting: every data row is one record. A row is ingested (its messages go to the aggregate as
// cells; report.messages adds the row's messages) or skipped with a reason. So for this format
// `rows read = rows ingested + rows skipped`, and `messages` counts the messages the rows carry,
// not rows; a note in the report says so.
// What the source cannot tell: bytes (0), remote hosts, anything below a day; TLS 1.3 only by
// inference when the export has no such column.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_eac_inout_report(std::string_view head);
std::unique_ptr<FormatReader> make_eac_inout_report(ReaderContext context);

inline constexpr FormatInfo kEacInoutReportFormat{"eac-inout-report",
                                                  "Exchange admin center inbound/outbound messages report",
                                                  &sniff_eac_inout_report, &make_eac_inout_report, nullptr,
                                                  /*counts_later=*/true};

}  // namespace mailflow
