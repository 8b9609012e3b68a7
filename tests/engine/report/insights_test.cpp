#include "report/insights.h"

#include <gtest/gtest.h>

#include "report_test_util.h"

namespace mailflow {
namespace {

using test::add;
using test::day;
constexpr auto In = Direction::Inbound;
constexpr auto Out = Direction::Outbound;

const DateRange kWeek{test::day("2026-11-14"), test::day("2026-11-20")};

std::vector<InsightKind> kinds(const std::vector<Insight>& insights) {
  std::vector<InsightKind> result;
  for (const auto& i : insights) result.push_back(i.kind);
  return result;
}

TEST(Insights, OnlyNoDataNeverRaisesATlsInsight) {
  Aggregate a;
  add(a, "2026-11-14", In, std::nullopt, TlsVersion::NoData, 500);
  add(a, "2026-11-20", Out, "", TlsVersion::NoData, 500);
  InsightThresholds lenient;
  lenient.min_messages = 0;
  lenient.tls11_share = -1;  // even a rule that fires on any share stays quiet
  EXPECT_TRUE(find_insights(a, kWeek, lenient).empty());
}

TEST(Insights, NoDataDoesNotCountAsNoTls) {
  Aggregate a;
  // 20 of 100 messages with TLS data had none (20%); 900 more have no data at all.
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 20);
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 80);
  add(a, "2026-11-18", In, "Partner", TlsVersion::NoData, 900);
  EXPECT_TRUE(find_insights(a, kWeek).empty());
}

TEST(Insights, NoTlsExactlyAtTwentyFivePercentIsNotOver) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 25);
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 75);
  EXPECT_TRUE(find_insights(a, kWeek).empty());
}

TEST(Insights, NoTlsJustOverTwentyFivePercentIsRaisedWithFigures) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 26);
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 74);
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  const Insight& i = insights[0];
  EXPECT_EQ(i.kind, InsightKind::NoTlsOver);
  EXPECT_EQ(i.title, "No TLS is over 25%");
  EXPECT_EQ(i.direction, In);
  EXPECT_EQ(i.connector_name, std::optional<std::string>("Partner"));
  EXPECT_DOUBLE_EQ(i.share, 0.26);
  EXPECT_EQ(i.messages, 26u);
  EXPECT_NE(i.detail.find("26.0%"), std::string::npos) << i.detail;
  EXPECT_NE(i.detail.find("26 of 100"), std::string::npos) << i.detail;
  EXPECT_NE(i.detail.find("Partner"), std::string::npos) << i.detail;
  EXPECT_NE(i.detail.find("2026-11-14 to 2026-11-20"), std::string::npos) << i.detail;
}

TEST(Insights, Tls10ExactlyAtFiftyPercentIsNotAbove) {
  Aggregate a;
  add(a, "2026-11-18", Out, "To partner", TlsVersion::Tls10, 50);
  add(a, "2026-11-18", Out, "To partner", TlsVersion::Tls12, 50);
  EXPECT_TRUE(find_insights(a, kWeek).empty());
}

TEST(Insights, Tls10AboveFiftyPercentIsRaised) {
  Aggregate a;
  add(a, "2026-11-18", Out, "To partner", TlsVersion::Tls10, 51);
  add(a, "2026-11-18", Out, "To partner", TlsVersion::Tls12, 49);
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  EXPECT_EQ(insights[0].kind, InsightKind::Tls10Over);
  EXPECT_EQ(insights[0].title, "TLS 1.0 is above 50%");
  EXPECT_EQ(insights[0].messages, 51u);
  EXPECT_NE(insights[0].detail.find("51.0%"), std::string::npos) << insights[0].detail;
}

TEST(Insights, AnyTls11IsStillInUse) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls11, 1);
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 999);
  add(a, "2026-11-18", In, "Clean", TlsVersion::Tls12, 1000);
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  EXPECT_EQ(insights[0].kind, InsightKind::Tls11InUse);
  EXPECT_EQ(insights[0].connector_name, std::optional<std::string>("Partner"));
  EXPECT_EQ(insights[0].messages, 1u);
}

