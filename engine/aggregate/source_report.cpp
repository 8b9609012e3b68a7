#include "aggregate/source_report.h"

#include "text/messages.h"

namespace mailflow {

void SourceReport::skip(uint64_t line, const std::string& reason, bool problem) {
  skip_benign(reason, 1);
  if (problem) add_problem(line, reason);
}

void SourceReport::skip_benign(const std::string& reason, uint64_t count) {
  skipped += count;
  count_reason(reason, count);
}

void SourceReport::count_reason(const std::string& reason, uint64_t count) {
  if (uint64_t* counted = recent_reasons.find(reason)) return void(*counted += count);
  if (auto it = skipped_by_reason.find(reason); it != skipped_by_reason.end()) {
    recent_reasons.remember(it);
    return void(it->second += count);
  }
  const std::optional<std::string> general = without_values(reason);
  if (!general) return recent_reasons.remember(skipped_by_reason.emplace(reason, count).first);  // a fixed text
  if (auto it = skipped_by_reason.find(*general); it != skipped_by_reason.end()) return void(it->second += count);
  if (*general != reason && listed_of_kind(*general) < kMaxValuesPerReason)
    return void(skipped_by_reason.emplace(reason, count));
  list_kind_as_one(*general);
  skipped_by_reason[*general] += count;
}

// How many reasons of the kind `general` (a reason with its values left out) are listed.
size_t SourceReport::listed_of_kind(const std::string& general) const {
  size_t n = 0;
  for (const auto& [reason, count] : skipped_by_reason) n += without_values(reason) == general;
  return n;
}

void SourceReport::list_kind_as_one(const std::string& general) {
  uint64_t listed = 0;
  for (auto it = skipped_by_reason.begin(); it != skipped_by_reason.end();) {
    if (without_values(it->first) != general) {
      ++it;
      continue;
    }
    listed += it->second;
    recent_reasons.clear();
    it = skipped_by_reason.erase(it);
  }
  if (listed) skipped_by_reason[general] += listed;
}

void SourceReport::add_problem(uint64_t line, std::string reason) {
  if (problems.size() < kMaxProblems) problems.push_back({line, std::move(reason)});
}

}  // namespace mailflow
