// The message table closes complete messages once younger ones arrive (ingest/message_table.h):
// rows of a message far apart, in one file or across files, must still count the message once,
// and a later file must still complete what an earlier one left unknown.
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>

#include "ingest/message_table.h"
#include "ingest/session.h"
#include "report/partners.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

constexpr int kMessages = 3 * static_cast<int>(MessageTable::kOpenMessages);
const std::string kHeader = "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n";

std::string row(int i, std::string_view tls, std::string_view host = "mx.fabrikam.com") {
  return "2026-11-" + std::to_string(10 + i % 3) + "T08:00:00Z,inbound,Gateway," + std::string(tls) + "," +
         std::to_string(1000 + i) + ",<m" + std::to_string(i) + "@fabrikam.com>," + std::string(host) + "\n";
}
std::string file(std::string_view tls, int copies = 1) {
  std::string csv = kHeader;
  for (int copy = 0; copy < copies; ++copy)
    for (int i = 0; i < kMessages; ++i) csv += row(i, tls);
  return csv;
}
uint64_t expected_bytes() {
  uint64_t bytes = 0;
  for (int i = 0; i < kMessages; ++i) bytes += 1000 + i;
  return bytes;
}
bool has_note(const SourceReport& report, std::string_view text) {
  for (const auto& note : report.notes)
    if (note.find(text) != std::string::npos) return true;
  return false;
}

TEST(MessageTable, RowsOfAMessageFarApartInOneFileCountItOnce) {
  auto session = test::ingest({{"twice.csv", file("1.2", 2)}}, {1 << 16, 0});
  const SourceReport& r = session->report(0);
  EXPECT_EQ(r.messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(r.skipped, static_cast<uint64_t>(kMessages));  // "further recipient of a message already counted"
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(a.total().bytes, expected_bytes());
}

TEST(MessageTable, AWaitingMessagesLaterRowInTheSameFileStillCompletesIt) {
  // Every message's first row leaves its TLS unknown, so it waits; its second row, kMessages rows
  // later, brings the TLS: the waiting message must be found (its table indexed when first asked).
  std::string csv = kHeader;
  for (int i = 0; i < kMessages; ++i) csv += row(i, "");
  for (int i = 0; i < kMessages; ++i) csv += row(i, "1.3");
  auto session = test::ingest({{"late-tls.csv", csv}});
  EXPECT_EQ(session->report(0).messages, static_cast<uint64_t>(kMessages));
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(a.total().bytes, expected_bytes());
  for (const auto& r : a.rows()) EXPECT_EQ(r.tls, TlsVersion::Tls13);
}

TEST(MessageTable, AnOpenMessagesLaterRowStillCompletesItAfterOlderOnesLeft) {
  // Twice kOpenMessages messages open without their TLS, so the oldest half leaves the open table
  // (to wait); right after, a second row of each message still open brings its TLS. The open
  // table must still find those (its filter of keys rebuilt for what stayed), or their TLS is lost.
  const int open = 2 * static_cast<int>(MessageTable::kOpenMessages);
  const int stayed = static_cast<int>(MessageTable::kOpenMessages);
  std::string csv = kHeader;
  for (int i = 0; i < open; ++i) csv += row(i, "");
  for (int i = open - stayed; i < open; ++i) csv += row(i, "1.3");
  auto session = test::ingest({{"open.csv", csv}});
  EXPECT_EQ(session->report(0).messages, static_cast<uint64_t>(open));
  const Aggregate a = session->aggregate();
  uint64_t with_tls = 0, without = 0;
  for (const auto& r : a.rows()) (r.tls == TlsVersion::Tls13 ? with_tls : without) += r.volume.messages;
  EXPECT_EQ(with_tls, static_cast<uint64_t>(stayed));
  EXPECT_EQ(without, static_cast<uint64_t>(open - stayed));
}

TEST(MessageTable, TheSameMessagesInTwoFilesAreCountedOnceAndSaidSo) {
  auto session = test::ingest({{"a.csv", file("1.2")}, {"b.csv", file("1.2")}});
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(session->report(1).messages, 0u);
  ASSERT_EQ(a.sources().size(), 2u);
  EXPECT_TRUE(has_note(a.sources()[1], std::to_string(kMessages) + " messages of this file were counted from another"));
  EXPECT_FALSE(has_note(a.sources()[0], "counted from another"));
}

TEST(MessageTable, ALaterFileStillCompletesWhatAnEarlierOneLeftUnknown) {
  auto session = test::ingest({{"no-tls.csv", file("")}, {"tls.csv", file("1.3")}});
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kMessages));
  for (const auto& r : a.rows()) EXPECT_EQ(r.tls, TlsVersion::Tls13);
}

