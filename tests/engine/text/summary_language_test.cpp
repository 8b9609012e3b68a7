// The printable summary in German: its words, the engine's texts (format names, skip reasons,
// insights), numbers and days in German; in English as before.
#include <gtest/gtest.h>

#include "export/summary_html.h"
#include "support/ingest.h"

namespace mailflow {
namespace {

std::string summary_of_gateway(Language language) {
  const std::string path = std::string(MAILFLOW_TEST_DATA_DIR) + "/../shell/data/gateway.csv";
  const auto session = test::ingest({{"gateway.csv", test::read_file(path)}});
  const Aggregate& aggregate = session->aggregate();
  SummaryOptions options;
  options.language = language;
  return summary_html(aggregate, DateRange{*aggregate.first_day(), *aggregate.last_day()}, options);
}

TEST(SummaryLanguage, GermanSummaryIsGermanThroughout) {
  const std::string html = summary_of_gateway(Language::De);
  for (const char* german : {"<html lang=\"de\">", "<h2 id=\"sources\">Quellen</h2>", "mailflow-CSV",
                             "Mehr als 25 % ohne TLS", "der eingehenden Nachrichten ohne Connector hatten kein TLS",
                             "10.11.2026", "92,3 %", "(kein Connector)", "Eingehend"})
    EXPECT_NE(html.find(german), std::string::npos) << german;
  for (const char* english : {"No TLS is over", "Sources</h2>", "mailflow CSV<", "2026-11-10", "92.3%", "Inbound<"})
    EXPECT_EQ(html.find(english), std::string::npos) << english;
}

TEST(SummaryLanguage, EnglishStaysAsItWas) {
  const std::string html = summary_of_gateway(Language::En);
  for (const char* english : {"<html lang=\"en\">", "No TLS is over 25%", "2026-11-10", "92.3%", "mailflow CSV"})
    EXPECT_NE(html.find(english), std::string::npos) << english;
}

}  // namespace
}  // namespace mailflow
