// Postfix maillog (syslog), FORMATS.md §6.
//
// The source: one syslog line per event of each Postfix process, with classic stamps without a
// year (`Nov 20 08:15:02`, see syslog_common/syslog_line.h for the year rule) or RFC 3339 stamps.
// Program names may carry an instance or service name: `postfix/smtpd`, `postfix-in/smtpd`,
// `postfix/submission/smtpd`.
//
// How lines become messages (the way Postfix's own `collate` script groups them):
//   inbound   `QUEUEID: client=host[ip]` of an smtpd process = one message received over SMTP.
//             Its TLS is that of the TLS summary line (`... TLS connection established|reused from
//             host[ip]: TLSv1.3 with cipher ...`) the same process (host + pid) logged since its
//             `connect from`; a session whose `connect from` we saw and that has no TLS line was
//             plaintext; a session that began before the log did is "no TLS data". Its size is the
//             `size=` of the qmgr `QUEUEID: from=<...>, size=N` line. Not boundary crossings:
//             authenticated submission (`sasl_username=`, or the services submission/submissions/
//             smtps) and re-injection from a local content filter (client on 127.0.0.0/8 or ::1).
//   outbound  `QUEUEID: to=<...>, relay=host[ip]:port, ..., status=sent` of an smtp or relay
//             process = one message per queue id and relay (further recipients at the same relay
//             are the same delivery). TLS: the process's last TLS summary line (`... to
//             host[ip]:port: ...`, established or reused from the connection cache) when it names
//             the same relay; otherwise the connection was plaintext. Deliveries by lmtp, local,
//             virtual, pipe, and to a content filter on a loopback address are inside the host.
//   Every other line (connect, cleanup, qmgr, deferred and bounced deliveries, other programs'
//   lines) is counted and skipped under a reason; TLS lines feed the messages of their process.
// Fields:
//   time        the syslog stamp of the client= / to= line
//   connector   Postfix has no connectors: the program that handled the message, as written —
//               the smtpd service for inbound (`postfix/smtpd`, `postfix-in/smtpd`), the delivery
//               transport for outbound (`postfix/smtp`, `postfix/relay`)
//   tls         the protocol of the TLS line (TLSv1.3, TLSv1.2, TLSv1.1, TLSv1 = 1.0, SSLv3)
//   bytes       qmgr size= of the queue id
//   remote host the client (inbound) or relay (outbound) host name, else its IP
// What the source cannot tell: TLS when smtpd_tls_loglevel / smtp_tls_loglevel is 0 (no TLS lines
// at all: every session then reads as plaintext, and a note says so); TLS of deliveries whose
// lines were lost or reordered by syslog; queue ids that Postfix reuses (short ids) within one log
// could merge two deliveries to the same relay.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"
#include "formats/syslog_common/log_sniff.h"

namespace mailflow {

int sniff_postfix(std::string_view head);
std::unique_ptr<FormatReader> make_postfix(ReaderContext context);

// A syslog file without mail lines in its first window is explained (and read further) here. Its
// reader asks the count (a further recipient is no new delivery), so a range's reader only parses
// its lines: the file's reader applies them, in file order, at the take-over.
inline constexpr FormatInfo kPostfixFormat{"postfix", "Postfix mail log (syslog)", &sniff_postfix, &make_postfix,
                                          &near_miss_syslog, /*counts_later=*/false, RecordCuts::Lines};

}  // namespace mailflow
