// Exim main log: arrivals and remote deliveries, TLS from X=.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

const std::string kLog =
    "2026-11-20 08:15:02 1tAbCd-0001Xy-Q2 <= alerts@fabrikam.com H=mail.fabrikam.com [198.51.100.7]:41522 P=esmtps "
    "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=18342 id=a1b2c3d4@mail.fabrikam.com T=\"Invoice, November\"\n"
    "2026-11-20 08:15:03 1tAbCd-0001Xy-Q2 => megan <megan@contoso.com> R=local_user T=local_delivery\n"
    "2026-11-20 08:15:03 1tAbCd-0001Xy-Q2 Completed\n"
    "2026-11-20 09:01:40 1tAbEf-0001Zz-R7 <= megan@contoso.com H=(pc1) [192.0.2.44]:50000 P=esmtpsa "
    "X=TLS1.3:TLS_AES_256_GCM_SHA384:256 A=plain:megan S=7311 id=c3d4@contoso.com\n"
    "2026-11-20 09:01:46 1tAbEf-0001Zz-R7 => lee@adatum.com R=dnslookup T=remote_smtp H=mx1.adatum.com [203.0.113.25] "
    "X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes C=\"250 2.0.0 OK\"\n"
    "2026-11-20 09:01:46 1tAbEf-0001Zz-R7 -> ana@adatum.com R=dnslookup T=remote_smtp H=mx1.adatum.com [203.0.113.25]\n"
    "2026-11-20 09:01:47 1tAbEf-0001Zz-R7 ** bad@wingtiptoys.com R=dnslookup T=remote_smtp: host lookup failed\n"
    "2026-11-20 09:05:10 1tAbGh-0002Ab-S1 <= scanner@contoso.com H=(scan01) [192.0.2.60]:50214 P=esmtp S=2210 "
    "id=s1@scan01.contoso.com\n"
    "2026-11-20 09:06:00 1tAbIj-0002Cd-T4 <= alerts@fabrikam.com H=old.fabrikam.com [198.51.100.9]:38100 P=esmtps "
    "X=TLSv1:ECDHE-RSA-AES256-SHA:256 CV=no S=4100 id=z9@old.fabrikam.com\n"
    "2026-11-20 23:30:00 +0100 [4242] 1rQ2Uk-00000000G1F-2E1O <= a@northwindtraders.com "
    "H=mx.northwindtraders.com [203.0.113.40]:1234 I=[192.0.2.25]:25 P=esmtps "
    "X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 S=900\n"
    "2026-11-20 23:40:00 Start queue run: pid=1234\n";

TEST(Exim, ArrivalsAndRemoteDeliveriesAreMessages) {
  const auto r = test::read_text(kLog);
  EXPECT_EQ(r.report.format, "exim");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 4u);  // not the authenticated submission
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::Tls10), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::None), 1u);
  // The interface names the listener; the logged zone moves 23:30 +01:00 to 22:30 UTC, same day.
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("I=[192.0.2.25]:25"), TlsVersion::Tls13,
                  "2026-11-20"),
            1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("R=dnslookup T=remote_smtp"), TlsVersion::Tls12), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 7311u);  // the size of its arrival
}

TEST(Exim, UtcOffsetAppliesToLinesWithoutZone) {
  SessionOptions o;
  o.utc_offset_minutes = 120;
  const auto r = test::read_text(
      "2026-11-20 01:00:00 1tAbCd-0001Xy-Q2 <= a@fabrikam.com H=mail.fabrikam.com [198.51.100.7]:1 P=esmtp S=1\n", {}, o);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), {}, "2026-11-19"), 1u);
}

TEST(Exim, ChunkCutsDoNotChangeTheAnswer) { test::expect_chunk_independent(kLog); }

// A quoted value (the subject) holds text, never fields: a plaintext arrival whose subject reads
// like a TLS field stays plaintext, with its size.
TEST(Exim, QuotedSubjectHoldsNoFields) {
  const std::string log =
      "2026-11-20 08:15:02 1tAbCd-0001Xy-Q3 <= alerts@fabrikam.com H=mail.fabrikam.com [198.51.100.7]:41522 P=esmtp "
      "S=500 id=q1@mail.fabrikam.com T=\"Re: X=TLS1.3 at S=99, \\\"quoted\\\" I=[10.0.0.1]\" from <a@fabrikam.com> for b@contoso.com\n";
  const auto r = test::read_text(log);
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("P=esmtp"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Inbound), 500u);
}

}  // namespace
}  // namespace mailflow
