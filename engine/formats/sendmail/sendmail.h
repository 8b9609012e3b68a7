// Sendmail (syslog), FORMATS.md §9.
//
// The source: syslog lines of sendmail processes (`sm-mta[pid]`, `sendmail[pid]`), with the
// queue id first for message lines, and a `STARTTLS=server|client, relay=..., version=...` line
// per TLS handshake (logged with LogLevel 9 or more; with or without a queue id in front).
//
// How lines become messages:
//   inbound   `QID: from=<...>, size=N, ..., proto=..., daemon=..., relay=host [ip]` from a remote
//             host = one message received. TLS: proto ESMTP/SMTP = plaintext; proto ESMTPS takes the
//             version of the STARTTLS=server line of the same process (host + pid) for the same
//             relay IP, else TLS of unknown version; without proto, the STARTTLS line of the
//             process for that relay, else no TLS data. Not boundary crossings: local submission
//             (relay on localhost or without an IP, daemon MSA, the sm-msp-queue program) and
//             authenticated submission (proto ESMTPA/ESMTPSA). Not a message at all: a from= with
//             `nrcpts=0`, the envelope of a transaction whose recipients were all refused (usually
//             `size=0`, after `ruleset=check_rcpt, ..., reject=550 ...` and `lost input channel`);
//             no later line of its queue id counts either.
//   outbound  `QID: to=<...>, ..., mailer=esmtp|smtp|relay|dsmtp, ..., relay=host. [ip], ...,
//             stat=Sent` = one message per queue id and relay host. TLS: the process's last
//             STARTTLS=client line when it names the same relay (host name, else IP), else
//             plaintext. Other mailers (local, prog, ...) deliver inside the host, and the
//             sm-msp-queue program hands local submissions to the mail server.
// Only `STARTTLS=server|client, relay=..., version=...` is a TLS session; the same tag also starts
// configuration warnings (`STARTTLS=server: file /etc/mail/certs/dh.param unsafe: ...`) and failed
// handshakes (`STARTTLS=client, error: connect failed=...`), which are skipped.
// Fields:
//   time        the syslog stamp (year rule in syslog_common/syslog_line.h)
//   connector   sendmail has no connectors: `daemon=<name>` of the from= line for inbound
//               (DaemonPortOptions Name, e.g. `daemon=MTA`), `mailer=<name>` for outbound
//   tls         version= of the STARTTLS line (TLSv1.3 .. TLSv1); old sendmail's `TLSv1/SSLv3`
//               says only "TLS of unknown version"
//   bytes       size= of the from= line of the queue id
//   remote host relay= host name, else its IP
// What the source cannot tell: TLS when LogLevel is below 9 (no STARTTLS lines: ESMTPS arrivals
// then read as TLS of unknown version, sent messages as plaintext; a note says so); the exact
// version behind `TLSv1/SSLv3`.
#pragma once

#include <memory>
#include <string_view>

#include "formats/format_reader.h"

namespace mailflow {

int sniff_sendmail(std::string_view head);
std::unique_ptr<FormatReader> make_sendmail(ReaderContext context);

inline constexpr FormatInfo kSendmailFormat{"sendmail", "Sendmail mail log (syslog)", &sniff_sendmail, &make_sendmail};

}  // namespace mailflow
