// Turns percentages into whole message counts that add up exactly to the total (largest-remainder
// method, Hamilton): each share gets the floor of its exact part, and the messages left over go one
// by one to the largest fractional parts, ties to the earlier column. Percentages that add up to
// 99.9 or 100.1 after rounding in the report are scaled by their own sum first.
#pragma once

#include <cstdint>
#include <span>

namespace mailflow {

// `shares` (percentages, any scale, none negative) -> `counts` (same size) adding up to `total`.
// All-zero shares give all-zero counts.
void apportion(std::span<const double> shares, uint64_t total, std::span<uint64_t> counts);

}  // namespace mailflow
