// Who is on the other side of a message's SMTP hop, as the partners view groups them. A partner is
// the organisational domain (the registrable domain by the Public Suffix List) of the remote host
// name; where the source names no host name (only an IP, or nothing), it is the organisational
// domain of the remote address's domain (the sender's for inbound mail, the recipient's for
// outbound), else the IP itself; with none of these it is "" (the source does not name the remote
// side).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/load.h"

namespace mailflow {

// "mail-eopbgr.outbound.protection.outlook.com" -> "outlook.com", "mx.example.co.uk" ->
// "example.co.uk"; lowercased, a trailing dot dropped. A name that is itself a public suffix, or a
// single label, is returned as it is.
std::string organisational_domain(std::string_view host_name);

// The domain of an address as logs and exports write it: "<lee@adatum.com>", "lee@Adatum.com",
// "a@x.example;b@y.example" (the first of a list), "\"name with spaces\"@test.ex" -> "adatum.com",
// "Adatum.com", "x.example", "test.ex"; ""
// for "<>" or a name without '@'.
std::string_view address_domain(std::string_view address);

// "192.0.2.7", "[192.0.2.7]", "2001:db8::1", "IPv6:2001:db8::1": a literal address, no name.
bool is_ip_literal(std::string_view text);

// The remote host as the partners view lists it: lowercased, without brackets or a trailing dot.
std::string host_key(std::string_view remote_host);

std::string partner_of(std::string_view remote_host, std::string_view remote_domain);

// True when `text` holds a ':'. Eight bytes at a time: xor makes a word's colons zero bytes, which
// the classic has-zero-byte test finds (exactly: it may misplace a zero byte, never invent one).
// Inline, without memchr: it is asked of nearly every row's remote host, a name of a few dozen
// bytes, where a call out of line costs more than the loop (util/wasm_memory.cpp's memchr is 16
// bytes a step); a loop byte by byte was 3-4% of the shell's time on a mailflow CSV.
inline bool holds_colon(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  const auto word_holds = [](const char* at) {
    const uint64_t word = load64(at) ^ (kOnes * ':');
    return ((word - kOnes) & ~word & kHighs) != 0;
  };
  const char* const data = text.data();
  const size_t size = text.size();
  if (size < 8) {
    for (size_t i = 0; i < size; ++i)
      if (data[i] == ':') return true;
    return false;
  }
  for (size_t at = 0; at + 8 < size; at += 8)
    if (word_holds(data + at)) return true;
  return word_holds(data + size - 8);  // the last word, overlapping the one before
}

// A host name (not an IP literal, not empty): it names the partner alone, whatever the address
// domain, so the remote side's endpoint is the same for every domain (RemoteNames::intern_remote).
// Host names end in a letter (their top-level label); IPv4 ends in a digit, and IPv6 holds a
// colon.
inline bool names_host(std::string_view host) {
  if (host.empty()) return false;
  const char last = static_cast<char>(host.back() | 0x20);
  if (!((last >= 'a' && last <= 'z') || host.back() == '.')) return false;
  if (holds_colon(host)) return false;
  return host.back() != '.' || !is_ip_literal(host);
}

// The domain of `address` where the remote side needs it: "" when `remote_host` names a host,
// which spares reading the address on every row of a log that names its hosts.
std::string_view remote_address_domain(std::string_view remote_host, std::string_view address);

}  // namespace mailflow