// Messages still waiting when the aggregate is made (no TLS yet: every message of a trace waits)
// are summed into their partner cells first: interleaved hosts and days must keep their own sums.
TEST(MessageTable, WaitingMessagesAddUpByHostAndDay) {
  std::string csv = kHeader;
  const std::array<std::string, 3> hosts = {"a.fabrikam.com", "b.fabrikam.com", "c.fabrikam.com"};
  for (int i = 0; i < kMessages; ++i) csv += row(i, "", hosts[static_cast<size_t>(i) % 3]);
  auto session = test::ingest({{"waiting.csv", csv}});
  const Aggregate a = session->aggregate();
  // row(i) is on day 10 + i % 3 and host i % 3: each host's messages fall on one day.
  std::map<std::pair<std::string, Day>, Volume> by_host_and_day;
  a.partners().for_each([&](const PartnerCellKey& k, const Volume& v) {
    EXPECT_EQ(k.tls, TlsVersion::NoData);
    by_host_and_day[{std::string(a.partners().names().host(k.endpoint)), k.day}] += v;
  });
  ASSERT_EQ(by_host_and_day.size(), 3u);
  for (int h = 0; h < 3; ++h) {
    Volume expected;
    for (int i = h; i < kMessages; i += 3) expected += Volume{1, static_cast<uint64_t>(1000 + i)};
    const Volume& counted = by_host_and_day[std::pair(hosts[static_cast<size_t>(h)], day_from_civil({2026, 11, 10 + h}))];
    EXPECT_EQ(counted.messages, expected.messages) << h;
    EXPECT_EQ(counted.bytes, expected.bytes) << h;
  }
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(a.total().bytes, expected_bytes());
}

// Waiting messages are summed into cells of the table's own connector ids before they reach the
// aggregate, whose connectors may already be past their bound: two such cells then fall into its
// "(other connectors)" and add up there, as their messages would one by one.
TEST(MessageTable, WaitingMessagesOfConnectorsPastTheBoundAddUpUnderOtherConnectors) {
  std::string csv = kHeader;
  const size_t named = Aggregate::kMaxConnectors + 10;  // rows without an id: the file's own cells
  for (size_t i = 0; i < named; ++i) csv += "2026-11-10T08:00:00Z,inbound,c" + std::to_string(i) + ",1.2,10,,mx.fabrikam.com\n";
  for (int i = 0; i < 10; ++i)  // no TLS: each waits in the table, under a connector of its own there
    csv += "2026-11-10T09:00:00Z,inbound,late-" + std::to_string(i % 2) + ",,100,<w" + std::to_string(i) +
           "@fabrikam.com>,mx.fabrikam.com\n";
  auto session = test::ingest({{"connectors.csv", csv}});
  const Aggregate a = session->aggregate();
  Volume other_without_tls;
  for (const AggregateRow& r : a.rows())
    if (r.connector == Aggregate::kOtherConnectors && r.tls == TlsVersion::NoData) other_without_tls += r.volume;
  EXPECT_EQ(other_without_tls.messages, 10u);
  EXPECT_EQ(other_without_tls.bytes, 1000u);
  Volume partner_without_tls;
  size_t cells_without_tls = 0;
  a.partners().for_each([&](const PartnerCellKey& k, const Volume& v) {
    if (k.tls != TlsVersion::NoData) return;
    ++cells_without_tls;
    partner_without_tls += v;
  });
  EXPECT_EQ(cells_without_tls, 1u);
  EXPECT_EQ(partner_without_tls.messages, 10u);
  EXPECT_EQ(a.total().messages, named + 10);
}