TEST(Insights, ThresholdsAreConfigurableAndNamedInTheTitle) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 15);
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 85);
  InsightThresholds strict;
  strict.no_tls_share = 0.10;
  const auto insights = find_insights(a, kWeek, strict);
  ASSERT_EQ(insights.size(), 1u);
  EXPECT_EQ(insights[0].title, "No TLS is over 10%");
}

TEST(Insights, ConnectorsWithTooFewMessagesAreNotJudged) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 3);
  InsightThresholds t;
  t.min_messages = 10;
  EXPECT_TRUE(find_insights(a, kWeek, t).empty());
  t.min_messages = 3;
  EXPECT_EQ(find_insights(a, kWeek, t).size(), 1u);
}

TEST(Insights, MailOutsideTheRangeIsNotJudged) {
  Aggregate a;
  add(a, "2026-11-13", In, "Partner", TlsVersion::None, 100);
  add(a, "2026-11-14", In, "Partner", TlsVersion::Tls12, 100);
  EXPECT_TRUE(find_insights(a, kWeek).empty());
  // Widened to 11-13 the no-TLS mail counts (50%). The halves (11-13..16, 11-17..20) are not
  // compared: the second has no mail.
  EXPECT_EQ(kinds(find_insights(a, {day("2026-11-13"), day("2026-11-20")})),
            std::vector<InsightKind>{InsightKind::NoTlsOver});
}

TEST(Insights, EmptyRangeRaisesNothing) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::None, 100);
  EXPECT_TRUE(find_insights(a, {day("2026-11-20"), day("2026-11-19")}).empty());
  EXPECT_TRUE(find_insights(Aggregate{}, kWeek).empty());
}

// ---- TLS share got worse --------------------------------------------------------------------

TEST(Insights, ProtectedShareFallingBetweenHalvesIsRaised) {
  Aggregate a;
  // 4-day range: first half 11-17..18 all TLS, second half 11-19..20 90% TLS.
  add(a, "2026-11-17", In, "Partner", TlsVersion::Tls12, 100);
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 90);
  add(a, "2026-11-20", In, "Partner", TlsVersion::None, 10);
  const auto insights = find_insights(a, {day("2026-11-17"), day("2026-11-20")});
  ASSERT_EQ(insights.size(), 1u);
  const Insight& i = insights[0];
  EXPECT_EQ(i.kind, InsightKind::TlsShareWorse);
  EXPECT_NEAR(i.share, 0.10, 1e-12);
  EXPECT_EQ(i.messages, 10u);
  EXPECT_NE(i.detail.find("100.0%"), std::string::npos) << i.detail;
  EXPECT_NE(i.detail.find("90.0%"), std::string::npos) << i.detail;
}

TEST(Insights, FallOfExactlyTheThresholdIsNotRaised) {
  Aggregate a;
  add(a, "2026-11-17", In, "Partner", TlsVersion::Tls12, 100);
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 95);
  add(a, "2026-11-20", In, "Partner", TlsVersion::None, 5);
  EXPECT_TRUE(find_insights(a, {day("2026-11-17"), day("2026-11-20")}).empty());
}

TEST(Insights, WorseningNeedsTwoDaysAndDataInBothHalves) {
  Aggregate a;
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 80);
  add(a, "2026-11-20", In, "Partner", TlsVersion::None, 20);
  // One day: no halves.
  EXPECT_TRUE(find_insights(a, {day("2026-11-20"), day("2026-11-20")}).empty());
  // The first half has no mail with TLS data (only no-data).
  add(a, "2026-11-15", In, "Partner", TlsVersion::NoData, 100);
  EXPECT_TRUE(find_insights(a, kWeek).empty());
}

TEST(Insights, MiddleDayOfAnOddRangeBelongsToNeitherHalf) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 100);
  add(a, "2026-11-19", In, "Partner", TlsVersion::Tls12, 80);
  add(a, "2026-11-19", In, "Partner", TlsVersion::None, 20);
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 100);
  EXPECT_TRUE(find_insights(a, {day("2026-11-18"), day("2026-11-20")}).empty());
}

// ---- Hosts and order ------------------------------------------------------------------------

