// The catalogue must know every text the engine writes for people. Every file of the test corpus
// (tests/data, its real-shapes, the archives of tests/engine/io/data, examples/) is read as the app
// reads it, and each text of its sources (format name, skip reasons, problems, notes, errors), the
// insights over all of its days and the TLS coverage hint must render in German, never falling
// back to English.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "report/insights.h"
#include "report/tls_coverage.h"
#include "support/ingest.h"
#include "text/messages.h"

namespace mailflow {
namespace {

namespace fs = std::filesystem;

// One input: a file alone, or a folder read as one session (a trace with its detail, a maildir).
std::vector<std::vector<fs::path>> corpus() {
  std::vector<std::vector<fs::path>> inputs;
  const auto add_folder = [&](const fs::path& dir, bool folders_as_sessions) {
    if (!fs::is_directory(dir)) return;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      if (name.ends_with(".json") && name.find("expected") != std::string::npos) continue;
      if (name.ends_with(".md") || name.ends_with(".mjs") || name.ends_with(".sh") || name.starts_with(".")) continue;
      if (entry.is_regular_file()) {
        inputs.push_back({entry.path()});
      } else if (entry.is_directory() && folders_as_sessions) {
        std::vector<fs::path> files;
        for (const auto& inner : fs::recursive_directory_iterator(entry.path()))
          if (inner.is_regular_file()) files.push_back(inner.path());
        std::sort(files.begin(), files.end());
        inputs.push_back(std::move(files));
      }
    }
  };
  const fs::path data = MAILFLOW_TEST_DATA_DIR;
  add_folder(data, true);
  add_folder(data / "real-shapes", true);
  add_folder(data.parent_path() / "engine" / "io" / "data", false);
  const fs::path examples = MAILFLOW_EXAMPLES_DIR;
  add_folder(examples, false);
  add_folder(examples / "compressed", true);
  std::vector<fs::path> all_examples;  // the example data as the page shows it: one session
  for (const auto& entry : fs::directory_iterator(examples))
    if (entry.is_regular_file() && !entry.path().filename().string().ends_with(".md") &&
        !entry.path().filename().string().ends_with(".mjs") &&
        entry.path().filename().string().find("expected") == std::string::npos)
      all_examples.push_back(entry.path());
  std::sort(all_examples.begin(), all_examples.end());
  inputs.push_back(all_examples);
  return inputs;
}

// Every text for people one session gave, each once.
void collect(const Session& session, std::set<std::string>& texts) {
  const Aggregate& aggregate = session.aggregate();
  for (const SourceReport& s : aggregate.sources()) {
    if (!s.format_name.empty()) texts.insert(s.format_name);
    for (const auto& [reason, n] : s.skipped_by_reason) texts.insert(reason);
    for (const Problem& p : s.problems) texts.insert(p.reason);
    for (const std::string& note : s.notes) texts.insert(note);
    if (!s.error.empty()) texts.insert(s.error);
  }
  if (const char* hint = missing_tls_hint(aggregate)) texts.insert(hint);
  const auto first = aggregate.first_day();
  const auto last = aggregate.last_day();
  if (first && last) {
    for (const Insight& i : find_insights(aggregate, DateRange{*first, *last})) {
      texts.insert(i.title);
      texts.insert(i.detail);
    }
  }
}

TEST(CatalogueCompleteness, EveryEngineTextOfTheCorpusRendersInGerman) {
  std::set<std::string> texts;
  size_t sessions = 0;
  for (const std::vector<fs::path>& input : corpus()) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const fs::path& path : input) files.emplace_back(path.filename().string(), test::read_file(path.string()));
    if (files.empty()) continue;
    collect(*test::ingest(files), texts);
    ++sessions;
  }
  // The corpus is large and varied: a handful of texts would mean it was not found.
  ASSERT_GT(sessions, 40u);
  ASSERT_GT(texts.size(), 100u);
  std::vector<std::string> missing;
  for (const std::string& text : texts) {
    const std::optional<std::string> german = translate_message(text, Language::De);
    if (!german) missing.push_back(text);
  }
  std::string list;
  for (const std::string& text : missing) list += "\n  " + text;
  EXPECT_TRUE(missing.empty()) << missing.size() << " of " << texts.size()
                               << " engine texts have no German template:" << list;
}

}  // namespace
}  // namespace mailflow
