#include "export/aggregate_binary.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

// Every example file read together: sources of every format, joins, partners, TLS reports.
Aggregate examples() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : std::filesystem::directory_iterator(MAILFLOW_EXAMPLES_DIR)) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || name.ends_with(".md") || name.ends_with(".mjs") || name.ends_with(".json")) continue;
    files.emplace_back(name, test::read_file(entry.path().string()));
  }
  return test::ingest(files)->aggregate();
}

std::optional<Aggregate> read_in_slices(const std::string& image, size_t slice, std::string& error) {
  AggregateBinaryReader reader(image);
  if (!reader.start()) return error = reader.error(), std::nullopt;
  size_t steps = 0;
  while (!reader.done()) {
    if (!reader.step(slice)) return error = reader.error(), std::nullopt;
    if (++steps > image.size() + 8) return error = "no progress", std::nullopt;
  }
  return reader.take();
}

TEST(AggregateBinary, ReadsBackTheSameAggregateInSlicesOfAnySize) {
  const Aggregate a = examples();
  ASSERT_FALSE(a.partners().empty());
  ASSERT_FALSE(a.tls_reports().empty() && a.sources().empty());
  const std::string image = aggregate_to_binary(a);
  for (size_t slice : {size_t{1}, size_t{3}, size_t{1000}, SIZE_MAX}) {
    std::string error;
    const auto back = read_in_slices(image, slice, error);
    ASSERT_TRUE(back) << "slices of " << slice << ": " << error;
    EXPECT_EQ(aggregate_to_json(*back), aggregate_to_json(a)) << "slices of " << slice;
  }
  std::string error;
  const auto empty = read_in_slices(aggregate_to_binary(Aggregate{}), 5, error);
  ASSERT_TRUE(empty) << error;
  EXPECT_TRUE(empty->empty());
}

TEST(AggregateBinary, ExtremeDaysSizesAndTheOtherPartnersRow) {
  Aggregate a;
  const ConnectorId c = a.intern_connector("A");
  a.add({*parse_day("0001-01-01"), Direction::Inbound, c, TlsVersion::Tls12}, {1, 5});
  a.add({*parse_day("9999-12-31"), Direction::Outbound, kUnknownConnector, TlsVersion::NoData}, {1, UINT64_MAX});
  a.partners().add({*parse_day("2026-11-21"), Direction::Inbound, kNoConnector, TlsVersion::None, RemoteNames::kOtherPartners},
                   {9, 900});
  a.partners().mark_overflowed();
  std::string error;
  const auto back = read_in_slices(aggregate_to_binary(a), 2, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(aggregate_to_json(*back), aggregate_to_json(a));
  EXPECT_TRUE(back->partners().overflowed());
}

// Cut anywhere or with a byte changed, the image is refused with a reason or read as some valid
// aggregate: never a crash, never a read past its end (the sanitizer build runs this too).
TEST(AggregateBinary, DamagedImagesAreRefusedWithAReason) {
  Aggregate a;
  const ConnectorId c = a.intern_connector("Inbound from Fabrikam");
  a.add({*parse_day("2026-11-20"), Direction::Inbound, c, TlsVersion::Tls13}, {3, 300});
  a.partners().add({*parse_day("2026-11-20"), Direction::Inbound, c, TlsVersion::Tls13,
                    a.partners().names().intern("fabrikam.com", "mx.fabrikam.com")}, {3, 300});
  const std::string image = aggregate_to_binary(a);
  for (size_t cut = 0; cut < image.size(); ++cut) {
    std::string error;
    EXPECT_FALSE(read_in_slices(image.substr(0, cut), 1, error)) << "cut at " << cut;
    EXPECT_FALSE(error.empty());
  }
  for (size_t at = 0; at < image.size(); ++at) {
    std::string damaged = image;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    std::string error;
    if (!read_in_slices(damaged, 7, error)) EXPECT_FALSE(error.empty()) << "byte " << at;
  }
  std::string error;
  EXPECT_FALSE(read_in_slices(image + "x", 7, error)) << "bytes after its end";
  EXPECT_FALSE(read_in_slices("{\"schema\":\"mailflow.aggregate.v1\"}", 7, error));
}

}  // namespace
}  // namespace mailflow

namespace mailflow {
namespace {

// The compact aggregate JSON writes its partners section as text, the indented one as a JSON
// value: both must say the same thing, to the byte once compacted.
TEST(AggregateJson, CompactPartnersTextIsTheSameAsTheJsonValue) {
  const Aggregate a = examples();
  ASSERT_FALSE(a.partners().empty());
  JsonWriteOptions indented;
  indented.indent = 2;
  const auto value = nlohmann::ordered_json::parse(aggregate_to_json(a, indented));
  EXPECT_EQ(aggregate_to_json(a), value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  JsonWriteOptions range;
  range.from = *parse_day("2026-11-10");
  range.to = *parse_day("2026-11-12");
  indented.from = range.from;
  indented.to = range.to;
  EXPECT_EQ(aggregate_to_json(a, range),
            nlohmann::ordered_json::parse(aggregate_to_json(a, indented)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace
}  // namespace mailflow
