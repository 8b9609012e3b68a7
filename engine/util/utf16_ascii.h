// The bulk of a UTF-16 log is ASCII: these narrow runs of ASCII code units to one byte each, many
// units at a time (SSE2 natively, Wasm SIMD with -msimd128, SWAR otherwise; the SWAR version is
// kept in every build so tests can compare the two).
#pragma once

#include <cstddef>
#include <cstdint>

namespace mailflow {

// Converts the leading ASCII units of `units` code units of UTF-16 (little- or big-endian) at
// `in` to bytes at `out` (room for `units` bytes); returns how many it converted. It stops at or a
// few units before the first non-ASCII unit: the caller decodes from there one unit at a time.
size_t narrow_ascii_utf16(const uint8_t* in, size_t units, bool little_endian, char* out);
size_t narrow_ascii_utf16_swar(const uint8_t* in, size_t units, bool little_endian, char* out);

}  // namespace mailflow
