// The benchmarks' input: a ~50 MB mailflow CSV with a unique message id per row, generated in memory
// by a fixed generator (the same bytes on every platform, natively and in wasm), and its gzip.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace mailflow::bench {

inline constexpr size_t kTargetBytes = 50u << 20;

// A small deterministic generator (no std::random so the bytes are the same on every platform).
struct Lcg {
  uint64_t state = 0x9E3779B97F4A7C15ull;
  uint32_t next() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  }
  uint32_t below(uint32_t n) { return next() % n; }
};

inline const std::string& mailflow_csv() {
  static const std::string text = [] {
    const char* connectors[] = {"Gateway inbound", "Scanner relay", "", "Partner \"Fabrikam\", forced TLS"};
    const char* tls[] = {"TLSv1.2", "TLSv1.3", "TLSv1.3", "TLSv1.2", "TLSv1", "TLSv1.1", "none", ""};
    const char* hosts[] = {"mx.fabrikam.com", "mail.adatum.com", "o1.relecloud.com", "mx1.woodgrovebank.com",
                           "mfp-b12.mfg.contoso.com", "smtp.fourthcoffee.com", "mx.northwindtraders.com"};
    Lcg random;
    std::string out = "timestamp,direction,connector,tls_version,bytes,message_id,sender,recipient,remote_host,status\n";
    out.reserve(kTargetBytes + 512);
    char line[512];
    for (uint64_t n = 0; out.size() < kTargetBytes; ++n) {
      const uint32_t day = 1 + random.below(28), hour = random.below(24), minute = random.below(60),
                     second = random.below(60);
      const bool inbound = random.below(3) != 0;
      const char* connector = connectors[random.below(4)];
      const bool quote = std::strchr(connector, '"') != nullptr;
      std::string connector_cell = connector;
      if (quote) {
        connector_cell.clear();
        for (const char* c = connector; *c != 0; ++c) connector_cell += *c == '"' ? "\"\"" : std::string(1, *c);
        connector_cell = "\"" + connector_cell + "\"";
      }
      const int length = std::snprintf(
          line, sizeof line,
          "2026-11-%02uT%02u:%02u:%02uZ,%s,%s,%s,%u,<%016llx@contoso.com>,user%u@contoso.com,"
          "someone%u@%s,%s,delivered\n",
          day, hour, minute, second, inbound ? "inbound" : "outbound", connector_cell.c_str(),
          tls[random.below(8)], 2000 + random.below(200000), static_cast<unsigned long long>(n),
          random.below(5000), random.below(5000), hosts[random.below(7)], hosts[random.below(7)]);
      out.append(line, static_cast<size_t>(length));
    }
    return out;
  }();
  return text;
}

// The CSV gzip'd by zlib at level 6, gzip's default (the benchmarks' gzip file).
inline const std::string& mailflow_csv_gz() {
  static const std::string gz = [] {
    const std::string& text = mailflow_csv();
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // 15 + 16: the gzip wrapper
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
  }();
  return gz;
}

}  // namespace mailflow::bench
