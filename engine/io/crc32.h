// CRC-32 as gzip (RFC 1952) and zip (APPNOTE 4.4.7) use it: polynomial 0xEDB88320 (reflected),
// initial value and final XOR 0xFFFFFFFF. Slicing-by-8 tables, so checking a decompressed stream
// costs little next to inflating it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace mailflow {

// Continues `crc` (0 for a new stream) over `size` bytes.
uint32_t crc32_update(uint32_t crc, const uint8_t* data, size_t size);

}  // namespace mailflow
