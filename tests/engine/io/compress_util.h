// Builders of compressed test data. Stored deflate blocks, gzip framing and zip archives are made
// here by hand, so that every header field can be chosen (and got wrong on purpose); compressed
// deflate data comes from zlib, which both builds link (real files made by gzip, zip, 7z and
// bsdtar are in data/, see data/README.md).
#pragma once

#include <zlib.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "io/byte_sink.h"

namespace mailflow::test {

inline uint32_t crc_of(const std::string& s) {
  return static_cast<uint32_t>(crc32_z(0, reinterpret_cast<const Bytef*>(s.data()), s.size()));
}
inline void put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}

// Raw deflate of `data` as stored blocks of at most `block` bytes.
inline std::string stored_deflate(const std::string& data, size_t block = 65535) {
  std::string out;
  size_t pos = 0;
  do {
    const size_t n = std::min(block, data.size() - pos);
    const bool last = pos + n == data.size();
    out += static_cast<char>(last ? 1 : 0);
    put16(out, static_cast<uint32_t>(n));
    put16(out, static_cast<uint32_t>(~n & 0xFFFF));
    out.append(data, pos, n);
    pos += n;
  } while (pos < data.size());
  return out;
}

// Raw deflate of 1 + 258 * matches zero bytes, by hand: one fixed-Huffman block of a literal 0 and
// length-258 distance-1 matches (13 bits each), which expands about 160-fold.
inline std::string fixed_zeros_deflate(size_t matches) {
  std::string out;
  uint32_t acc = 0;
  int n = 0;
  auto bits = [&](uint32_t value, int count) {  // LSB first
    for (int i = 0; i < count; ++i) {
      acc |= ((value >> i) & 1u) << n;
      if (++n == 8) out += static_cast<char>(acc), acc = 0, n = 0;
    }
  };
  auto code = [&](uint32_t value, int count) {  // Huffman codes go MSB first
    for (int i = count - 1; i >= 0; --i) bits((value >> i) & 1u, 1);
  };
  bits(1, 1), bits(1, 2);  // BFINAL, BTYPE 01
  code(0x30, 8);           // literal 0
  for (size_t i = 0; i < matches; ++i) code(0xC5, 8), code(0, 5);  // length 258, distance 1
  code(0, 7);  // end of block
  if (n) out += static_cast<char>(acc);
  return out;
}

// Raw deflate by zlib (level 0-9, a zlib strategy).
inline std::string zlib_deflate(const std::string& data, int level = 6, int strategy = Z_DEFAULT_STRATEGY) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, -15, 8, strategy);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct GzipOptions {
  std::string name, comment, extra;
  bool header_crc = false;
};
// One gzip member around `deflated` (the raw deflate of `data`).
inline std::string gzip_member(const std::string& data, const std::string& deflated, const GzipOptions& o = {}) {
  std::string h = "\x1f\x8b\x08";
  uint8_t flags = 0;
  if (o.header_crc) flags |= 2;
  if (!o.extra.empty()) flags |= 4;
  if (!o.name.empty()) flags |= 8;
  if (!o.comment.empty()) flags |= 16;
  h += static_cast<char>(flags);
  put32(h, 0);  // mtime
  h += '\0';
  h += '\x03';  // OS: Unix
  if (!o.extra.empty()) put16(h, static_cast<uint32_t>(o.extra.size())), h += o.extra;
  if (!o.name.empty()) h += o.name + '\0';
  if (!o.comment.empty()) h += o.comment + '\0';
  if (o.header_crc) put16(h, crc_of(h) & 0xFFFF);
  std::string out = h + deflated;
  put32(out, crc_of(data));
  put32(out, static_cast<uint32_t>(data.size()));
  return out;
}
inline std::string gzip(const std::string& data, const GzipOptions& o = {}) { return gzip_member(data, zlib_deflate(data), o); }

