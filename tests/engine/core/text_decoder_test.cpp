#include "io/text_decoder.h"

#include <gtest/gtest.h>

#include "support/ingest.h"

namespace mailflow {
namespace {

std::string decode(std::string_view bytes, size_t chunk, TextDecoder* out_decoder = nullptr) {
  TextDecoder decoder;
  std::string text;
  for (size_t pos = 0; pos < bytes.size(); pos += chunk)
    decoder.decode(reinterpret_cast<const uint8_t*>(bytes.data()) + pos, std::min(chunk, bytes.size() - pos), text);
  decoder.finish(text);
  if (out_decoder) *out_decoder = decoder;
  return text;
}

const std::string kText = "\"date_time_utc\",\"subject\"\r\n\"2026-11-20T08:15:02Z\",\"Grüße, 😀 from Zürich\"\r\n";

TEST(TextDecoder, Utf8WithAndWithoutBom) {
  for (size_t chunk : {1, 2, 3, 7, 4096}) {
    EXPECT_EQ(decode(kText, chunk), kText);
    EXPECT_EQ(decode("\xEF\xBB\xBF" + kText, chunk), kText);
  }
}

TEST(TextDecoder, Utf16LeWithAndWithoutBomWhateverTheCuts) {
  for (bool bom : {true, false}) {
    const std::string bytes = test::to_utf16le(kText, bom);
    for (size_t chunk : {1, 2, 3, 5, 255, 256, 257, 100000}) {
      TextDecoder decoder;
      EXPECT_EQ(decode(bytes, chunk, &decoder), kText) << "bom=" << bom << " chunk=" << chunk;
      EXPECT_EQ(decoder.encoding(), TextDecoder::Encoding::Utf16Le);
      EXPECT_EQ(decoder.had_bom(), bom);
    }
  }
}

TEST(TextDecoder, ShortUtf16FileWithoutBom) {
  EXPECT_EQ(decode(test::to_utf16le("a,b\n", false), 1), "a,b\n");
}

TEST(TextDecoder, InvalidUtf16BecomesReplacementCharacters) {
  std::string bytes = test::to_utf16le("ab", true);
  bytes += std::string("\x00\xD8", 2);  // a lone high surrogate
  bytes += std::string("c\x00", 2);
  bytes += "\x41";                        // an odd byte at the end
  TextDecoder decoder;
  EXPECT_EQ(decode(bytes, 1, &decoder), "ab\xEF\xBF\xBD" "c\xEF\xBF\xBD");
  EXPECT_EQ(decoder.invalid_units(), 2u);
}

}  // namespace
}  // namespace mailflow
