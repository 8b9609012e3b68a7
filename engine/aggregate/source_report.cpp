#include "aggregate/source_report.h"

namespace mailflow {

void SourceReport::skip(uint64_t line, const std::string& reason, bool problem) {
  skip_benign(reason, 1);
  if (problem) add_problem(line, reason);
}

void SourceReport::skip_benign(const std::string& reason, uint64_t count) {
  skipped += count;
  skipped_by_reason[reason] += count;
}

void SourceReport::add_problem(uint64_t line, std::string reason) {
  if (problems.size() < kMaxProblems) problems.push_back({line, std::move(reason)});
}

}  // namespace mailflow
