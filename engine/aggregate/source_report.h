// What one input file gave: its format, how many records it had and what became of each of them.
// Every record is accounted for: records == messages + reports + skipped, and each skipped record
// is counted under a reason a user understands; the first problems keep their line numbers.
// (`reports` is only non-zero for TLS-RPT, whose records count sessions, not messages.)
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/day.h"
#include "util/name_memo.h"
#include "util/text.h"

namespace mailflow {

struct Problem {
  uint64_t line = 0;  // 1-based line of the input where the record starts; 0 for the whole file
  std::string reason;
};

// The reasons a report counted lately, found again without a walk down its map: a log skips most
// of its lines under a handful of reasons, and each step down the map compared two texts. Direct
// mapped by the reason's size and a few of its bytes (a walk over the last eight, each a compare,
// was a branch no predictor learns when a log's lines take turns among the reasons: 7.8% of a
// Postfix log's samples). Points into one report's map: a copy starts empty, and so does the cache
// once an entry is erased.
class RecentReasons {
 public:
  RecentReasons() = default;
  RecentReasons(const RecentReasons&) {}
  RecentReasons& operator=(const RecentReasons&) {
    clear();
    return *this;
  }

  uint64_t* find(const std::string& reason) const {
    const Entry& entry = entries_[sampled_slot<kBits>(reason)];
    return entry.reason && same_name(*entry.reason, reason) ? entry.count : nullptr;
  }
  void remember(std::map<std::string, uint64_t>::iterator entry) {
    entries_[sampled_slot<kBits>(entry->first)] = {&entry->first, &entry->second};
  }
  void clear() { entries_.fill({}); }

 private:
  static constexpr unsigned kBits = 6;
  struct Entry {
    const std::string* reason = nullptr;
    uint64_t* count = nullptr;
  };
  std::array<Entry, size_t{1} << kBits> entries_{};
};

struct SourceReport {
  static constexpr size_t kMaxProblems = 100;
  // A reason that quotes a value ("size \"x1\" is not ...") is listed with its value for up to this
  // many values of one kind; past that, all of that kind are listed as one with the values left out
  // ("size \"...\" is not ..."), so a file with a different bad value on every line lists a few
  // reasons, not a million. Which values a kind has decides it, not their order, so a file read in
  // ranges or chunks of any size lists the same. (Above a reader's own bound: the Extended report
  // names 32 events and "other events".)
  static constexpr size_t kMaxValuesPerReason = 40;

  std::string name;
  std::string format;       // format key, e.g. "exo-extended"; "" while not yet recognised
  std::string format_name;  // for people, e.g. "Exchange Online extended report"
  uint64_t bytes_read = 0;
  uint64_t records = 0;
  uint64_t messages = 0;
  uint64_t skipped = 0;
  uint64_t reports = 0;  // records read as TLS reports (aggregate.tls_reports(), not messages)
  std::map<std::string, uint64_t> skipped_by_reason;
  std::vector<Problem> problems;  // the first kMaxProblems problems, in input order
  std::vector<std::string> notes; // facts the user should know (date order chosen, join rates, ...)
  std::string error;              // set when the file as a whole could not be read or recognised
  bool finished = false;
  // The first and last day of the messages this file counted (none: it counted none, or the
  // aggregate came from a file written before these were kept).
  std::optional<Day> first_day, last_day;
  // Some of its messages were counted from another file first (the same message id): the file
  // that counted most of them ("" when none, or not known).
  std::string counted_by;
  RecentReasons recent_reasons;  // count_reason's cache, not data of the report

  // Widens first_day..last_day to cover first..last.
  void cover(Day first, Day last) {
    first_day = first_day ? std::min(*first_day, first) : first;
    last_day = last_day ? std::max(*last_day, last) : last;
  }

  // Counts a skipped record. `problem` marks a defect of the input (kept with its line number);
  // benign skips (e.g. an event that is not a boundary crossing) are only counted by reason.
  void skip(uint64_t line, const std::string& reason, bool problem = true);
  // Counts `count` benign skips under `reason` at once (no line kept).
  void skip_benign(const std::string& reason, uint64_t count);
  // Adds `count` to the records listed under `reason` (kMaxValuesPerReason applies), not to
  // `skipped`: for a report read back, whose `skipped` is read as it was written.
  void count_reason(const std::string& reason, uint64_t count);
  void add_problem(uint64_t line, std::string reason);

 private:
  size_t listed_of_kind(const std::string& general) const;
  void list_kind_as_one(const std::string& general);
};

}  // namespace mailflow
