#include "model/tls_version.h"

#include <gtest/gtest.h>

namespace mailflow {
namespace {

TEST(TlsVersion, EverySpellingOfTheSourcesIsNormalised) {
  const std::pair<const char*, TlsVersion> cases[] = {
      {"TLSv1", TlsVersion::Tls10},          {"TLSv1.1", TlsVersion::Tls11},
      {"TLSv1.2", TlsVersion::Tls12},        {"TLSv1.3", TlsVersion::Tls13},
      {"TLS1", TlsVersion::Tls10},           {"TLS1.2", TlsVersion::Tls12},
      {"TLS1.3", TlsVersion::Tls13},         {"TLS1_2", TlsVersion::Tls12},
      {"TLS1_3", TlsVersion::Tls13},         {"TLS 1.0", TlsVersion::Tls10},
      {"TLS 1.1", TlsVersion::Tls11},        {"tls 1.2", TlsVersion::Tls12},
      {"1.2", TlsVersion::Tls12},            {"1.0", TlsVersion::Tls10},
      {"SP_PROT_TLS1_0_SERVER", TlsVersion::Tls10}, {"SP_PROT_TLS1_2_SERVER", TlsVersion::Tls12},
      {"SP_PROT-TLS1_2_CLIENT", TlsVersion::Tls12}, {"SP_PROT_TLS1_3_CLIENT", TlsVersion::Tls13},
      {"SSLv3", TlsVersion::Ssl3},           {"TLSv1/SSLv3", TlsVersion::UnknownVersion},
      {"unknown", TlsVersion::UnknownVersion}, {"none", TlsVersion::None},
      {"No TLS", TlsVersion::None},          {"no-data", TlsVersion::NoData},
  };
  for (const auto& [spelling, expected] : cases) {
    const auto parsed = parse_tls_version(spelling);
    ASSERT_TRUE(parsed.has_value()) << spelling;
    EXPECT_EQ(tls_key(*parsed), tls_key(expected)) << spelling;
  }
}

TEST(TlsVersion, TextThatNamesNoVersionIsRejected) {
  for (const char* text : {"", "  ", "TLSv9", "SP_PROT_TLS1_9_SERVER", "banana", "1.7"})
    EXPECT_FALSE(parse_tls_version(text).has_value()) << text;
}

TEST(TlsVersion, SchemaKeysRoundTrip) {
  for (TlsVersion v : kAllTlsVersions) EXPECT_EQ(tls_from_key(tls_key(v)), v);
  EXPECT_FALSE(is_encrypted(TlsVersion::None));
  EXPECT_FALSE(is_encrypted(TlsVersion::NoData));
  EXPECT_TRUE(is_encrypted(TlsVersion::UnknownVersion));
}

}  // namespace
}  // namespace mailflow
