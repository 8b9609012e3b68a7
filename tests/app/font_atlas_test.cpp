// The font atlas the page's build makes ahead: read back, it must be the atlas the dashboard would
// have built itself, to the pixel and the glyph; made for other fonts, or damaged, it must be
// refused and leave the atlas to be built as before.
#include "app/font_atlas.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <string>

#include "imgui.h"

namespace {

std::string ui_font() {
  std::ifstream in(MAILFLOW_UI_FONT, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::unique_ptr<ImFontAtlas> atlas_with_fonts(const std::string& ttf, float scale) {
  auto atlas = std::make_unique<ImFontAtlas>();
  mfapp::add_ui_fonts(*atlas, ttf, scale);
  return atlas;
}

std::unique_ptr<ImFontAtlas> built_atlas(const std::string& ttf, float scale) {
  auto atlas = atlas_with_fonts(ttf, scale);
  EXPECT_TRUE(atlas->Build());
  return atlas;
}

uint64_t bits_of(float value) {  // as the image keeps a float (no std::bit_cast in emscripten 3.1.6)
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

template <typename T>
bool same_items(const ImVector<T>& a, const ImVector<T>& b) {
  return a.Size == b.Size && (a.Size == 0 || std::memcmp(a.Data, b.Data, sizeof(T) * static_cast<size_t>(a.Size)) == 0);
}

void expect_same_atlas(const ImFontAtlas& expected, const ImFontAtlas& actual) {
  ASSERT_EQ(expected.TexWidth, actual.TexWidth);
  ASSERT_EQ(expected.TexHeight, actual.TexHeight);
  ASSERT_NE(actual.TexPixelsAlpha8, nullptr);
  EXPECT_EQ(std::memcmp(expected.TexPixelsAlpha8, actual.TexPixelsAlpha8,
                        static_cast<size_t>(expected.TexWidth) * static_cast<size_t>(expected.TexHeight)),
            0)
      << "the texture's pixels differ";
  EXPECT_EQ(expected.TexUvScale.x, actual.TexUvScale.x);
  EXPECT_EQ(expected.TexUvScale.y, actual.TexUvScale.y);
  EXPECT_EQ(expected.TexUvWhitePixel.x, actual.TexUvWhitePixel.x);
  EXPECT_EQ(expected.TexUvWhitePixel.y, actual.TexUvWhitePixel.y);
  EXPECT_EQ(std::memcmp(expected.TexUvLines, actual.TexUvLines, sizeof expected.TexUvLines), 0) << "the lines' UVs differ";
  EXPECT_TRUE(actual.TexReady);
  ASSERT_EQ(expected.CustomRects.Size, actual.CustomRects.Size);
  for (int i = 0; i < expected.CustomRects.Size; ++i) {
    EXPECT_EQ(expected.CustomRects[i].X, actual.CustomRects[i].X) << "rectangle " << i;
    EXPECT_EQ(expected.CustomRects[i].Y, actual.CustomRects[i].Y) << "rectangle " << i;
  }
  ASSERT_EQ(expected.Fonts.Size, actual.Fonts.Size);
  for (int i = 0; i < expected.Fonts.Size; ++i) {
    const ImFont& e = *expected.Fonts[i];
    const ImFont& a = *actual.Fonts[i];
    SCOPED_TRACE("font " + std::to_string(i));
    EXPECT_EQ(e.FontSize, a.FontSize);
    EXPECT_EQ(e.Ascent, a.Ascent);
    EXPECT_EQ(e.Descent, a.Descent);
    EXPECT_EQ(e.FallbackChar, a.FallbackChar);
    EXPECT_EQ(e.EllipsisChar, a.EllipsisChar);
    EXPECT_EQ(e.DotChar, a.DotChar);
    EXPECT_EQ(e.FallbackAdvanceX, a.FallbackAdvanceX);
    EXPECT_EQ(e.MetricsTotalSurface, a.MetricsTotalSurface);
    EXPECT_EQ(e.ContainerAtlas == &expected, a.ContainerAtlas == &actual);
    EXPECT_TRUE(same_items(e.Glyphs, a.Glyphs)) << e.Glyphs.Size << " glyphs against " << a.Glyphs.Size;
    EXPECT_TRUE(same_items(e.IndexAdvanceX, a.IndexAdvanceX));
    EXPECT_TRUE(same_items(e.IndexLookup, a.IndexLookup));
  }
}

TEST(FontAtlas, ImageGivesTheAtlasTheDashboardWouldBuild) {
  const std::string ttf = ui_font();
  ASSERT_GT(ttf.size(), 10000u) << MAILFLOW_UI_FONT;
  for (float scale : {1.0f, 1.25f, 1.5f, 2.0f}) {
    SCOPED_TRACE("scale " + std::to_string(scale));
    const auto built = built_atlas(ttf, scale);
    ASSERT_GT(built->Fonts[0]->Glyphs.Size, 200);  // Latin-1 and the UI's symbols
    auto read = atlas_with_fonts(ttf, scale);
    ASSERT_TRUE(mfapp::build_font_atlas_from_image(*read, mfapp::save_font_atlas(*built)));
    expect_same_atlas(*built, *read);
  }
}

TEST(FontAtlas, ImageOfImGuisBuiltInFontToo) {
  const auto built = built_atlas("", 1.0f);
  auto read = atlas_with_fonts("", 1.0f);
  ASSERT_TRUE(mfapp::build_font_atlas_from_image(*read, mfapp::save_font_atlas(*built)));
  expect_same_atlas(*built, *read);
}

// Refused, the atlas is as it was: fonts added, nothing built, and it builds as before.
void expect_refused_and_untouched(const std::string& ttf, float scale, const std::string& image) {
  auto atlas = atlas_with_fonts(ttf, scale);
  EXPECT_FALSE(mfapp::build_font_atlas_from_image(*atlas, image));
  EXPECT_EQ(atlas->TexPixelsAlpha8, nullptr);
  EXPECT_EQ(atlas->CustomRects.Size, 0);
  EXPECT_EQ(atlas->Fonts.Size, 2);
  EXPECT_FALSE(atlas->Fonts[0]->IsLoaded());
  ASSERT_TRUE(atlas->Build());
  expect_same_atlas(*built_atlas(ttf, scale), *atlas);
}

TEST(FontAtlas, ImageMadeForOtherSizesOrOtherFontBytesIsRefused) {
  const std::string ttf = ui_font();
  const std::string image = mfapp::save_font_atlas(*built_atlas(ttf, 1.0f));
  expect_refused_and_untouched(ttf, 2.0f, image);
  expect_refused_and_untouched(ttf, 1.1f, image);  // 16 and 30 pixels, not 15 and 28
  std::string other = ttf;
  other[other.size() / 2] = static_cast<char>(other[other.size() / 2] ^ 1);
  expect_refused_and_untouched(other, 1.0f, image);
  expect_refused_and_untouched("", 1.0f, image);
  expect_refused_and_untouched(ttf, 1.0f, "");
}

TEST(FontAtlas, ImageCutShortOrDamagedIsRefused) {
  const std::string ttf = ui_font();
  const std::string image = mfapp::save_font_atlas(*built_atlas(ttf, 1.0f));
  for (size_t size = 0; size < image.size(); size += size < 200 ? 1 : 4999) {
    SCOPED_TRACE("cut to " + std::to_string(size) + " bytes");
    auto atlas = atlas_with_fonts(ttf, 1.0f);
    EXPECT_FALSE(mfapp::build_font_atlas_from_image(*atlas, std::string_view(image).substr(0, size)));
    EXPECT_EQ(atlas->TexPixelsAlpha8, nullptr);
  }
  expect_refused_and_untouched(ttf, 1.0f, image.substr(0, image.size() - 1));
  expect_refused_and_untouched(ttf, 1.0f, image + '\0');
  std::string other_magic = image;
  other_magic[8] = static_cast<char>(other_magic[8] ^ 1);
  expect_refused_and_untouched(ttf, 1.0f, other_magic);
  // The image's numbers are 8 bytes each (util/state_bytes.h), after its magic text (8 bytes of
  // length, then the text): the recipe, the texture's width and height, the rectangles' count and
  // positions, the fonts' count, then the first font's ascent.
  uint64_t magic_size = 0, rect_count = 0;
  std::memcpy(&magic_size, image.data(), 8);
  const size_t rects_at = 8 + static_cast<size_t>(magic_size) + 8 * 4;
  std::memcpy(&rect_count, image.data() + rects_at - 8, 8);
  ASSERT_EQ(rect_count, 2u);  // ImGui's cursors and lines
  const size_t ascent_at = rects_at + 2 * 8 * static_cast<size_t>(rect_count) + 8;
  uint64_t ascent_bits = 0;
  std::memcpy(&ascent_bits, image.data() + ascent_at, 8);
  ASSERT_EQ(ascent_bits, bits_of(built_atlas(ttf, 1.0f)->Fonts[0]->Ascent));
  std::string not_a_number = image;
  const uint64_t nan_bits = bits_of(std::numeric_limits<float>::quiet_NaN());
  std::memcpy(not_a_number.data() + ascent_at, &nan_bits, 8);
  expect_refused_and_untouched(ttf, 1.0f, not_a_number);
  // ImGui's cursor rectangle placed past the texture's edge: ImGui would draw the cursors outside
  // the texture's memory.
  std::string out_of_texture = image;
  const uint64_t far_right = 0xFFF0;
  std::memcpy(out_of_texture.data() + rects_at, &far_right, 8);
  auto atlas = atlas_with_fonts(ttf, 1.0f);
  EXPECT_FALSE(mfapp::build_font_atlas_from_image(*atlas, out_of_texture));
  EXPECT_EQ(atlas->TexPixelsAlpha8, nullptr);
  ASSERT_TRUE(atlas->Build());
  expect_same_atlas(*built_atlas(ttf, 1.0f), *atlas);
}

}  // namespace
