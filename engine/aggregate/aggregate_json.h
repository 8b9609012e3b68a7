// The aggregate as JSON, schema "mailflow.aggregate.v1":
// {"schema":"mailflow.aggregate.v1",
//  "sources":[{"name","format","format_name","records","messages","skipped","skipped_by_reason":{},
//              "problems":[{"line","reason"}],"notes":[],"error"}],
//  "rows":[{"day":"YYYY-MM-DD","direction":"inbound|outbound","connector":"name"|""|null,
//           "tls":"none|ssl3|1.0|1.1|1.2|1.3|unknown-version|no-data","messages":N,"bytes":N}],
//  "partners":{"overflowed":bool,"endpoints":[[partner,host]],
//              "cells":[[day,direction,connector,tls,endpoint index|null,messages,bytes]]},
//  "tls_reports":{...}}  only with TLS-RPT data: see tls_reports_json.h
// A source read as TLS-RPT also has "reports" (records == messages + reports + skipped).
// Rows sorted by day, direction, connector, tls. Loading accepts what writing produces and rejects
// anything else with a reason, without exceptions (the wasm build does not catch them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aggregate/aggregate.h"

namespace mailflow {

inline constexpr std::string_view kAggregateSchema = "mailflow.aggregate.v1";

struct JsonWriteOptions {
  std::optional<Day> from;  // rows before this day are left out
  std::optional<Day> to;    // rows after this day are left out
  bool remote_hosts = true; // false leaves the remote partners and host names out (sharing without them)
  int indent = -1;          // -1: compact
  unsigned threads = 1;     // threads that may write the partner cells (native builds; the text is the same)
};

std::string aggregate_to_json(const Aggregate& aggregate, const JsonWriteOptions& options = {});
std::optional<Aggregate> aggregate_from_json(std::string_view text, std::string& error);

}  // namespace mailflow
