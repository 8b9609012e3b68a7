// When the loaded sources cannot tell TLS: which export adds it. A share "protected by TLS" is only
// taken over messages with TLS data (report/views.h); when there are none, the admin needs to know
// what to export next, not a bare dash.
#pragma once

#include "aggregate/aggregate.h"

namespace mailflow {

// An English sentence (the page translates it) naming the export that adds TLS to the formats the
// aggregate was read from; nullptr when no loaded format has a companion that tells TLS.
const char* missing_tls_hint(const Aggregate& aggregate);

}  // namespace mailflow
