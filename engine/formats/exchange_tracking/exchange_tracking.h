// Exchange Server message tracking logs (MSGTRK*.LOG), FORMATS.md §4.
//
// The source: a W3C-style CSV per transport server and hour/size (see w3c_log_reader.h), UTF-8
// with BOM, CRLF, one row per event of a message (RECEIVE, SEND, DELIVER, AGENTINFO, ...). The
// `#Fields:` line of every file is read: Exchange 2010 writes 26 fields, 2013 27, 2016/2019 30.
// Rows without the header block (lines copied out of a log, a shipper that drops the `#` lines, a
// file cut by a tool) are read by their number of fields with the documented layout of that many
// (30: Exchange 2013 and later; 27: early 2013; 26: 2010), and the notes say so; other counts are
// skipped. A first line cut in the middle of a row is skipped.
//
// How rows become messages:
//   inbound   RECEIVE with source SMTP and directionality Incoming (mail that came in over SMTP:
//             from the internet, a partner connector, or Exchange Online in a hybrid).
//   outbound  SEND with source SMTP and directionality Originating (mail of the organisation
//             leaving over a send connector; the hybrid send connector to Exchange Online
//             counts like any other), and SENDEXTERNAL.
//   Not boundary crossings, skipped benignly: SMTP RECEIVE of Originating mail (a client or device
//   submitting inside the organisation), SMTP SEND of Incoming mail (an inbound message relayed to
//   another internal server), sends over the implicit Intra-Organization connector, and every other
//   event (DELIVER, STOREDRIVER RECEIVE, AGENTINFO, ...). The rows of one message share its
//   message-id (network-message-id when it is empty), so it is counted once per direction, also
//   across files and servers.
// Fields:
//   time        date-time (UTC)
//   connector   connector-id as written (`EX01\Inbound from Fabrikam`, `Outbound to Internet`);
//               empty = no connector
//   tls         not in this log: "no TLS data", unless the SMTP protocol logs of the same servers
//               are dropped too; then the message takes the TLS of its SMTP session (the join rules
//               are in ingest/message_table.h: session id from the RECEIVE source-context, else
//               connector + remote IP + time). The source's notes give the match rate.
//   bytes       total-bytes
//   remote host inbound client-hostname, else client-ip; outbound server-hostname, else server-ip
// What the source cannot tell: TLS (see above); whether an Incoming RECEIVE came from the internet
// or from another organisation's server behind a partner connector (the connector name tells).
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_exchange_tracking(std::string_view head);
std::unique_ptr<FormatReader> make_exchange_tracking(ReaderContext context);

inline constexpr FormatInfo kExchangeTrackingFormat{"exchange-tracking", "Exchange Server message tracking log",
                                                    &sniff_exchange_tracking, &make_exchange_tracking, nullptr,
                                                    /*counts_later=*/true};

}  // namespace mailflow
