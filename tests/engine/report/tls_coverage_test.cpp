// Which export adds TLS when the loaded ones cannot tell it.
#include <gtest/gtest.h>

#include <string>

#include "report/tls_coverage.h"

namespace mailflow {
namespace {

Aggregate with_formats(std::initializer_list<const char*> formats) {
  Aggregate a;
  for (const char* f : formats) {
    SourceReport r;
    r.format = f;
    a.add_source(r);
  }
  return a;
}

std::string hint(std::initializer_list<const char*> formats) {
  const char* h = missing_tls_hint(with_formats(formats));
  return h ? h : "";
}

TEST(MissingTlsHint, NamesTheCompanionExportOfWhatWasLoaded) {
  EXPECT_NE(hint({"message-trace"}).find("message trace detail"), std::string::npos);
  EXPECT_NE(hint({"exo-enhanced-summary"}).find("Extended report"), std::string::npos);
  EXPECT_NE(hint({"exchange-tracking"}).find("SMTP protocol logs"), std::string::npos);
  EXPECT_NE(hint({"postfix"}).find("smtp_tls_loglevel"), std::string::npos);
}

TEST(MissingTlsHint, SaysNothingWhenTheCompanionIsThereOrNoneExists) {
  EXPECT_EQ(hint({"message-trace", "message-trace-detail"}), "");
  EXPECT_EQ(hint({"exchange-tracking", "exchange-protocol"}), "");
  EXPECT_EQ(hint({"eac-inout-report"}), "");
  EXPECT_EQ(hint({}), "");
}

}  // namespace
}  // namespace mailflow
