// Connector names are interned through a small memo in front of a hash map (util/name_memo.h): names
// that share a memo slot, a size or their last bytes still get one id each, asked in any order.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "aggregate/aggregate.h"

namespace mailflow {
namespace {

TEST(ConnectorNames, EachNameKeepsItsIdWhateverTheOrderAsked) {
  Aggregate a;
  std::vector<std::string> names;
  for (int i = 0; i < 300; ++i)
    names.push_back("Connector " + std::to_string(i % 10) + std::string(i % 7, 'x') + "#" + std::to_string(i));
  names.push_back("a");
  names.push_back("b");
  names.push_back("Inbound from Fabrikam");
  names.push_back("Inbound from Fabrikan");  // differs in its last byte only
  std::vector<ConnectorId> ids;
  for (const auto& name : names) ids.push_back(a.intern_connector(name));
  for (size_t round = 0; round < 3; ++round)
    for (size_t i = 0; i < names.size(); ++i) {
      const size_t at = (i * 7919 + round * 31) % names.size();  // a different order each round
      ASSERT_EQ(a.intern_connector(names[at]), ids[at]) << names[at];
      ASSERT_EQ(a.connector_name(ids[at]), names[at]);
    }
  EXPECT_EQ(a.connector_count(), names.size() + 2);  // and the two fixed ids
  EXPECT_EQ(a.intern_connector(""), kNoConnector);
  EXPECT_EQ(a.intern_connector(std::nullopt), kUnknownConnector);
}

}  // namespace
}  // namespace mailflow
