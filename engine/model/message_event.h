// The normalized message event: what every reader turns its rows into. One event is one message
// crossing the organisation's boundary in one direction, or one piece of evidence about such a
// message when `message_key` is set (several rows of one message are then merged; see
// ingest/message_table.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/direction.h"
#include "model/timestamp.h"
#include "model/tls_version.h"

namespace mailflow {

struct MessageEvent {
  Timestamp time;
  Direction direction = Direction::Inbound;
  // nullopt: the source cannot tell the connector (unknown). "": no connector was used.
  std::optional<std::string_view> connector;
  TlsVersion tls = TlsVersion::NoData;
  std::optional<uint64_t> bytes;  // nullopt when the row does not give a size
  // A range's reader (FormatReader::read_as_range): the size is in an earlier line, which may lie in
  // an earlier range; the file's reader finds it when it takes the range over (take_later_sizes).
  bool size_later = false;
  std::string_view remote_host;   // host, domain or IP of the other side; may be empty
  // The domain of the remote address (the sender's inbound, the recipient's outbound) where the
  // source names addresses; may be empty. Names the partner when remote_host is no host name.
  std::string_view remote_domain;
  // Identifies the message across rows and sources (Message-ID, network message id, ...).
  // Empty: this event is a message of its own.
  std::string_view message_key;
  // Set by sources whose TLS lives in another log (the Exchange message tracking log, whose TLS is
  // in the SMTP protocol logs): the message's TLS is looked up among the protocol-log sessions of
  // the whole ingest (ingest/message_table.h) by the session id, else by connector + `peer_ip` +
  // time. Needs `message_key`.
  bool tls_from_session = false;
  std::string_view session_id;  // SMTP session id the source names for the message; may be empty
  std::string_view peer_ip;     // IP of the other side of that SMTP session; may be empty
};

}  // namespace mailflow
