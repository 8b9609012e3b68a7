// Sniffing the logs of mail programs (Postfix, Sendmail, Exim): they are often mixed with other
// programs' lines, or start with hundreds of kilobytes of connection noise, so a sniffer looks at
// every complete line of its window, not at the first few.
#pragma once

#include <string_view>

#include "formats/format_reader.h"
#include "formats/syslog_common/syslog_line.h"
#include "formats/text_lines/window_lines.h"

namespace mailflow {

// The score of a mail program's log in which `ours` of `lines` lines are the program's: `mostly`
// when they are at least half, `some` when a mixed syslog file (mail.log with dovecot, opendkim,
// amavis) holds a few, 0 without any.
int program_share_score(int ours, int lines, int mostly, int some);

// Counts the window's syslog lines whose program `is_ours` accepts; `lines` gets every line.
template <typename IsOurs>
int count_program_lines(std::string_view window, IsOurs is_ours, int& lines) {
  TimestampParser parser;
  int ours = 0;
  lines = 0;
  for_each_window_line(window, [&](std::string_view text) {
    ++lines;
    const auto line = parse_syslog_line(text, parser);
    if (line && is_ours(*line)) ++ours;
  });
  return ours;
}

// A syslog file without any line of a mail program mailflow reads: names the programs it holds
// and asks for more of the file (the mail program's lines may come later).
NearMiss near_miss_syslog(std::string_view window, std::string_view where);

}  // namespace mailflow
