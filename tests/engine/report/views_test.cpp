#include "report/views.h"

#include <gtest/gtest.h>

#include "report_test_util.h"

namespace mailflow {
namespace {

using test::add;
using test::day;
constexpr auto In = Direction::Inbound;
constexpr auto Out = Direction::Outbound;

// ---- Date ranges ---------------------------------------------------------------------------

TEST(DateRanges, DefaultIsTheLastSevenDaysOfTheData) {
  Aggregate a;
  add(a, "2026-11-01", In, "Partner", TlsVersion::Tls12, 1);
  add(a, "2026-11-20", Out, "", TlsVersion::Tls13, 1);
  const auto range = last_days(a);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day("2026-11-14"));
  EXPECT_EQ(range->to, day("2026-11-20"));
  EXPECT_EQ(range->days(), 7);
}

TEST(DateRanges, StandardRangesStopAtThirtyDays) {
  Aggregate a;
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 1);
  EXPECT_EQ(last_days(a, 30)->days(), 30);
  EXPECT_EQ(last_days(a, 90)->days(), 30);
  EXPECT_EQ(last_days(a, 0)->days(), 1);
}

TEST(DateRanges, NoDataGivesNoRange) {
  Aggregate a;
  EXPECT_FALSE(last_days(a));
  EXPECT_FALSE(full_range(a));
  EXPECT_FALSE(resolve_range(a, std::nullopt, std::nullopt));
}

TEST(DateRanges, FullRangeSpansTheData) {
  Aggregate a;
  add(a, "2026-10-02", In, "Partner", TlsVersion::Tls12, 1);
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 1);
  const auto range = full_range(a);
  ASSERT_TRUE(range);
  EXPECT_EQ(range->from, day("2026-10-02"));
  EXPECT_EQ(range->to, day("2026-11-20"));
}

TEST(DateRanges, ExplicitRangesMayBeLongerThanThirtyDays) {
  Aggregate a;
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 1);
  const auto range = resolve_range(a, day("2026-01-01"), day("2026-12-31"));
  ASSERT_TRUE(range);
  EXPECT_EQ(range->days(), 365);
  EXPECT_FALSE(resolve_range(a, day("2026-11-20"), day("2026-11-19")));
}

TEST(DateRanges, OneEndGivenTakesThatManyDaysFromIt) {
  Aggregate a;
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 1);
  const auto from = resolve_range(a, day("2026-11-01"), std::nullopt, 3);
  EXPECT_EQ(from->from, day("2026-11-01"));
  EXPECT_EQ(from->to, day("2026-11-03"));
  const auto to = resolve_range(a, std::nullopt, day("2026-11-10"));
  EXPECT_EQ(to->from, day("2026-11-04"));
  EXPECT_EQ(to->to, day("2026-11-10"));
  const auto neither = resolve_range(a, std::nullopt, std::nullopt, 2);
  EXPECT_EQ(neither->from, day("2026-11-19"));
}

// ---- TLS mix -------------------------------------------------------------------------------

TEST(TlsMixShares, AreTakenOverMessagesWithTlsData) {
  TlsMix mix;
  mix.add(TlsVersion::None, {1, 0});
  mix.add(TlsVersion::Tls12, {2, 0});
  mix.add(TlsVersion::UnknownVersion, {1, 0});
  mix.add(TlsVersion::NoData, {6, 0});
  EXPECT_EQ(mix.total().messages, 10u);
  EXPECT_EQ(mix.messages_with_tls_data(), 4u);
  EXPECT_EQ(mix.encrypted_messages(), 3u);
  EXPECT_DOUBLE_EQ(*mix.share(TlsVersion::None), 0.25);
  EXPECT_DOUBLE_EQ(*mix.share(TlsVersion::Tls12), 0.5);
  EXPECT_DOUBLE_EQ(*mix.protected_share(), 0.75);
  EXPECT_FALSE(mix.share(TlsVersion::NoData));
}

TEST(TlsMixShares, OnlyNoDataHasNoShares) {
  TlsMix mix;
  mix.add(TlsVersion::NoData, {50, 0});
  EXPECT_FALSE(mix.share(TlsVersion::None));
  EXPECT_FALSE(mix.protected_share());
  EXPECT_EQ(mix.messages_with_tls_data(), 0u);
}

TEST(TlsMixShares, AddingMixesAddsEveryState) {
  TlsMix a, b;
  a.add(TlsVersion::Tls10, {1, 10});
  b.add(TlsVersion::Tls10, {2, 20});
  b.add(TlsVersion::Ssl3, {3, 30});
  a.add(b);
  EXPECT_EQ(a[TlsVersion::Tls10].messages, 3u);
  EXPECT_EQ(a[TlsVersion::Tls10].bytes, 30u);
  EXPECT_EQ(a[TlsVersion::Ssl3].messages, 3u);
  EXPECT_EQ(a.total().bytes, 60u);
}

