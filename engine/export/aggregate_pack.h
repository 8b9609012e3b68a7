// The aggregate in the compact form a saved report embeds ("mailflow.aggregate.packed.v1"): the
// same content as the aggregate JSON (mailflow.aggregate.v1), with the rows as columns (day as a
// delta, direction and TLS as small numbers, the connector as an index into a name table). Column-wise numbers compress about three times better under
// DEFLATE than row objects, which keeps a month of a large organisation's report small.
//   {"schema":"mailflow.aggregate.packed.v1","sources":[as in v1],"connectors":[null|"name",...],
//    "first_day":"YYYY-MM-DD","rows":{"day":[delta],"direction":[0 in|1 out],"connector":[index],
//    "tls":[index into none,ssl3,1.0,1.1,1.2,1.3,unknown-version,no-data],"messages":[],"bytes":[]},
//    "partners":{"overflowed","endpoints" as in v1,"first_day","cells":{"day":[delta],"direction",
//                "connector","tls" as the rows,"endpoint":[index+1, 0 = other partners],"messages","bytes"}}
//               (left out with the remote names),
//    "tls_reports":{as in v1, only when there is TLS-RPT data}}
// Reading checks every field and index and never throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aggregate/aggregate.h"

namespace mailflow {

inline constexpr std::string_view kPackedAggregateSchema = "mailflow.aggregate.packed.v1";

std::string pack_aggregate(const Aggregate& aggregate, bool remote_hosts = true);
std::optional<Aggregate> unpack_aggregate(std::string_view text, std::string& error);

}  // namespace mailflow
