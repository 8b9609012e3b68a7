// TLS versions as mailflow reports them, and the one normaliser for every spelling the sources use
// (see shared/FORMATS.md section 10). Three states are kept apart on purpose:
//   None            the message travelled without TLS,
//   UnknownVersion  it travelled with TLS but the source does not say which version
//                   (old Sendmail's "TLSv1/SSLv3", OpenSSL's "unknown"),
//   NoData          the source says nothing about TLS at all (e.g. a message trace export).
// A report built only from NoData must never claim "No TLS is over 25%".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace mailflow {

enum class TlsVersion : uint8_t { None, Ssl3, Tls10, Tls11, Tls12, Tls13, UnknownVersion, NoData };
inline constexpr int kTlsVersionCount = 8;

inline constexpr std::array<TlsVersion, kTlsVersionCount> kAllTlsVersions = {
    TlsVersion::None,  TlsVersion::Ssl3,  TlsVersion::Tls10,          TlsVersion::Tls11,
    TlsVersion::Tls12, TlsVersion::Tls13, TlsVersion::UnknownVersion, TlsVersion::NoData};

// The schema spelling: "none", "ssl3", "1.0", "1.1", "1.2", "1.3", "unknown-version", "no-data".
std::string_view tls_key(TlsVersion version);
std::optional<TlsVersion> tls_from_key(std::string_view key);
// For people, in English (a catalogue text: text/messages.h renders it in German): "No TLS",
// "SSL 3.0", "TLS 1.0" ... "TLS 1.3", "TLS, version unknown", "No TLS data".
std::string_view tls_display_name(TlsVersion version);

// Every spelling seen in the sources: "TLSv1" (1.0), "TLSv1.2", "TLS1.3", "TLS1_2", "TLS 1.2",
// "1.2", "SP_PROT_TLS1_2_SERVER", "SP_PROT-TLS1_2_CLIENT", "TLSv1/SSLv3", "SSLv3", "none",
// "No TLS", ... Case-insensitive. Returns nullopt for text that names no TLS state at all.
std::optional<TlsVersion> parse_tls_version(std::string_view spelling);

// True for the states that say the message was encrypted in transit.
constexpr bool is_encrypted(TlsVersion v) {
  return v != TlsVersion::None && v != TlsVersion::NoData;
}

}  // namespace mailflow