// ---- Mail flow overview --------------------------------------------------------------------

TEST(MailFlowOverview, HasOneEntryPerDayIncludingDaysWithoutMail) {
  Aggregate a;
  add(a, "2026-11-18", In, "Partner", TlsVersion::Tls12, 5);
  add(a, "2026-11-20", In, "Partner", TlsVersion::None, 2);
  add(a, "2026-11-20", Out, "", TlsVersion::Tls13, 3);
  add(a, "2026-11-10", In, "Partner", TlsVersion::None, 100);  // outside the range

  const auto overview = mail_flow_overview(a, {day("2026-11-18"), day("2026-11-20")});
  ASSERT_EQ(overview.days.size(), 3u);
  EXPECT_EQ(overview.days[0].day, day("2026-11-18"));
  EXPECT_EQ(overview.days[1].day, day("2026-11-19"));
  EXPECT_EQ(overview.days[1].mix.inbound.total().messages, 0u);
  EXPECT_EQ(overview.days[2].mix.inbound[TlsVersion::None].messages, 2u);
  EXPECT_EQ(overview.days[2].mix.outbound[TlsVersion::Tls13].messages, 3u);
  EXPECT_EQ(overview.totals.inbound.total().messages, 7u);
  EXPECT_EQ(overview.totals.outbound.total().messages, 3u);
  EXPECT_EQ(overview.totals.inbound.total().bytes, 700u);
  EXPECT_TRUE(overview.has_tls_data);
}

TEST(MailFlowOverview, SaysWhenNoMessageHasTlsData) {
  Aggregate a;
  add(a, "2026-11-20", In, std::nullopt, TlsVersion::NoData, 40);
  const auto overview = mail_flow_overview(a, *last_days(a));
  EXPECT_FALSE(overview.has_tls_data);
  EXPECT_EQ(overview.totals.inbound.total().messages, 40u);
  EXPECT_FALSE(overview.totals.inbound.protected_share());
}

TEST(MailFlowOverview, EmptyRangeHasNoDays) {
  Aggregate a;
  add(a, "2026-11-20", In, "Partner", TlsVersion::Tls12, 1);
  const auto overview = mail_flow_overview(a, {day("2026-11-20"), day("2026-11-19")});
  EXPECT_TRUE(overview.days.empty());
  EXPECT_EQ(overview.totals.inbound.total().messages, 0u);
  EXPECT_FALSE(overview.has_tls_data);
}

// ---- Connector report ----------------------------------------------------------------------

Aggregate three_connectors() {
  Aggregate a;
  add(a, "2026-11-19", In, "Small", TlsVersion::Tls12, 2);
  add(a, "2026-11-19", In, "Big", TlsVersion::Tls12, 10);
  add(a, "2026-11-20", In, "Big", TlsVersion::Tls10, 5);
  add(a, "2026-11-20", In, "", TlsVersion::None, 4);
  add(a, "2026-11-20", In, std::nullopt, TlsVersion::NoData, 7);
  add(a, "2026-11-20", Out, "Outbound to partner", TlsVersion::Tls13, 1);
  add(a, "2026-11-20", Out, "", TlsVersion::Tls12, 30);
  return a;
}

TEST(ConnectorReport, ListsConnectorsByDirectionThenVolume) {
  const Aggregate a = three_connectors();
  const auto report = connector_report(a, *last_days(a), ConnectorChoice::all());
  std::vector<std::string> order;
  for (const auto& c : report.connectors) {
    order.push_back(std::string(direction_key(c.direction)) + ":" + connector_label(c.name));
  }
  const std::vector<std::string> expected = {
      "inbound:Big", "inbound:(unknown connector)", "inbound:(no connector)", "inbound:Small",
      "outbound:(no connector)", "outbound:Outbound to partner"};
  EXPECT_EQ(order, expected);
  EXPECT_EQ(report.connectors[0].mix.total().messages, 15u);
  EXPECT_EQ(report.totals.inbound.total().messages, 28u);
  EXPECT_EQ(report.totals.outbound.total().messages, 31u);
}

TEST(ConnectorReport, ChoicesAreNamedConnectorsByVolumeThenNoConnectorThenUnknown) {
  const Aggregate a = three_connectors();
  const auto choices = connector_choices(connector_report(a, *last_days(a), ConnectorChoice::all()));
  std::vector<std::string> labels;
  for (const auto& c : choices)
    labels.push_back(c.kind == ConnectorChoice::Kind::Named ? c.name
                     : c.kind == ConnectorChoice::Kind::NoConnector ? "(no connector)" : "(unknown connector)");
  // "(no connector)" carries the most mail (34) but comes after the names: the report opens on Big.
  const std::vector<std::string> expected = {"Big", "Small", "Outbound to partner", "(no connector)", "(unknown connector)"};
  EXPECT_EQ(labels, expected);
}

