// How the report writes numbers for people, shared by the insights' sentences, the shell's tables
// and the web app, so a figure reads the same everywhere. Locale-independent on purpose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mailflow {

// 0.3126 -> "31.3%" (with `decimals` = 1); nullopt -> "-".
std::string format_percent(std::optional<double> share, int decimals = 1);
// A threshold as its title says it: 0.25 -> "25%", 0.125 -> "12.5%" (no trailing zeros).
std::string format_threshold(double share);
// 1234567 -> "1,234,567".
std::string format_count(uint64_t count);

}  // namespace mailflow