struct ZipEntry {
  std::string name;
  std::string data;
  uint16_t method = 8;          // 0 stored, 8 deflate, others written stored but labelled
  bool descriptor = false;      // sizes and CRC in a data descriptor after the data
  bool descriptor_signature = true;
  bool zip64 = false;           // sizes in a Zip64 extra field
  uint16_t flags = 0;
};
// A zip archive written front to back as streaming zip writers do, with a central directory.
inline std::string zip_archive(const std::vector<ZipEntry>& entries) {
  std::string out, central;
  uint16_t count = 0;
  for (const ZipEntry& e : entries) {
    const std::string body = e.method == 8 ? zlib_deflate(e.data) : e.data;
    const uint32_t crc = crc_of(e.data);
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint16_t flags = static_cast<uint16_t>(e.flags | (e.descriptor ? 8 : 0) | 0x800);
    std::string extra;
    if (e.zip64) {
      put16(extra, 1);
      put16(extra, 16);
      put32(extra, static_cast<uint32_t>(e.data.size())), put32(extra, 0);
      put32(extra, static_cast<uint32_t>(body.size())), put32(extra, 0);
    }
    out += "PK\x03\x04";
    put16(out, 45);
    put16(out, flags);
    put16(out, e.method);
    put32(out, 0);  // time, date
    put32(out, e.descriptor ? 0 : crc);
    put32(out, e.descriptor ? 0 : e.zip64 ? 0xFFFFFFFF : static_cast<uint32_t>(body.size()));
    put32(out, e.descriptor ? 0 : e.zip64 ? 0xFFFFFFFF : static_cast<uint32_t>(e.data.size()));
    put16(out, static_cast<uint32_t>(e.name.size()));
    put16(out, static_cast<uint32_t>(extra.size()));
    out += e.name + extra + body;
    if (e.descriptor) {
      if (e.descriptor_signature) out += "PK\x07\x08";
      put32(out, crc);
      put32(out, static_cast<uint32_t>(body.size()));
      if (e.zip64) put32(out, 0);
      put32(out, static_cast<uint32_t>(e.data.size()));
      if (e.zip64) put32(out, 0);
    }
    central += "PK\x01\x02";
    put16(central, 45), put16(central, 45), put16(central, flags), put16(central, e.method);
    put32(central, 0), put32(central, crc);
    put32(central, static_cast<uint32_t>(body.size())), put32(central, static_cast<uint32_t>(e.data.size()));
    put16(central, static_cast<uint32_t>(e.name.size())), put16(central, 0), put16(central, 0);
    put16(central, 0), put16(central, 0), put32(central, 0), put32(central, offset);
    central += e.name;
    ++count;
  }
  const uint32_t central_offset = static_cast<uint32_t>(out.size());
  out += central;
  out += "PK\x05\x06";
  put16(out, 0), put16(out, 0), put16(out, count), put16(out, count);
  put32(out, static_cast<uint32_t>(central.size())), put32(out, central_offset), put16(out, 0);
  return out;
}

// Log-like text: repetitive enough to compress as real logs do, varied enough to use every code.
inline std::string log_text(size_t bytes, uint32_t seed = 1) {
  std::mt19937 random(seed);
  static const char* const hosts[] = {"mail.fabrikam.com", "mx.adatum.com", "smtp.wingtiptoys.com", "mx1.contoso.com"};
  static const char* const tls[] = {"1.2", "1.3", "none", "1.0"};
  std::string out = "timestamp,direction,connector,tls_version,bytes,message_id,remote_host\n";
  while (out.size() < bytes) {
    const uint32_t r = random();
    out += "2026-11-" + std::to_string(10 + r % 19) + "T" + std::to_string(10 + r % 13) + ":" +
           std::to_string(10 + (r >> 8) % 49) + ":" + std::to_string(10 + (r >> 16) % 49) + "Z," +
           ((r & 1) ? "inbound" : "outbound") + ",Connector " + std::to_string((r >> 4) % 5) + "," + tls[(r >> 6) % 4] +
           "," + std::to_string(r % 900000) + ",<" + std::to_string(random()) + "@" + hosts[(r >> 10) % 4] + ">," +
           hosts[(r >> 12) % 4] + "\n";
  }
  out.resize(bytes);
  return out;
}

// Collects what a decompressor writes.
struct StringSink final : ByteSink {
  std::string data;
  bool write(const uint8_t* p, size_t n) override {
    data.append(reinterpret_cast<const char*>(p), n);
    return true;
  }
};

}  // namespace mailflow::test
