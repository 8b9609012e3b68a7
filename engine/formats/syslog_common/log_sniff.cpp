#include "formats/syslog_common/log_sniff.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace mailflow {

int program_share_score(int ours, int lines, int mostly, int some) {
  if (ours == 0) return 0;
  return ours * 2 >= lines ? mostly : some;
}

NearMiss near_miss_syslog(std::string_view window, std::string_view where) {
  TimestampParser parser;
  std::map<std::string, int, std::less<>> programs;
  int lines = 0, syslog = 0;
  for_each_window_line(window, [&](std::string_view text) {
    ++lines;
    const auto line = parse_syslog_line(text, parser);
    if (!line) return;
    ++syslog;
    if (programs.size() < 64 || programs.contains(line->program)) ++programs[std::string(line->program)];
  });
  NearMiss miss;
  if (syslog == 0 || syslog * 2 < lines) return miss;
  std::vector<std::pair<int, std::string>> seen;
  for (const auto& [program, count] : programs) seen.emplace_back(-count, program);
  std::sort(seen.begin(), seen.end());
  std::string names;
  for (size_t i = 0; i < seen.size() && i < 4; ++i) names += (i ? ", " : "") + seen[i].second;
  miss.closeness = 50;
  miss.reason = "looks like a syslog file, but no line " + std::string(where) +
                " is from Postfix, Sendmail or Exim (programs seen: " + names + ")";
  miss.read_further = true;
  return miss;
}

}  // namespace mailflow
