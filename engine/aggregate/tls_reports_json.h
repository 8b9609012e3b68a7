// The "tls_reports" section of the aggregate JSON (see aggregate_json.h), written only when the
// aggregate has TLS-RPT data, so aggregates without it are unchanged:
//   "tls_reports":{"reports":N,
//     "domain_sessions":[{"day","policy_domain","result","sessions"}],   each report's sessions of a
//                                           domain counted once (tls_reports.h); sorted by all three
//     "sessions":[{"day","policy_domain","policy_type","result","sessions"}],   per policy, sorted
//     "sending_mtas":[{"result","hosts":[{"host","sessions","error"}]}],      heaviest first
//     "receiving_mx":[{"result","hosts":[{"host","sessions","error"}]}],
//     "organizations":[{"name","reports","error"}]}
// `result` is "success", a TLS-RPT result type, or "(failure without details)". Like remote_hosts,
// the host lists are left out with remote_hosts = false, and the date filter applies to sessions.
// An aggregate saved before domain_sessions existed gets them by adding its policies' sessions up.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "aggregate/tls_reports.h"

namespace mailflow {

nlohmann::ordered_json tls_reports_to_json(const TlsReports& reports, const JsonWriteOptions& options);
// False with `error` set when the section is malformed.
bool tls_reports_from_json(const nlohmann::ordered_json& j, TlsReports& reports, std::string& error);

}  // namespace mailflow
