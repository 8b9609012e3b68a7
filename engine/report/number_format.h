// How the report writes numbers for people, shared by the insights' sentences, the shell's tables
// and the web app, so a figure reads the same everywhere. Independent of the C locale on purpose:
// the language is a parameter (English 1,234 / 84.7% / 2026-11-24, German 1.234 / 84,7 % /
// 24.11.2026). CSV and JSON never use these: they stay machine-readable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/day.h"
#include "text/language.h"

namespace mailflow {

// 0.3126 -> "31.3%" (with `decimals` = 1); nullopt -> "-".
std::string format_percent(std::optional<double> share, int decimals = 1);
// A threshold as its title says it: 0.25 -> "25%", 0.125 -> "12.5%" (no trailing zeros).
std::string format_threshold(double share);
// 1234567 -> "1,234,567".
std::string format_count(uint64_t count);

// The same in `language`: German groups thousands with "." and writes "84,7 %" and "25 %".
std::string format_percent(std::optional<double> share, int decimals, Language language);
std::string format_threshold(double share, Language language);
std::string format_count(uint64_t count, Language language);
// A number with `decimals` places: 1.5 -> "1.5" / "1,5".
std::string format_decimal(double value, int decimals, Language language);
// A day for reading: "2026-11-24" / "24.11.2026".
std::string format_day(Day day, Language language);
// "1 day" / "2 days": the count in `language` and the form of the noun that goes with it.
std::string format_plural(uint64_t count, std::string_view one, std::string_view many, Language language);

}  // namespace mailflow
