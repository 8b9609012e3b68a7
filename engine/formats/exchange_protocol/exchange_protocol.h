// Exchange Server SMTP protocol logs (RECV*.LOG, SEND*.LOG), FORMATS.md §5.
//
// The source: a W3C-style CSV per transport service (see exchange_tracking/w3c_log_reader.h),
// `#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,
// data,context`, one row per SMTP command, reply or note of a session; `#Log-type: SMTP Receive
// Protocol Log` or `SMTP Send Protocol Log`. Sessions interleave; a session may be cut over two
// files. Rows without the header block are read with those nine fields (the notes say so); a
// session's direction then comes from its local port (25, 587, 465, 2525, 717: receive).
//
// What it gives: the TLS of each SMTP session. The `*` row `TLS protocol SP_PROT_TLS1_2_SERVER
// negotiation succeeded ...` (receive) or `SP_PROT-TLS1_2_CLIENT` (send; SP_PROT[_-]TLS1_[0-3] and
// SSL3) names the version; a session whose connect row (`+`) is in the file and that has no such
// row was plaintext (whether it tried STARTTLS or not); a session that began in an earlier file
// and shows no TLS row tells nothing.
//
// How rows become messages: none. An SMTP session is not a message: it may carry none (a probe, a
// rejected sender) or several, and a receive log also holds the organisation's own hops and client
// submissions, which are not boundary crossings. Every row is counted and skipped benignly; the
// notes give the sessions by TLS version. Dropped together with the message tracking logs of the
// same servers, each session's TLS goes to the tracked messages it carried (the join and its rules
// are in ingest/message_table.h; the tracking log's notes give the match rate).
// What the source cannot tell: messages, sizes, senders; TLS of connectors whose protocol logging
// is off (the default for every connector except `Default Frontend <server>` and the front-end
// send connector).
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_exchange_protocol(std::string_view head);
std::unique_ptr<FormatReader> make_exchange_protocol(ReaderContext context);

inline constexpr FormatInfo kExchangeProtocolFormat{"exchange-protocol", "Exchange Server SMTP protocol log",
                                                    &sniff_exchange_protocol, &make_exchange_protocol, nullptr,
                                                    /*counts_later=*/true};

}  // namespace mailflow
