#include "aggregate/source_report.h"

namespace mailflow {

void SourceReport::skip(uint64_t line, const std::string& reason, bool problem) {
  ++skipped;
  ++skipped_by_reason[reason];
  if (problem) add_problem(line, reason);
}

void SourceReport::add_problem(uint64_t line, std::string reason) {
  if (problems.size() < kMaxProblems) problems.push_back({line, std::move(reason)});
}

}  // namespace mailflow
