// Exim main log (mainlog / exim_mainlog), FORMATS.md §8.
//
// The source: one line per event, `2026-11-20 08:15:02 [+0100] [[pid]] <message id> <flag> ...`,
// local time unless the zone is logged (log_timezone). Message ids are `1tAbCd-0001Xy-Q2` (older)
// or `1tAbCd-00000001Xy-Q2Ab` (Exim 4.97+).
//
// The same lines through syslog or the systemd journal (log_file_path = syslog), in any envelope of
// syslog_common/syslog_line.h: `Nov 20 08:15:02 mx1 exim[1234]: 2026-11-20 08:15:02 1tAbCd-...`,
// journalctl -o short-iso or -o json. The ident is exim, exim4 or whatever syslog_processname says
// (lines that read as Exim's count under any name); Exim's own stamp is left out when
// syslog_timestamp = false. Exim gives syslog at most 870 characters a line: longer lines come in
// pieces `[1/2] ...`, `[2/2] ...` (`[1\2]` where a piece ends at a newline), joined per process.
// Other programs' lines are skipped under their name. A line's time is the syslog stamp when it
// has a date and zone (RFC 3339, short-iso, json), else Exim's own, else the classic syslog stamp
// with the year rule of syslog_line.h.
//
// How lines become messages:
//   inbound   `<=` arrival from a remote host (`H=host [ip]:port`) = one message. Not boundary
//             crossings: local submission (no H=), authenticated submission (A=, or protocol
//             esmtpa/esmtpsa), and re-injection from a content filter on a loopback address.
//   outbound  `=>` delivery with `H=` (a remote SMTP host) = one message per message id and host;
//             `->` lines are further recipients of the same delivery. Deliveries without H=
//             (local_delivery, pipes, LMTP to a socket) and to loopback hosts stay inside the host.
//             `**` bounced, `==` deferred and `*>` suppressed deliveries are not messages.
// Fields:
//   time        the line's stamp (the session's --utc-offset when the line has no zone)
//   connector   Exim has no connectors. Inbound: the receiving interface `I=[ip]:port` when
//               logged (log_selector +incoming_interface), else the protocol family (`P=esmtp`,
//               `P=smtp`; the TLS `s` is left out so one listener stays one connector). Outbound:
//               router and transport as written, `R=dnslookup T=remote_smtp`.
//   tls         X= (`TLS1.3:TLS_AES_256_GCM_SHA384:256`, older `TLSv1.2:...`, GnuTLS
//               `TLS1.3:ECDHE_X25519__...:256`): the version before the first ':'. No X= means
//               plaintext, except an arrival over esmtps (TLS logging switched off): TLS of unknown
//               version.
//   bytes       S= of the arrival (deliveries take the size of their message's arrival)
//   remote host the H= host name, else its IP
// What the source cannot tell: TLS when log_selector has -tls_cipher; the size of a delivery whose
// arrival is not in the same log.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_exim(std::string_view head);
NearMiss near_miss_exim(std::string_view head, std::string_view where);
std::unique_ptr<FormatReader> make_exim(ReaderContext context);

inline constexpr FormatInfo kEximFormat{"exim", "Exim main log", &sniff_exim, &make_exim, &near_miss_exim,
                                        /*counts_later=*/true, RecordCuts::Lines};

}  // namespace mailflow