// A reader's keyed rows wait a few rows for the table (ingest/held_messages.h) while the tokenizer
// reuses its buffer for fields with doubled quotes: each row must keep its own names.
TEST(MessageTable, RowsKeepTheirOwnNamesWhileTheyWaitForTheTable) {
  std::string csv = kHeader;
  for (int i = 0; i < 20; ++i) {
    const std::string n = std::to_string(i);
    csv += "2026-11-10T08:00:00Z,inbound,\"Gateway \"\"" + n + "\"\"\",1.2,100,<q" + n + "@fabrikam.com>,mx.fabrikam.com\n";
  }
  auto session = test::ingest({{"quoted.csv", csv}});
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, 20u);
  std::set<std::string> connectors;
  for (const AggregateRow& row : a.rows()) {
    ASSERT_TRUE(row.connector.has_value());
    EXPECT_EQ(row.volume.messages, 1u) << *row.connector;
    connectors.insert(*row.connector);
  }
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(connectors.contains("Gateway \"" + std::to_string(i) + "\"")) << i;
}

TEST(MessageTable, AnswerDoesNotDependOnChunkCutsWhenMessagesClose) {
  const std::string csv = file("1.2", 2);
  const std::string whole = test::ingest_json(csv);
  EXPECT_EQ(test::ingest_json(csv, {4093, 0}), whole);
  EXPECT_EQ(test::ingest_json(csv, {1 << 12, 7}), whole);
}

TEST(MessageTable, CancellingAFileTakesBackItsClosedMessages) {
  Session session;
  const std::string a = file("1.2"), b = file("1.2");
  const auto first = session.add_source("a.csv");
  session.feed(first, reinterpret_cast<const uint8_t*>(a.data()), a.size());
  session.finish(first);
  const auto second = session.add_source("b.csv");
  session.feed(second, reinterpret_cast<const uint8_t*>(b.data()), b.size());
  session.cancel(second);
  EXPECT_EQ(session.aggregate().total().messages, static_cast<uint64_t>(kMessages));

  session.cancel(first);
  EXPECT_TRUE(session.aggregate().empty());
  // Its messages are forgotten, so the same file read again counts them anew.
  const auto again = session.add_source("a-again.csv");
  session.feed(again, reinterpret_cast<const uint8_t*>(a.data()), a.size());
  session.finish(again);
  EXPECT_EQ(session.report(again).messages, static_cast<uint64_t>(kMessages));
  EXPECT_EQ(session.aggregate().total().messages, static_cast<uint64_t>(kMessages));
}

TEST(MessageTable, HeavyHostsAreCountedExactlyAmongManyDistinctOnes) {
  std::string csv = kHeader;
  for (int i = 0; i < kMessages; ++i)
    csv += row(i, "1.2", i % 2 ? std::string("big.fabrikam.com") : "h" + std::to_string(i) + ".example");
  auto session = test::ingest({{"hosts.csv", csv}});
  const Aggregate a = session->aggregate();
  const PartnerFilter filter{*full_range(a), Direction::Inbound, ConnectorChoice::named("Gateway")};
  const std::vector<RemoteHostCount> top = top_remote_hosts(a, filter, {TlsVersion::Tls12}, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].host, "big.fabrikam.com");
  EXPECT_EQ(top[0].partner, "fabrikam.com");
  EXPECT_EQ(top[0].messages, static_cast<uint64_t>(kMessages / 2));
  EXPECT_EQ(top[1].messages, 1u);  // every other host once, exactly
  EXPECT_FALSE(a.partners().overflowed());
}

// Past RemoteNames' bound of partners, the table counts further messages under "other partners":
// the aggregate says its partners overflowed, as it does when the bound is reached elsewhere.
TEST(MessageTable, PartnersPastTheBoundMakeThePartnersOverflowed) {
  constexpr int kPartners = static_cast<int>(RemoteNames::kMaxPartners) + 5;
  std::string csv = kHeader;
  for (int i = 0; i < kPartners; ++i) csv += row(i, "1.2", "mx.p" + std::to_string(i) + ".example");
  auto session = test::ingest({{"partners.csv", csv}});
  const Aggregate a = session->aggregate();
  EXPECT_EQ(a.total().messages, static_cast<uint64_t>(kPartners)) << "nothing is lost";
  EXPECT_TRUE(a.partners().overflowed());
  const PartnersView view = partners_view(a, {*full_range(a), Direction::Inbound, ConnectorChoice::all()});
  EXPECT_TRUE(view.bounded);
  ASSERT_TRUE(view.rows.back().other);
}

}  // namespace
}  // namespace mailflow
