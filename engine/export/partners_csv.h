// The partners view and the what-if contact list as CSV (formula-safe, CRLF, as the connector
// CSV): for spreadsheets and for mailing the partners who would fail a TLS policy.
#pragma once

#include <string>

#include "report/partners.h"

namespace mailflow {

// Partner,Hosts,Messages,Bytes,TLS 1.3,TLS 1.2,TLS 1.1,TLS 1.0,SSL 3.0,Unknown TLS version,No TLS,
// No TLS data,TLS protected,First day,Last day,Connectors. Hosts and connectors are joined with
// "; "; TLS protected is the share of the messages with TLS data (empty when none has).
std::string partners_csv(const PartnersView& view);

// Partner,Hosts,Messages,Bytes,Share,Worst TLS,Last seen: the partners whose mail the policy
// would refuse, most first.
std::string contact_list_csv(const WhatIf& result);

}  // namespace mailflow
