// Sendmail: STARTTLS lines joined to the queue-id lines of the same process.
#include <gtest/gtest.h>

#include "formats/format_test_util.h"

namespace mailflow {
namespace {

using test::count;

const std::string kLog =
    "Nov 20 08:15:02 mx2 sm-mta[4321]: STARTTLS=server, relay=mail.fabrikam.com [198.51.100.7], version=TLSv1.3, "
    "verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256\n"
    "Nov 20 08:15:03 mx2 sm-mta[4321]: 4AKF2abc004321: from=<alerts@fabrikam.com>, size=18342, class=0, nrcpts=1, "
    "msgid=<a1b2c3d4@mail.fabrikam.com>, proto=ESMTPS, daemon=MTA, relay=mail.fabrikam.com [198.51.100.7]\n"
    "Nov 20 08:15:04 mx2 sm-mta[4322]: 4AKF2abc004321: to=<megan@contoso.com>, delay=00:00:01, mailer=local, "
    "pri=30000, dsn=2.0.0, stat=Sent\n"
    "Nov 20 09:01:40 mx2 sm-mta[4399]: 4AKF2abc004399: from=<megan@contoso.com>, size=7311, class=0, nrcpts=2, "
    "msgid=<c3@contoso.com>, proto=ESMTP, daemon=MTA, relay=pc1.contoso.com [192.0.2.44]\n"
    "Nov 20 09:01:45 mx2 sm-mta[4400]: STARTTLS=client, relay=mx1.adatum.com., version=TLSv1.2, verify=OK, "
    "cipher=ECDHE-RSA-AES256-GCM-SHA384, bits=256/256\n"
    "Nov 20 09:01:46 mx2 sm-mta[4400]: 4AKF2abc004399: to=<lee@adatum.com>,<ana@adatum.com>, delay=00:00:06, "
    "xdelay=00:00:01, mailer=esmtp, pri=120000, relay=mx1.adatum.com. [203.0.113.25], dsn=2.0.0, stat=Sent (OK)\n"
    "Nov 20 09:01:47 mx2 sm-mta[4401]: 4AKF2abc004399: to=<x@tailspintoys.com>, delay=00:00:07, mailer=esmtp, "
    "pri=120000, relay=mx.tailspintoys.com. [203.0.113.9], dsn=2.0.0, stat=Sent (OK)\n"
    "Nov 20 09:06:00 mx2 sm-mta[4410]: STARTTLS=server, relay=old.fabrikam.com [198.51.100.9], version=TLSv1/SSLv3, "
    "verify=NO, cipher=AES128-SHA, bits=128/128\n"
    "Nov 20 09:06:01 mx2 sm-mta[4410]: 4AKF2abc004410: from=<z@old.fabrikam.com>, size=4100, class=0, nrcpts=1, "
    "msgid=<z9@old.fabrikam.com>, proto=ESMTPS, daemon=MTA, relay=old.fabrikam.com [198.51.100.9]\n"
    "Nov 20 09:07:00 mx2 sm-msp-queue[5000]: 4AKF2abc005000: from=root, size=300, class=0, nrcpts=1, "
    "msgid=<r@mx2.contoso.com>, relay=root@localhost\n";

TEST(Sendmail, StarttlsLinesGoToTheMessagesOfTheirProcess) {
  SessionOptions o;
  o.syslog_year = 2026;
  const auto r = test::read_text(kLog, {}, o);
  EXPECT_EQ(r.report.format, "sendmail");
  test::expect_accounted(r.report);
  // Inbound: fabrikam over TLS 1.3, the PC's plaintext relay, old.fabrikam with "TLSv1/SSLv3".
  EXPECT_EQ(count(r.aggregate, Direction::Inbound), 3u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA"), TlsVersion::Tls13), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA"), TlsVersion::None), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::connector("daemon=MTA"), TlsVersion::UnknownVersion), 1u);
  // Outbound: adatum (two recipients, one line) over TLS 1.2, tailspintoys without STARTTLS.
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("mailer=esmtp"), TlsVersion::Tls12), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Outbound, test::connector("mailer=esmtp"), TlsVersion::None), 1u);
  EXPECT_EQ(test::total_bytes(r.aggregate, Direction::Outbound), 2u * 7311u);
}

// The same process join on RFC 5424 lines (PROCID is the process).
TEST(Sendmail, Rfc5424Lines) {
  const std::string log =
      "<22>1 2026-11-20T08:15:02Z mx2 sm-mta 4321 - - STARTTLS=server, relay=mail.fabrikam.com [198.51.100.7], "
      "version=TLSv1.3, verify=NO, cipher=TLS_AES_256_GCM_SHA384, bits=256/256\n"
      "<22>1 2026-11-20T08:15:03Z mx2 sm-mta 4321 - - 4AKF2abc004321: from=<alerts@fabrikam.com>, size=18342, "
      "class=0, nrcpts=1, msgid=<a1b2c3d4@mail.fabrikam.com>, proto=ESMTPS, daemon=MTA, "
      "relay=mail.fabrikam.com [198.51.100.7]\n"
      "<22>1 2026-11-20T08:15:05Z mx2 sm-mta 4330 - - 4AKF2abc004330: from=<b@fabrikam.com>, size=100, class=0, "
      "nrcpts=1, msgid=<b1@fabrikam.com>, proto=ESMTP, daemon=MTA, relay=mail2.fabrikam.com [198.51.100.8]\n";
  const auto r = test::read_text(log);
  EXPECT_EQ(r.report.format, "sendmail");
  test::expect_accounted(r.report);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::Tls13, "2026-11-20"), 1u);
  EXPECT_EQ(count(r.aggregate, Direction::Inbound, test::any_connector(), TlsVersion::None, "2026-11-20"), 1u);
}

TEST(Sendmail, ChunkCutsDoNotChangeTheAnswer) { test::expect_chunk_independent(kLog); }

}  // namespace
}  // namespace mailflow
