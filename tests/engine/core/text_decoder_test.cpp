#include "io/text_decoder.h"

#include <gtest/gtest.h>

#include "support/ingest.h"
#include "util/utf16_ascii.h"

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

// The bulk ASCII narrowing of UTF-16 (util/utf16_ascii.h): SIMD and SWAR against a plain loop,
// and the decoder's output with non-ASCII and invalid units at every offset and every cut.
std::string to_utf16be(std::string_view utf8) {
  std::string bytes = test::to_utf16le(utf8, false);
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) std::swap(bytes[i], bytes[i + 1]);
  return "\xFE\xFF" + bytes;
}

TEST(Utf16Ascii, SimdAndSwarStopBeforeTheFirstNonAsciiUnit) {
  const uint16_t non_ascii[] = {0x0080, 0x00FF, 0x0141, 0x8000, 0x8041, 0xD83D, 0xFF80, 0xFFFF};
  for (bool little : {true, false}) {
    for (uint16_t odd : non_ascii) {
      for (size_t at = 0; at <= 48; ++at) {
        std::u16string units(48, u' ');
        for (size_t i = 0; i < units.size(); ++i) units[i] = static_cast<char16_t>('!' + i % 90);
        if (at < units.size()) units[at] = odd;
        std::string bytes;
        for (char16_t u : units) {
          const char low = static_cast<char>(u & 0xFF), high = static_cast<char>(u >> 8);
          bytes += little ? low : high;
          bytes += little ? high : low;
        }
        for (auto narrow : {narrow_ascii_utf16, narrow_ascii_utf16_swar}) {
          std::string out(units.size(), '\0');
          const size_t done =
              narrow(reinterpret_cast<const uint8_t*>(bytes.data()), units.size(), little, out.data());
          ASSERT_LE(done, at) << "little=" << little << " unit=" << odd;
          ASSERT_GE(done + 3, std::min(at, units.size()));  // stops at most a few units early
          for (size_t i = 0; i < done; ++i) ASSERT_EQ(out[i], static_cast<char>(units[i]));
        }
      }
    }
  }
}

TEST(TextDecoderBulk, NonAsciiAtEveryOffsetWhateverTheCuts) {
  for (std::string special : {"ü", "😀", "Ł", "耀", "\x7F", "ÿ", "\xEF\xBF\xBD"}) {
    for (size_t offset = 0; offset < 40; ++offset) {
      const std::string text =
          std::string(offset, 'a') + special + std::string(offset % 5 + 20, 'b') + special + "\r\n";
      for (const std::string& bytes : {test::to_utf16le(text, true), test::to_utf16le(text, false), to_utf16be(text)}) {
        for (size_t chunk : {1, 3, 16, 17, 33, 4096}) {
          TextDecoder decoder;
          ASSERT_EQ(decode(bytes, chunk, &decoder), text) << "offset " << offset << " chunk " << chunk;
          ASSERT_EQ(decoder.invalid_units(), 0u);
        }
      }
    }
  }
}

TEST(TextDecoderBulk, LoneSurrogatesAtEveryOffset) {
  const std::string replacement = "\xEF\xBF\xBD";
  for (size_t offset = 0; offset < 40; ++offset) {
    std::string bytes = test::to_utf16le(std::string(offset, 'a'), true);
    bytes += std::string("\x3D\xD8", 2);  // a high surrogate followed by ASCII
    bytes += test::to_utf16le(std::string(20, 'b'), false);
    bytes += std::string("\x00\xDC", 2);  // a low surrogate alone
    bytes += test::to_utf16le("c", false);
    const std::string expected = std::string(offset, 'a') + replacement + std::string(20, 'b') + replacement + "c";
    for (size_t chunk : {1, 2, 5, 16, 4096}) {
      TextDecoder decoder;
      ASSERT_EQ(decode(bytes, chunk, &decoder), expected) << "offset " << offset << " chunk " << chunk;
      ASSERT_EQ(decoder.invalid_units(), 2u);
    }
  }
}

TEST(TextDecoderBulk, LongAsciiRunsAcrossTheBulkBuffer) {
  std::string text;
  for (int i = 0; text.size() < 20000; ++i) text += "\"2026-11-20T08:15:02Z\",\"line " + std::to_string(i) + "\"\r\n";
  text += "é";
  for (size_t chunk : {4095, 4096, 8193, 100000}) EXPECT_EQ(decode(test::to_utf16le(text, true), chunk), text);
}

// Text of nothing but letters of two, three and four bytes in UTF-8 (one UTF-16 unit becomes up to
// three bytes): the output outgrows any room sized for ASCII, in chunks of every size.
TEST(TextDecoderBulk, TextWithoutAsciiWhateverTheCuts) {
  std::string text;
  for (int i = 0; text.size() < 30000; ++i) text += i % 7 == 0 ? "😀" : i % 3 == 0 ? "€" : "ü";
  text += "\r\n";
  for (const std::string& bytes : {test::to_utf16le(text, true), to_utf16be(text)})
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{4096}, size_t{65537}, bytes.size()}) EXPECT_EQ(decode(bytes, chunk), text) << "chunk " << chunk;
}

}  // namespace
}  // namespace mailflow
