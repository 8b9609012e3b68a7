// Numbers as the EAC report export may write them: counts ("1234", "1,234", "1.234", "1 234") and
// percentages ("12.5%", "12,5 %", "12.5"). The export's number format is UNCONFIRMED (FORMATS §0),
// so both culture conventions are read.
#pragma once

#include <optional>
#include <string_view>

namespace mailflow {

struct ReportNumber {
  double value = 0;
  bool percent = false;  // the text carried a '%'
};

// Empty text reads as 0. A single ',' or '.' followed by exactly three digits is a thousands
// separator unless the value is a percentage; when both appear, the last one is the decimal mark.
std::optional<ReportNumber> parse_report_number(std::string_view text);

}  // namespace mailflow