// Messages of a host on a day: the cell and its partner cell, as an ingest counts them.
void add_host(Aggregate& a, const char* day_text, TlsVersion tls, const std::string& host, uint64_t messages) {
  add(a, day_text, In, "Partner", tls, messages);
  const uint32_t endpoint = a.partners().names().intern_remote(host, "");
  a.partners().add({day(day_text), In, *a.find_connector("Partner"), tls, endpoint}, {messages, 0});
}

TEST(Insights, TopHostsAreThoseOfTheStateConcernedHeaviestFirst) {
  Aggregate a;
  add_host(a, "2026-11-18", TlsVersion::None, "old.fabrikam.com", 10);
  add_host(a, "2026-11-18", TlsVersion::None, "scanner.adatum.com", 38);
  add_host(a, "2026-11-18", TlsVersion::Tls12, "mx.contoso.com", 40);
  for (int h = 0; h < 12; ++h) add_host(a, "2026-11-18", TlsVersion::None, "host" + std::to_string(h) + ".example", 1);
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  const auto& hosts = insights[0].top_hosts;
  ASSERT_EQ(hosts.size(), kInsightTopHosts);
  EXPECT_EQ(hosts[0].host, "scanner.adatum.com");
  EXPECT_EQ(hosts[0].partner, "adatum.com");
  EXPECT_EQ(hosts[0].messages, 38u);
  EXPECT_EQ(hosts[1].host, "old.fabrikam.com");
  for (const auto& h : hosts) EXPECT_NE(h.host, "mx.contoso.com");
}

// A source that names only the partner's domain (no host) lists it under that domain, together
// with a host of the very same name, whichever was met first; equal counts go by name.
TEST(Insights, TopHostsListADomainOnlyPartnerUnderItsDomainAndTiesByName) {
  for (bool domain_first : {true, false}) {
    SCOPED_TRACE(domain_first ? "the domain met first" : "the host met first");
    Aggregate a;
    auto add_endpoint = [&](TlsVersion tls, uint32_t endpoint, uint64_t messages) {
      add(a, "2026-11-18", In, "Partner", tls, messages);
      a.partners().add({day("2026-11-18"), In, *a.find_connector("Partner"), tls, endpoint}, {messages, 0});
    };
    RemoteNames& names = a.partners().names();
    const uint32_t domain_only = domain_first ? names.intern("fabrikam.com", "") : 0;
    const uint32_t host = names.intern_remote("fabrikam.com", "");
    const uint32_t domain = domain_first ? domain_only : names.intern("fabrikam.com", "");
    ASSERT_NE(domain, host);
    add_endpoint(TlsVersion::None, domain, 4);
    add_endpoint(domain_first ? TlsVersion::None : TlsVersion::Tls12, host, 3);  // TLS 1.2 is not counted
    add_host(a, "2026-11-18", TlsVersion::None, "b.example", 2);
    add_host(a, "2026-11-18", TlsVersion::None, "a.example", 2);
    const auto insights = find_insights(a, kWeek);
    ASSERT_EQ(insights.size(), 1u);
    const auto& hosts = insights[0].top_hosts;
    ASSERT_EQ(hosts.size(), 3u);
    EXPECT_EQ(hosts[0].host, "fabrikam.com");
    EXPECT_EQ(hosts[0].partner, "fabrikam.com");
    EXPECT_EQ(hosts[0].messages, domain_first ? 7u : 4u);
    EXPECT_EQ(hosts[1].host, "a.example");
    EXPECT_EQ(hosts[2].host, "b.example");
  }
}

// Mail whose remote side no source names and mail past the partners' bound ("other partners")
// are two lines, though neither has a host or a partner name to tell them apart by.
TEST(Insights, TopHostsKeepOtherPartnersApartFromMailNamingNoPartner) {
  Aggregate a;
  const uint32_t unnamed = a.partners().names().intern_remote("", "");
  ASSERT_NE(unnamed, RemoteNames::kOtherPartners);
  for (const auto& [endpoint, messages] : {std::pair{unnamed, 5u}, std::pair{RemoteNames::kOtherPartners, 3u}}) {
    add(a, "2026-11-18", In, "Partner", TlsVersion::None, messages);
    a.partners().add({day("2026-11-18"), In, *a.find_connector("Partner"), TlsVersion::None, endpoint}, {messages, 0});
  }
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  const auto& hosts = insights[0].top_hosts;
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(remote_host_label(hosts[0]), "(not named by the source)");
  EXPECT_EQ(hosts[0].messages, 5u);
  EXPECT_TRUE(hosts[1].other);
  EXPECT_EQ(hosts[1].messages, 3u);
}

