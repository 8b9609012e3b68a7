#include "model/tls_version.h"

#include <string>

#include "util/text.h"

namespace mailflow {

namespace {
constexpr std::array<std::string_view, kTlsVersionCount> kKeys = {
    "none", "ssl3", "1.0", "1.1", "1.2", "1.3", "unknown-version", "no-data"};

// Version from the digits after "TLS": "1" / "10" -> 1.0, "11" -> 1.1, "12", "13".
std::optional<TlsVersion> from_minor_digits(std::string_view digits) {
  if (digits == "1" || digits == "10") return TlsVersion::Tls10;
  if (digits == "11") return TlsVersion::Tls11;
  if (digits == "12") return TlsVersion::Tls12;
  if (digits == "13") return TlsVersion::Tls13;
  return std::nullopt;
}
}  // namespace

std::string_view tls_key(TlsVersion version) { return kKeys[static_cast<size_t>(version)]; }

std::string_view tls_display_name(TlsVersion version) {
  switch (version) {
    case TlsVersion::None: return "No TLS";
    case TlsVersion::Ssl3: return "SSL 3.0";
    case TlsVersion::Tls10: return "TLS 1.0";
    case TlsVersion::Tls11: return "TLS 1.1";
    case TlsVersion::Tls12: return "TLS 1.2";
    case TlsVersion::Tls13: return "TLS 1.3";
    case TlsVersion::UnknownVersion: return "TLS, version unknown";
    case TlsVersion::NoData: return "No TLS data";
  }
  return "";
}

std::optional<TlsVersion> tls_from_key(std::string_view key) {
  // "1.0" .. "1.3", most rows of our own CSV, without a compare a key (the four versions in order).
  static_assert(static_cast<int>(TlsVersion::Tls13) - static_cast<int>(TlsVersion::Tls10) == 3);
  if (key.size() == 3 && key[0] == '1' && key[1] == '.' && key[2] >= '0' && key[2] <= '3')
    return static_cast<TlsVersion>(static_cast<int>(TlsVersion::Tls10) + (key[2] - '0'));
  for (size_t i = 0; i < kKeys.size(); ++i)
    if (same_text(kKeys[i], key)) return static_cast<TlsVersion>(i);
  return std::nullopt;
}

std::optional<TlsVersion> parse_tls_version(std::string_view spelling) {
  const std::string_view text = trim(spelling);
  if (text.empty()) return std::nullopt;
  // The schema's own spellings need no folding (and are what large exports of ours hold).
  if (auto key = tls_from_key(text)) return key;

  // Keep only letters and digits, lower-cased: "SP_PROT-TLS1_2_CLIENT" -> "spprottls12client",
  // "TLS 1.2" -> "tls12", "TLSv1.3" -> "tlsv13", "TLSv1/SSLv3" -> "tlsv1sslv3".
  std::string folding;
  folding.reserve(text.size());
  for (char c : text) {
    const char l = ascii_lower(c);
    if ((l >= 'a' && l <= 'z') || is_digit(l)) folding.push_back(l);
  }
  // Compared as a view: its length first, no strlen of each spelling (wasm's is a byte loop).
  const std::string_view folded = folding;
  if (folded.empty()) return std::nullopt;

  if (folded == "none" || folded == "notls" || folded == "no" || folded == "plain" ||
      folded == "plaintext" || folded == "unencrypted" || folded == "cleartext" || folded == "false" ||
      folded == "0")
    return TlsVersion::None;
  if (folded == "nodata" || folded == "na" || folded == "notlsdata")
    return TlsVersion::NoData;
  // Old Sendmail logs SSL_CIPHER_get_version(): "TLSv1/SSLv3" for every TLS 1.x connection.
  if (folded == "tlsv1sslv3" || folded == "unknown" || folded == "unknownversion" || folded == "tls" ||
      folded == "yes" || folded == "true" || folded == "encrypted")
    return TlsVersion::UnknownVersion;
  if (folded == "sslv3" || folded == "ssl3" || folded == "ssl30") return TlsVersion::Ssl3;

  // Schannel: "spprottls12server", "spprottls10client", "spprotssl3server".
  std::string_view rest = folded;
  if (rest.starts_with("spprot")) {
    rest.remove_prefix(6);
    if (rest.starts_with("ssl3")) return TlsVersion::Ssl3;
    for (std::string_view suffix : {"server", "client"})
      if (rest.ends_with(suffix)) rest.remove_suffix(suffix.size());
  }
  if (rest.starts_with("tlsv")) {
    rest.remove_prefix(4);
  } else if (rest.starts_with("tls")) {
    rest.remove_prefix(3);
  } else if (rest.size() > 1 && !is_digit(rest[0])) {
    return std::nullopt;
  }
  // What remains are the version digits: "12", "13", "1", "10"; bare "1.2" folded to "12".
  return from_minor_digits(rest);
}

}  // namespace mailflow
