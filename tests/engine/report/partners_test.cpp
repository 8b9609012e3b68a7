// The partners view and the TLS "what if", on a small log counted by hand.
#include "report/partners.h"

#include <algorithm>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "formats/format_test_util.h"
#include "model/partner.h"
#include "report_test_util.h"

namespace mailflow {
namespace {

using test::day;
constexpr auto In = Direction::Inbound;
constexpr auto Out = Direction::Outbound;

// Eight messages; the hand counts are in the tests below.
const char* kLog =
    "timestamp,direction,connector,tls_version,bytes,remote_host,remote_ip,message_id\n"
    "2026-11-20T08:00:00Z,inbound,Inbound from Fabrikam,TLSv1.2,1000,mail.fabrikam.com,,m1\n"
    "2026-11-20T09:00:00Z,inbound,Inbound from Fabrikam,TLSv1,2000,old.fabrikam.com,,m2\n"
    "2026-11-21T10:00:00Z,inbound,Inbound from Fabrikam,none,500,OLD.Fabrikam.com.,,m3\n"
    "2026-11-21T11:00:00Z,inbound,,TLSv1.3,700,mail-eopbgr.outbound.protection.outlook.com,,m4\n"
    "2026-11-22T12:00:00Z,inbound,,none,300,,203.0.113.9,m5\n"
    "2026-11-22T13:00:00Z,outbound,Outbound to Adatum,TLSv1.2,400,mx1.adatum.co.uk,,m6\n"
    "2026-11-23T14:00:00Z,outbound,Outbound to Adatum,TLSv1.1,100,mx2.adatum.co.uk,,m7\n"
    "2026-11-23T15:00:00Z,outbound,Outbound to Adatum,,50,mx2.adatum.co.uk,,m8\n";

const DateRange kDays{day("2026-11-20"), day("2026-11-23")};

Aggregate sample() { return test::read_text(kLog).aggregate; }

TEST(Partner, IsTheRegistrableDomainOfTheHostByThePublicSuffixList) {
  EXPECT_EQ(organisational_domain("mail-eopbgr.outbound.protection.outlook.com"), "outlook.com");
  EXPECT_EQ(organisational_domain("MX.Example.CO.UK."), "example.co.uk");
  EXPECT_EQ(organisational_domain("example.com"), "example.com");
  EXPECT_EQ(organisational_domain("co.uk"), "co.uk") << "a public suffix stays as it is";
  EXPECT_EQ(organisational_domain("scan01"), "scan01");
  // Wildcard and exception rules: *.kawasaki.jp, !city.kawasaki.jp.
  EXPECT_EQ(organisational_domain("mx.a.b.kawasaki.jp"), "a.b.kawasaki.jp");
  EXPECT_EQ(organisational_domain("mx.city.kawasaki.jp"), "city.kawasaki.jp");
  EXPECT_EQ(organisational_domain("relay.example.unknowntld"), "example.unknowntld") << "default rule *";
}

TEST(Partner, FallsBackToTheAddressDomainThenTheIp) {
  EXPECT_EQ(partner_of("mail.fabrikam.com", "contoso.com"), "fabrikam.com") << "a host name wins";
  EXPECT_EQ(partner_of("198.51.100.7", "alerts.fabrikam.com"), "fabrikam.com");
  EXPECT_EQ(partner_of("[2001:db8::1]", ""), "2001:db8::1");
  EXPECT_EQ(partner_of("IPv6:2001:db8::1", "adatum.com"), "adatum.com");
  EXPECT_EQ(partner_of("", ""), "");
  EXPECT_TRUE(is_ip_literal("[192.0.2.7]"));
  EXPECT_FALSE(is_ip_literal("192.0.2.7.example.net"));
}

// A host name names the partner alone; an address does not, wherever its colon lies (IPv6 may end
// in a letter), nor does a name that is empty.
TEST(Partner, OnlyHostNamesNameAHost) {
  for (const char* host : {"mail.fabrikam.com", "MX1.Contoso.COM", "mx.example.com.", "a", "localhost"})
    EXPECT_TRUE(names_host(host)) << host;
  for (const char* host : {"", "198.51.100.7", "192.0.2.7.", "[192.0.2.7]", "2001:db8::a", "fe80::abcd", "a:b",
                           "fe80:0000:0000:0000:0000:0000:0000:abcd", "abcdefghij:k", "abcdefgh:abcdefgh.example",
                           "IPv6:2001:db8::1", "[IPv6:2001:db8::1]"})
    EXPECT_FALSE(names_host(host)) << host;
}

TEST(PartnersView, OneRowPerPartnerWithItsTlsStatesHostsDaysAndConnectors) {
  const Aggregate a = sample();
  const PartnersView view = partners_view(a, {kDays, In, ConnectorChoice::all()});
  ASSERT_EQ(view.rows.size(), 3u);
  EXPECT_FALSE(view.bounded);

  const PartnerRow& fabrikam = view.rows[0];
  EXPECT_EQ(fabrikam.partner, "fabrikam.com");
  EXPECT_EQ(fabrikam.messages(), 3u);
  EXPECT_EQ(fabrikam.mix.total().bytes, 3500u);
  EXPECT_EQ(fabrikam.mix[TlsVersion::Tls12].messages, 1u);
  EXPECT_EQ(fabrikam.mix[TlsVersion::Tls10].messages, 1u);
  EXPECT_EQ(fabrikam.mix[TlsVersion::None].messages, 1u);
  EXPECT_EQ(fabrikam.first_day, day("2026-11-20"));
  EXPECT_EQ(fabrikam.last_day, day("2026-11-21"));
  ASSERT_EQ(fabrikam.hosts.size(), 2u);
  EXPECT_EQ(fabrikam.hosts[0].host, "old.fabrikam.com") << "case and the trailing dot do not split a host";
  EXPECT_EQ(fabrikam.hosts[0].messages, 2u);
  EXPECT_EQ(fabrikam.hosts[1].host, "mail.fabrikam.com");
  ASSERT_EQ(fabrikam.connectors.size(), 1u);
  EXPECT_EQ(*fabrikam.connectors[0], "Inbound from Fabrikam");
  EXPECT_EQ(fabrikam.worst_tls(), TlsVersion::None);

  // Ties by name: the bare IP sorts before outlook.com.
  EXPECT_EQ(view.rows[1].partner, "203.0.113.9");
  EXPECT_EQ(view.rows[2].partner, "outlook.com");
  EXPECT_EQ(view.rows[2].worst_tls(), TlsVersion::Tls13);
  EXPECT_EQ(view.totals.total().messages, 5u);
}

TEST(PartnersView, FollowsTheRangeAndTheConnector) {
  const Aggregate a = sample();
  const PartnersView day21 = partners_view(a, {{day("2026-11-21"), day("2026-11-21")}, In, ConnectorChoice::all()});
  ASSERT_EQ(day21.rows.size(), 2u);
  EXPECT_EQ(day21.rows[0].partner, "fabrikam.com");
  EXPECT_EQ(day21.rows[0].messages(), 1u);
  const PartnersView none = partners_view(a, {kDays, std::nullopt, ConnectorChoice::no_connector()});
  ASSERT_EQ(none.rows.size(), 2u);
  const PartnersView both = partners_view(a, {kDays, std::nullopt, ConnectorChoice::all()});
  EXPECT_EQ(both.totals.total().messages, a.total().messages) << "every message has a partner row";
}

TEST(WhatIf, TlsTwelveInboundFailsThreeMessagesFromTwoPartners) {
  const WhatIf r = what_if(sample(), {kDays, In, ConnectorChoice::all()}, TlsPolicy::RequireTls12);
  EXPECT_EQ(r.pass.messages, 2u);
  EXPECT_EQ(r.fail.messages, 3u);
  EXPECT_EQ(r.fail.bytes, 2800u);
  EXPECT_EQ(r.cannot_tell.messages, 0u);
  ASSERT_EQ(r.days.size(), 4u);
  EXPECT_EQ(r.days[0].fail.messages, 1u);
  EXPECT_EQ(r.days[0].pass.messages, 1u);
  EXPECT_EQ(r.days[1].fail.messages, 1u);
  EXPECT_EQ(r.days[2].fail.messages, 1u);
  EXPECT_EQ(r.days[3].fail.messages, 0u);
  ASSERT_EQ(r.partners.size(), 2u);
  EXPECT_EQ(r.partners[0].partner, "fabrikam.com");
  EXPECT_EQ(r.partners[0].fail.messages, 2u);
  EXPECT_NEAR(r.partners[0].share, 2.0 / 3.0, 1e-9);
  EXPECT_EQ(r.partners[0].worst_tls, TlsVersion::None);
  EXPECT_EQ(r.partners[0].last_seen, day("2026-11-21"));
  EXPECT_EQ(r.partners[1].partner, "203.0.113.9");
  ASSERT_TRUE(r.concentration);
  EXPECT_EQ(r.concentration->partners, 2u);
  EXPECT_EQ(concentration_text(r), "2 partners send 100% of the inbound mail that TLS 1.2 would refuse");
}

TEST(WhatIf, NoTlsDataIsNeverPassOrFail) {
  const WhatIf r = what_if(sample(), {kDays, Out, ConnectorChoice::named("Outbound to Adatum")}, TlsPolicy::RequireTls13);
  EXPECT_EQ(r.fail.messages, 2u);
  EXPECT_EQ(r.fail.bytes, 500u);
  EXPECT_EQ(r.cannot_tell.messages, 1u);
  EXPECT_EQ(r.pass.messages, 0u);
  ASSERT_EQ(r.partners.size(), 1u);
  EXPECT_EQ(r.partners[0].partner, "adatum.co.uk");
  EXPECT_EQ(r.partners[0].worst_tls, TlsVersion::Tls11);
  ASSERT_EQ(r.partners[0].hosts.size(), 2u);
  EXPECT_EQ(r.partners[0].hosts[0].host, "mx1.adatum.co.uk");

  const WhatIf any = what_if(sample(), {kDays, std::nullopt, ConnectorChoice::all()}, TlsPolicy::RequireTls);
  EXPECT_EQ(any.fail.messages, 2u);
  EXPECT_EQ(any.pass.messages, 5u);
  EXPECT_EQ(any.cannot_tell.messages, 1u);
}

TEST(WhatIf, PolicyOutcomes) {
  EXPECT_EQ(policy_outcome(TlsPolicy::RequireTls, TlsVersion::UnknownVersion), PolicyOutcome::Pass);
  EXPECT_EQ(policy_outcome(TlsPolicy::RequireTls12, TlsVersion::UnknownVersion), PolicyOutcome::CannotTell);
  EXPECT_EQ(policy_outcome(TlsPolicy::RequireTls12, TlsVersion::Ssl3), PolicyOutcome::Fail);
  EXPECT_EQ(policy_outcome(TlsPolicy::RequireTls13, TlsVersion::Tls12), PolicyOutcome::Fail);
  EXPECT_EQ(policy_outcome(TlsPolicy::RequireTls13, TlsVersion::NoData), PolicyOutcome::CannotTell);
  EXPECT_EQ(parse_tls_policy("1.2"), TlsPolicy::RequireTls12);
  EXPECT_FALSE(parse_tls_policy("1.1"));
}

TEST(Partners, MergeExactlyAndSurviveTheJson) {
  const std::string header = std::string(kLog).substr(0, std::string(kLog).find('\n') + 1);
  std::string first = header, second = header;
  size_t line = 0;
  for (size_t at = header.size(); at < std::string(kLog).size(); ++line) {
    const size_t end = std::string(kLog).find('\n', at) + 1;
    (line % 2 ? second : first) += std::string(kLog).substr(at, end - at);
    at = end;
  }
  Aggregate merged = test::read_text(first).aggregate;
  merged.merge(test::read_text(second).aggregate);
  const auto view = [](const Aggregate& a) {
    std::string text;
    for (const PartnerRow& r : partners_view(a, {kDays, std::nullopt, ConnectorChoice::all()}).rows)
      text += r.partner + " " + std::to_string(r.messages()) + " " + std::to_string(r.mix.total().bytes) + "\n";
    return text;
  };
  EXPECT_EQ(view(merged), view(sample()));
  std::string error;
  const auto back = aggregate_from_json(aggregate_to_json(sample()), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(*back), aggregate_to_json(sample()));
  JsonWriteOptions without;
  without.remote_hosts = false;
  EXPECT_EQ(aggregate_to_json(sample(), without).find("fabrikam"), std::string::npos);
}

TEST(Partners, PastTheBoundTheRestIsOneOtherPartnersRow) {
  Aggregate a;
  const ConnectorId c = a.intern_connector("Gateway");
  RemoteNames& names = a.partners().names();
  for (size_t i = 0; i <= RemoteNames::kMaxPartners + 5; ++i)
    a.partners().add({day("2026-11-20"), In, c, TlsVersion::None, names.intern("p" + std::to_string(i) + ".example", "")},
                     {1, 10});
  const PartnersView view = partners_view(a, {{day("2026-11-20"), day("2026-11-20")}, In, ConnectorChoice::all()});
  EXPECT_TRUE(view.bounded);
  ASSERT_TRUE(view.rows.back().other);
  EXPECT_EQ(view.rows.back().messages(), 6u) << "the partners past the bound, counted in one row";
  EXPECT_EQ(view.totals.total().messages, RemoteNames::kMaxPartners + 6) << "nothing is lost";
  std::string error;
  const auto back = aggregate_from_json(aggregate_to_json(a), error);
  ASSERT_TRUE(back) << error;
  EXPECT_TRUE(back->partners().overflowed());
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
namespace {

// The shell writes a large partners section on several threads: the text is the one of one thread,
// also where a share's first cell begins a new day and with the connectors of every kind.
TEST(Partners, TheJsonOfManyCellsIsTheSameOnSeveralThreads) {
  Aggregate a;
  const ConnectorId connectors[] = {kUnknownConnector, kNoConnector, a.intern_connector("Gateway \"EU\"")};
  RemoteNames& names = a.partners().names();
  std::vector<uint32_t> endpoints;
  for (int i = 0; i < 3000; ++i)
    endpoints.push_back(names.intern("p" + std::to_string(i) + ".example", "mx." + std::to_string(i)));
  for (int d = 0; d < 30; ++d)
    for (int i = 0; i < 9000; ++i)
      a.partners().add({day("2026-11-01") + d, i % 2 ? In : Out, connectors[i / 3000],
                        kAllTlsVersions[(i / 3000 + d) % 8], endpoints[i % 3000]},
                       {1, static_cast<uint64_t>(i)});
  ASSERT_GT(a.partners().cell_count(), 200'000u);
  JsonWriteOptions one, several;
  several.threads = 3;
  const std::string text = aggregate_to_json(a, one);
  EXPECT_EQ(aggregate_to_json(a, several), text);
  several.threads = 64;
  EXPECT_EQ(aggregate_to_json(a, several), text);
  std::string error;
  ASSERT_TRUE(aggregate_from_json(text, error)) << error;
}

// The table keeps a map of cells per day in the order the days came, and the writer sorts them a
// day at a time: the text is that of the days counted in order, whatever order they came in,
// on any number of threads, in a date filter, and once days past 4,096 share one map.
TEST(Partners, TheJsonIsTheSameWhateverOrderTheDaysCameIn) {
  for (const int days : {30, 5000}) {
    const int cells_a_day = days == 30 ? 4200 : 30;  // 4,200 different cells a day at most
    auto counted = [&](bool scattered) {
      Aggregate a;
      const ConnectorId connectors[] = {a.intern_connector("Zeta"), kNoConnector, a.intern_connector("Alpha")};
      std::vector<uint32_t> endpoints;
      for (int i = 0; i < 700; ++i)  // ids in the reverse of the names' order
        endpoints.push_back(a.partners().names().intern("p" + std::to_string(999 - i) + ".example", "mx"));
      for (int i = 0; i < days; ++i) {
        const int d = scattered ? (i * 7919) % days : i;  // 7919 is prime to 30 and to 5000
        for (int c = 0; c < cells_a_day; ++c)
          a.partners().add({day("2000-01-01") + d, c % 2 ? In : Out, connectors[c % 3], kAllTlsVersions[c % 8],
                            endpoints[c % 700]},
                           {1, static_cast<uint64_t>(d * 10 + c)});
      }
      return a;
    };
    const Aggregate in_order = counted(false), scattered = counted(true);
    for (const auto& [from, to] : {std::pair{0, days}, std::pair{days / 3, days / 2}, std::pair{days - 2, days + 5}}) {
      JsonWriteOptions one;
      one.from = day("2000-01-01") + from, one.to = day("2000-01-01") + to;
      JsonWriteOptions several = one;
      several.threads = 3;
      SCOPED_TRACE(std::to_string(days) + " days, " + format_day(*one.from) + ".." + format_day(*one.to));
      const std::string text = aggregate_to_json(in_order, one);
      EXPECT_EQ(aggregate_to_json(scattered, one), text);
      EXPECT_EQ(aggregate_to_json(scattered, several), text);
      const auto json = nlohmann::json::parse(text);
      const auto& cells = json["partners"]["cells"];
      EXPECT_EQ(cells.size(), static_cast<size_t>(cells_a_day) * static_cast<size_t>(std::min(to, days - 1) - from + 1));
      EXPECT_TRUE(std::is_sorted(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a[0] < b[0]; }))
          << "by day";
    }
  }
}

// A cell's text is made in a buffer, its connector's with it when short: names around that bound,
// long ones and ones whose escaping doubles them come back from the JSON as they went in.
TEST(Partners, ConnectorNamesOfAnyLengthSurviveTheJson) {
  Aggregate a;
  const uint32_t endpoint = a.partners().names().intern("fabrikam.com", "mx.fabrikam.com");
  std::vector<std::string> names;
  for (size_t size : {1, 93, 94, 95, 96, 97, 300}) names.push_back(std::string(size, 'c'));
  names.push_back(std::string(60, '"'));
  names.push_back("Partner \\ \"Woodgrove\" " + std::string(120, 'w'));
  for (size_t i = 0; i < names.size(); ++i)
    a.partners().add({day("2026-11-20"), In, a.intern_connector(names[i]), TlsVersion::Tls12, endpoint},
                     {i + 1, 1000 * (i + 1)});
  const std::string text = aggregate_to_json(a);
  std::string error;
  const auto back = aggregate_from_json(text, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(*back), text);
  std::map<std::string, uint64_t> messages;
  back->partners().for_each([&](const PartnerCellKey& key, const Volume& volume) {
    messages[std::string(back->connector_name(key.connector).value_or("?"))] += volume.messages;
  });
  for (size_t i = 0; i < names.size(); ++i) EXPECT_EQ(messages[names[i]], i + 1) << names[i];
}

TEST(Partners, CellsKeepEveryDayTheParsersAccept) {
  PartnerTable table;
  const uint32_t endpoint = table.names().intern("example.com", "mx.example.com");
  for (const char* text : {"0001-01-01", "1969-12-31", "9999-12-31"})
    table.add({*parse_day(text), Direction::Outbound, 4097, TlsVersion::Tls13, endpoint}, {1, 1});
  std::vector<std::string> days;
  table.for_each([&](const PartnerCellKey& key, const Volume&) {
    days.push_back(format_day(key.day));
    EXPECT_EQ(key.connector, 4097u);
    EXPECT_EQ(key.direction, Direction::Outbound);
    EXPECT_EQ(key.tls, TlsVersion::Tls13);
    EXPECT_EQ(key.endpoint, endpoint);
  });
  EXPECT_EQ(days, (std::vector<std::string>{"0001-01-01", "1969-12-31", "9999-12-31"}));
}

// A log whose dates are scattered over decades (5,000 days, past the number of days that get a
// map of their own), each day met twice, out of order: every cell stays exact.
TEST(Partners, CellsOfManyDaysOutOfOrderStayExact) {
  PartnerTable table;
  const uint32_t endpoint = table.names().intern("example.com", "mx.example.com");
  const Day first = *parse_day("1990-01-01");
  constexpr int kDays = 5000;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < kDays; ++i) {
      const int d = (i * 7919) % kDays;  // 7919 is prime to 5000: every day once a round, scattered
      table.add({first + d, Direction::Inbound, 1, TlsVersion::Tls12, endpoint}, {1, static_cast<uint64_t>(d)});
    }
  std::vector<int> seen(kDays, 0);
  uint64_t messages = 0;
  table.for_each([&](const PartnerCellKey& key, const Volume& volume) {
    const int d = key.day - first;
    ASSERT_TRUE(d >= 0 && d < kDays);
    ++seen[d];
    EXPECT_EQ(volume.messages, 2u);
    EXPECT_EQ(volume.bytes, 2u * static_cast<uint64_t>(d));
    messages += volume.messages;
  });
  EXPECT_EQ(messages, 2u * kDays);
  EXPECT_EQ(std::count(seen.begin(), seen.end(), 1), kDays) << "one cell per day";
  EXPECT_FALSE(table.overflowed());
}

// The views ask for their range's days only (the dashboard's week of a month is a quarter of the
// cells): every cell of those days comes, also of days past the maps of their own (5,000 days,
// scattered) and at both ends of the days the parsers accept; within the first 4,096 days seen,
// nothing of other days does.
TEST(Partners, ARangeGivesEveryCellOfItsDays) {
  PartnerTable table;
  const uint32_t endpoint = table.names().intern("example.com", "mx.example.com");
  const Day first = *parse_day("1990-01-01");
  constexpr int kDays = 5000;
  for (int i = 0; i < kDays; ++i) {
    const int d = (i * 7919) % kDays;
    for (auto tls : {TlsVersion::Tls12, TlsVersion::None})
      table.add({first + d, Direction::Inbound, 1, tls, endpoint}, {1, static_cast<uint64_t>(d)});
  }
  const Day oldest = *parse_day("0001-01-01"), newest = *parse_day("9999-12-31");
  for (Day d : {oldest, newest}) table.add({d, Direction::Outbound, 1, TlsVersion::Tls13, endpoint}, {1, 1});

  auto cells_of = [&](DateRange range, bool by_days) {
    std::vector<std::pair<Day, TlsVersion>> cells;
    auto keep = [&](const PartnerCellKey& key, const Volume&) {
      if (range.contains(key.day)) cells.emplace_back(key.day, key.tls);
    };
    if (by_days) table.for_each_of_days(range.from, range.to, keep);
    else table.for_each(keep);
    std::sort(cells.begin(), cells.end());
    return cells;
  };
  for (DateRange range : {DateRange{first, first + 6}, DateRange{first + 4090, first + 4100},
                          DateRange{first + 4990, first + 5100}, DateRange{oldest, oldest}, DateRange{newest, newest},
                          DateRange{oldest, newest}, DateRange{first - 10, first - 1}}) {
    SCOPED_TRACE(format_day(range.from) + ".." + format_day(range.to));
    EXPECT_EQ(cells_of(range, true), cells_of(range, false));
  }
  EXPECT_EQ(cells_of({first, first + 6}, true).size(), 14u);

  // A month of days, each with its own map: a week's cells are all that is visited.
  PartnerTable month;
  for (int d = 0; d < 30; ++d) month.add({first + d, Direction::Inbound, 1, TlsVersion::Tls12, endpoint}, {1, 1});
  size_t visited = 0;
  month.for_each_of_days(first + 23, first + 29, [&](const PartnerCellKey& key, const Volume&) {
    ++visited;
    EXPECT_GE(key.day, first + 23);
  });
  EXPECT_EQ(visited, 7u);
}

}  // namespace
}  // namespace mailflow

#include "formats/syslog_common/mta_fields.h"

namespace mailflow {
namespace {

TEST(Partner, MtaLogsNameTheAddressDomainBesideAnIpOnlyPeer) {
  EXPECT_EQ(address_domain("<z@Fabrikam.com>"), "Fabrikam.com");
  EXPECT_EQ(address_domain("lee@adatum.com H=[203.0.113.9] P=esmtp"), "adatum.com");
  EXPECT_EQ(address_domain("<a@x.example>,<b@y.example>"), "x.example");
  EXPECT_EQ(address_domain("<>"), "");
  // Exim's own test logs (Exim/exim test/log/2102) write a quoted local part as it came.
  EXPECT_EQ(address_domain("\"name with spaces\"@test.ex H=[127.0.0.1] P=smtps"), "test.ex");
  EXPECT_EQ(address_domain("<\"a, b\"@test.ex>"), "test.ex");
  // The separator is looked for 16 bytes at a time: before, at and after a block's end.
  EXPECT_EQ(address_domain("a@b.example;c@d.example"), "b.example");
  EXPECT_EQ(address_domain("someone.long@mail.example.com\tx@y.example"), "mail.example.com");
  EXPECT_EQ(address_domain("abcdefghij@k.exa,x@y.example"), "k.exa");
  EXPECT_EQ(address_domain("abcdefghij@k.exam,x@y.example"), "k.exam");
  EXPECT_EQ(address_domain("abcdefghijklmnopqrstuvwxyz0123456789@partner.example. next@other.example"), "partner.example");
  EXPECT_EQ(address_domain("no-at-sign.example, x@y.example"), "");
  // Exim names a verified host before the HELO name it gave (Mail::Exim::MainLogParser's sample).
  EXPECT_EQ(host_name_of("realmail.server.example.com (ehlo-name.example.com) [192.168.250.101]"),
            "realmail.server.example.com");
  EXPECT_EQ(host_name_of("(ehlo-name.example.com) [192.168.250.101]"), "ehlo-name.example.com");
  EXPECT_EQ(host_name_of("mx.example. [203.0.113.5]"), "mx.example");
  // Sendmail: a relay without a name, its sender's domain names the partner (counted by hand: 4
  // messages of fabrikam.com, one of them from [198.51.100.9]).
  const auto r = test::read_text(test::real_shape("sendmail-rejections-and-tls-notices.log"), {}, test::syslog_year_2026());
  const PartnersView view = partners_view(r.aggregate, {*full_range(r.aggregate), std::nullopt, ConnectorChoice::all()});
  ASSERT_FALSE(view.rows.empty());
  EXPECT_EQ(view.rows[0].partner, "fabrikam.com");
  EXPECT_EQ(view.rows[0].messages(), 4u);
  bool ip_host = false;
  for (const PartnerHost& h : view.rows[0].hosts) ip_host = ip_host || h.host == "198.51.100.9";
  EXPECT_TRUE(ip_host);
}

}  // namespace
}  // namespace mailflow