TEST(Insights, TopHostsCountOnlyTheInsightsRangeAndAddUpToAtMostItsCount) {
  Aggregate a;
  // Earlier in the month the heavy senders were others; in the week only these send without TLS.
  add_host(a, "2026-11-02", TlsVersion::None, "old.fabrikam.com", 29);
  add_host(a, "2026-11-03", TlsVersion::None, "scanner.adatum.com", 22);
  add_host(a, "2026-11-15", TlsVersion::None, "old.fabrikam.com", 3);
  add_host(a, "2026-11-19", TlsVersion::None, "relay.tailspin.example", 15);
  add_host(a, "2026-11-19", TlsVersion::Tls12, "mx.contoso.com", 8);
  const auto insights = find_insights(a, kWeek);
  ASSERT_EQ(insights.size(), 1u);
  EXPECT_EQ(insights[0].messages, 18u);
  const auto& hosts = insights[0].top_hosts;
  ASSERT_EQ(hosts.size(), 2u);
  EXPECT_EQ(hosts[0].host, "relay.tailspin.example");
  EXPECT_EQ(hosts[0].messages, 15u);
  EXPECT_EQ(hosts[1].host, "old.fabrikam.com");
  EXPECT_EQ(hosts[1].messages, 3u) << "the 29 of 2 November lie outside the range";
}

TEST(Insights, AreOrderedBySeverityThenDirectionThenConnector) {
  Aggregate a;
  for (std::string_view c : {"Beta", "Alpha"}) {
    add(a, "2026-11-18", Out, c, TlsVersion::Tls10, 60);
    add(a, "2026-11-18", Out, c, TlsVersion::Tls11, 10);
    add(a, "2026-11-18", Out, c, TlsVersion::Tls12, 30);
  }
  add(a, "2026-11-18", In, "Zulu", TlsVersion::None, 50);
  add(a, "2026-11-18", In, "Zulu", TlsVersion::Tls12, 50);
  add(a, "2026-11-18", In, "", TlsVersion::None, 50);
  add(a, "2026-11-18", In, "", TlsVersion::Tls12, 50);
  add(a, "2026-11-18", In, std::nullopt, TlsVersion::Tls10, 9);
  add(a, "2026-11-18", In, std::nullopt, TlsVersion::Tls12, 1);

  const auto insights = find_insights(a, kWeek);
  std::vector<std::string> order;
  for (const auto& i : insights) {
    order.push_back(i.title + " | " + std::string(direction_key(i.direction)) + " | " +
                    connector_label(i.connector_name));
  }
  const std::vector<std::string> expected = {
      "No TLS is over 25% | inbound | (no connector)",
      "No TLS is over 25% | inbound | Zulu",
      "TLS 1.0 is above 50% | inbound | (unknown connector)",
      "TLS 1.0 is above 50% | outbound | Alpha",
      "TLS 1.0 is above 50% | outbound | Beta",
      "TLS 1.1 still in use | outbound | Alpha",
      "TLS 1.1 still in use | outbound | Beta",
  };
  EXPECT_EQ(order, expected);
  EXPECT_EQ(kinds(find_insights(a, kWeek)), kinds(insights));  // deterministic
}

TEST(Insights, RankPutsMailWithoutTlsFirst) {
  EXPECT_LT(insight_rank(InsightKind::NoTlsOver), insight_rank(InsightKind::Tls10Over));
  EXPECT_LT(insight_rank(InsightKind::Tls10Over), insight_rank(InsightKind::TlsShareWorse));
  EXPECT_LT(insight_rank(InsightKind::TlsShareWorse), insight_rank(InsightKind::Tls11InUse));
}

}  // namespace
}  // namespace mailflow