TEST(ConnectorReport, NamedChoiceShowsThatConnectorPerDay) {
  const Aggregate a = three_connectors();
  const auto report = connector_report(a, {day("2026-11-19"), day("2026-11-20")},
                                       ConnectorChoice::named("Big"));
  EXPECT_EQ(report.connectors.size(), 6u);  // the list still offers every connector
  ASSERT_EQ(report.days.size(), 2u);
  EXPECT_EQ(report.days[0].mix.inbound[TlsVersion::Tls12].messages, 10u);
  EXPECT_EQ(report.days[1].mix.inbound[TlsVersion::Tls10].messages, 5u);
  EXPECT_EQ(report.days[1].mix.inbound.total().messages, 5u);
  EXPECT_EQ(report.totals.outbound.total().messages, 0u);
  EXPECT_DOUBLE_EQ(*report.totals.inbound.share(TlsVersion::Tls10), 5.0 / 15.0);
}

TEST(ConnectorReport, NoConnectorAndUnknownAreSeparateChoices) {
  const Aggregate a = three_connectors();
  const auto range = *last_days(a);
  const auto none = connector_report(a, range, ConnectorChoice::no_connector());
  EXPECT_EQ(none.totals.inbound.total().messages, 4u);
  EXPECT_EQ(none.totals.outbound.total().messages, 30u);
  const auto unknown = connector_report(a, range, ConnectorChoice::unknown());
  EXPECT_EQ(unknown.totals.inbound.total().messages, 7u);
  EXPECT_EQ(unknown.totals.outbound.total().messages, 0u);
}

TEST(ConnectorReport, NamedChoiceNeverMatchesTheFixedConnectors) {
  const Aggregate a = three_connectors();
  const auto report = connector_report(a, *last_days(a), ConnectorChoice::named(""));
  EXPECT_EQ(report.totals.inbound.total().messages, 0u);
  const auto missing = connector_report(a, *last_days(a), ConnectorChoice::named("Nope"));
  EXPECT_EQ(missing.totals.inbound.total().messages + missing.totals.outbound.total().messages, 0u);
}

TEST(ConnectorReport, LeavesOutConnectorsWithoutMailInTheRange) {
  Aggregate a = three_connectors();
  add(a, "2026-10-01", In, "Old", TlsVersion::Tls12, 3);
  const auto report = connector_report(a, *last_days(a), {});
  for (const auto& c : report.connectors) EXPECT_NE(connector_label(c.name), "Old");
}

TEST(ConnectorLabels, NameTheFixedConnectors) {
  EXPECT_EQ(connector_label(std::nullopt), "(unknown connector)");
  EXPECT_EQ(connector_label(std::string()), "(no connector)");
  EXPECT_EQ(connector_label(std::string("Partner")), "Partner");
}

// ---- Connector daily rows ------------------------------------------------------------------

TEST(ConnectorDailyRows, OneRowPerDayDirectionAndConnectorWithMail) {
  Aggregate a;
  // Interned in reverse name order: rows must still come out by name.
  add(a, "2026-11-20", In, "Zeta", TlsVersion::Tls12, 1);
  add(a, "2026-11-20", In, "Alpha", TlsVersion::Tls12, 2);
  add(a, "2026-11-20", In, "Alpha", TlsVersion::None, 1);
  add(a, "2026-11-18", Out, "", TlsVersion::Tls13, 3);
  add(a, "2026-11-20", In, std::nullopt, TlsVersion::NoData, 4);
  const auto rows = connector_daily_rows(a, {day("2026-11-17"), day("2026-11-20")});
  ASSERT_EQ(rows.size(), 4u);  // no rows for days without mail
  EXPECT_EQ(rows[0].day, day("2026-11-18"));
  EXPECT_EQ(rows[0].direction, Out);
  EXPECT_EQ(rows[1].connector, std::nullopt);
  EXPECT_EQ(rows[2].connector, std::optional<std::string>("Alpha"));
  EXPECT_EQ(rows[2].mix.total().messages, 3u);
  EXPECT_EQ(rows[3].connector, std::optional<std::string>("Zeta"));
}

TEST(ConnectorDailyRows, FollowTheChoiceAndTheRange) {
  Aggregate a;
  add(a, "2026-11-20", In, "Alpha", TlsVersion::Tls12, 2);
  add(a, "2026-11-20", In, "Beta", TlsVersion::Tls12, 2);
  add(a, "2026-11-01", In, "Alpha", TlsVersion::Tls12, 2);
  const auto rows = connector_daily_rows(a, {day("2026-11-14"), day("2026-11-20")},
                                         ConnectorChoice::named("Alpha"));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].connector, std::optional<std::string>("Alpha"));
  EXPECT_EQ(rows[0].day, day("2026-11-20"));
}

}  // namespace
}  // namespace mailflow
