// The value parsers every reader relies on: timestamps, TLS spellings, directions, numbers.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "model/direction.h"
#include "model/timestamp.h"
#include "model/tls_version.h"
#include "util/text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  mailflow::TimestampParser parser(size % 2 ? 120 : -300);
  if (auto t = parser.parse(text)) {
    for (auto order : {mailflow::DateOrder::DayFirst, mailflow::DateOrder::MonthFirst})
      if (auto day = t->day(order)) (void)mailflow::format_day(*day);
  }
  if (auto v = mailflow::parse_tls_version(text)) {
    if (mailflow::tls_from_key(mailflow::tls_key(*v)) != v) std::abort();
  }
  (void)mailflow::parse_direction(text);
  (void)mailflow::parse_u64(text);
  (void)mailflow::parse_decimal(text);
  (void)mailflow::parse_utc_offset(text);
  (void)mailflow::parse_day(text);
  return 0;
}
