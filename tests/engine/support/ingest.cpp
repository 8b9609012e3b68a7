#include "support/ingest.h"

#include <fstream>
#include <memory>
#include <random>
#include <sstream>

namespace mailflow::test {

std::unique_ptr<Session> ingest(const std::vector<std::pair<std::string, std::string>>& files, Cutting cutting,
                                SessionOptions options) {
  auto session = std::make_unique<Session>(options);
  std::mt19937 random(cutting.seed);
  for (const auto& [name, bytes] : files) {
    const auto id = session->add_source(name);
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t n = bytes.size() - pos;
      if (cutting.seed) n = std::min(n, size_t{1} + random() % (cutting.fixed ? cutting.fixed : 64));
      else if (cutting.fixed) n = std::min(n, cutting.fixed);
      session->feed(id, data + pos, n);
      pos += n;
    }
    session->finish(id);
  }
  return session;
}

std::string ingest_json(std::string_view bytes, Cutting cutting, SessionOptions options) {
  auto session = ingest({{"input", std::string(bytes)}}, cutting, options);
  return aggregate_to_json(session->aggregate());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string to_utf16le(std::string_view utf8, bool bom) {
  std::string out;
  if (bom) out += "\xFF\xFE";
  for (size_t i = 0; i < utf8.size();) {
    uint32_t cp = static_cast<unsigned char>(utf8[i]);
    size_t len = 1;
    if (cp >= 0xF0) cp &= 0x07, len = 4;
    else if (cp >= 0xE0) cp &= 0x0F, len = 3;
    else if (cp >= 0xC0) cp &= 0x1F, len = 2;
    for (size_t k = 1; k < len && i + k < utf8.size(); ++k) cp = cp << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    auto put = [&](uint32_t u) {
      out.push_back(static_cast<char>(u & 0xFF));
      out.push_back(static_cast<char>(u >> 8));
    };
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put(0xD800 + (cp >> 10));
      put(0xDC00 + (cp & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

}  // namespace mailflow::test
