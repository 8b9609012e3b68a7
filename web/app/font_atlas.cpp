#include "app/font_atlas.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"
#include "util/hash.h"
#include "util/state_bytes.h"

namespace mfapp {
namespace {

constexpr std::string_view kMagic = "mailflow font atlas 1";

// Floats travel as their bits, in the numbers of util/state_bytes.h (no std::bit_cast in
// emscripten 3.1.6's libc++).
uint64_t float_bits(float value) {
  uint32_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}
bool read_float(mailflow::StateReader& in, float& value) {
  uint32_t bits = 0;
  if (!in.number_as(bits)) return false;
  std::memcpy(&value, &bits, sizeof value);
  return std::isfinite(value);
}

// What decides the atlas's every pixel and glyph: the font bytes and each font's settings, the
// atlas's own, and ImGui's version (its builder's code). Read at every start-up, so each font's
// bytes are hashed once (both sizes share them).
uint64_t recipe_of(const ImFontAtlas& atlas) {
  uint64_t hash = 0;
  auto mix = [&hash](const void* data, size_t size) {
    hash = mailflow::hash64(std::string_view(static_cast<const char*>(data), size), hash);
  };
  auto mix_value = [&mix](auto value) { mix(&value, sizeof value); };
  mix_value(IMGUI_VERSION_NUM);
  mix_value(atlas.Flags);
  mix_value(atlas.TexDesiredWidth);
  mix_value(atlas.TexGlyphPadding);
  mix_value(atlas.ConfigData.Size);
  const void* font_mixed = nullptr;
  for (const ImFontConfig& config : atlas.ConfigData) {
    mix_value(config.FontDataSize);
    if (config.FontData != font_mixed) mix(config.FontData, static_cast<size_t>(config.FontDataSize));
    font_mixed = config.FontData;
    for (auto value : {config.SizePixels, config.GlyphExtraSpacing.x, config.GlyphExtraSpacing.y, config.GlyphOffset.x,
                       config.GlyphOffset.y, config.GlyphMinAdvanceX, config.GlyphMaxAdvanceX,
                       config.RasterizerMultiply}) {
      mix_value(value);
    }
    for (auto value : {config.FontNo, config.OversampleH, config.OversampleV, int{config.PixelSnapH},
                       int{config.MergeMode}}) {
      mix_value(value);
    }
    for (const ImWchar* range = config.GlyphRanges; range && *range; ++range) mix_value(*range);
  }
  return hash;
}

struct SavedGlyph {
  uint32_t codepoint;
  float x0, y0, x1, y1, u0, v0, u1, v1, advance_x;
};
struct SavedFont {
  float ascent = 0, descent = 0;
  std::vector<SavedGlyph> glyphs;
};
struct SavedAtlas {
  int32_t width = 0, height = 0;
  std::vector<ImVec2> rect_positions;
  std::vector<SavedFont> fonts;
  std::string_view pixels;
};

// The glyph ImFont::BuildLookupTable adds for a tab (the space's, four times as wide): made again
// when the image is read, so not saved.
bool made_by_lookup_table(const ImFont& font, int index) {
  return index == font.Glyphs.Size - 1 && font.Glyphs[index].Codepoint == '\t';
}

// The whole image read and checked against `atlas` before anything of it is changed.
bool read_image(const ImFontAtlas& atlas, std::string_view image, SavedAtlas& saved) {
  mailflow::StateReader in(image);
  std::string_view magic;
  uint64_t recipe = 0;
  uint32_t rect_count = 0, font_count = 0;
  if (!in.text(magic) || magic != kMagic) return false;
  if (!in.number(recipe) || recipe != recipe_of(atlas)) return false;
  if (!in.number_as(saved.width) || !in.number_as(saved.height) || saved.width <= 0 || saved.height <= 0 ||
      saved.width > 8192 || saved.height > 32768) {
    return false;
  }
  // ImGui's own rectangles (registered by ImFontAtlasBuildInit) plus any the app added.
  const int rects_expected = atlas.CustomRects.Size + (atlas.PackIdMouseCursors < 0) + (atlas.PackIdLines < 0);
  if (!in.number_as(rect_count) || rect_count != static_cast<uint32_t>(rects_expected)) return false;
  for (uint32_t i = 0; i < rect_count; ++i) {
    uint16_t x = 0, y = 0;
    if (!in.number_as(x) || !in.number_as(y)) return false;
    saved.rect_positions.emplace_back(x, y);
  }
  if (!in.number_as(font_count) || font_count != static_cast<uint32_t>(atlas.ConfigData.Size)) return false;
  for (uint32_t f = 0; f < font_count; ++f) {
    SavedFont font;
    uint32_t glyph_count = 0;
    if (!read_float(in, font.ascent) || !read_float(in, font.descent) || !in.number_as(glyph_count) ||
        glyph_count > 0xFFFE) {
      return false;
    }
    font.glyphs.resize(glyph_count);
    for (SavedGlyph& glyph : font.glyphs) {
      if (!in.number_as(glyph.codepoint) || glyph.codepoint > IM_UNICODE_CODEPOINT_MAX) return false;
      for (float* value : {&glyph.x0, &glyph.y0, &glyph.x1, &glyph.y1, &glyph.u0, &glyph.v0, &glyph.u1, &glyph.v1,
                           &glyph.advance_x}) {
        if (!read_float(in, *value)) return false;
      }
    }
    saved.fonts.push_back(std::move(font));
  }
  return in.text(saved.pixels) &&
         saved.pixels.size() == static_cast<size_t>(saved.width) * static_cast<size_t>(saved.height) && in.at_end();
}

// ImFontBuilderIO takes the atlas alone: the image being read is passed beside it.
const SavedAtlas* g_reading = nullptr;

// What ImGui's stb_truetype builder does (imgui_draw.cpp, ImFontAtlasBuildWithStbTruetype), with
// the packing and the rasterising replaced by what the image says they gave.
bool build_from_saved(ImFontAtlas* atlas) {
  const SavedAtlas& saved = *g_reading;
  ImFontAtlasBuildInit(atlas);
  // ImGui draws its cursors and lines into these rectangles: each must lie in the texture.
  for (int i = 0; i < atlas->CustomRects.Size; ++i) {
    const ImFontAtlasCustomRect& rect = atlas->CustomRects[i];
    const ImVec2 at = saved.rect_positions[static_cast<size_t>(i)];
    if (at.x + rect.Width > static_cast<float>(saved.width) || at.y + rect.Height > static_cast<float>(saved.height)) {
      return false;
    }
  }
  atlas->TexID = ImTextureID{};
  atlas->TexWidth = saved.width;
  atlas->TexHeight = saved.height;
  atlas->TexUvScale = ImVec2(1.0f / static_cast<float>(saved.width), 1.0f / static_cast<float>(saved.height));
  atlas->TexUvWhitePixel = ImVec2(0.0f, 0.0f);
  atlas->ClearTexData();
  for (int i = 0; i < atlas->CustomRects.Size; ++i) {
    atlas->CustomRects[i].X = static_cast<unsigned short>(saved.rect_positions[static_cast<size_t>(i)].x);
    atlas->CustomRects[i].Y = static_cast<unsigned short>(saved.rect_positions[static_cast<size_t>(i)].y);
  }
  atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(saved.pixels.size()));
  std::memcpy(atlas->TexPixelsAlpha8, saved.pixels.data(), saved.pixels.size());
  for (int i = 0; i < atlas->ConfigData.Size; ++i) {
    ImFontConfig& config = atlas->ConfigData[i];
    const SavedFont& font = saved.fonts[static_cast<size_t>(i)];
    ImFontAtlasBuildSetupFont(atlas, config.DstFont, &config, font.ascent, font.descent);
    for (const SavedGlyph& g : font.glyphs) {
      config.DstFont->AddGlyph(&config, static_cast<ImWchar>(g.codepoint), g.x0, g.y0, g.x1, g.y1, g.u0, g.v0, g.u1,
                               g.v1, g.advance_x);
    }
  }
  ImFontAtlasBuildFinish(atlas);
  return true;
}

}  // namespace

ImFont* add_ui_fonts(ImFontAtlas& atlas, const std::string& ttf, float scale) {
  if (ttf.empty()) {
    ImFontConfig config;
    config.SizePixels = std::floor(13.0f * scale);
    atlas.AddFontDefault(&config);
    config.SizePixels = std::floor(26.0f * scale);
    return atlas.AddFontDefault(&config);
  }
  ImFontConfig config;
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.FontDataOwnedByAtlas = false;
  // Latin-1 covers English and German; a few symbols used by the UI.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193, 0x25B2, 0x25BC, 0};
  void* data = const_cast<char*>(ttf.data());  // read only: the atlas does not own it
  const int size = static_cast<int>(ttf.size());
  atlas.AddFontFromMemoryTTF(data, size, std::floor(15.0f * scale), &config, ranges);
  return atlas.AddFontFromMemoryTTF(data, size, std::floor(28.0f * scale), &config, ranges);
}

std::string save_font_atlas(const ImFontAtlas& atlas) {
  mailflow::StateWriter out;
  out.text(kMagic);
  out.number(recipe_of(atlas));
  out.number(static_cast<uint64_t>(atlas.TexWidth));
  out.number(static_cast<uint64_t>(atlas.TexHeight));
  out.number(static_cast<uint64_t>(atlas.CustomRects.Size));
  for (const ImFontAtlasCustomRect& rect : atlas.CustomRects) {
    out.number(rect.X);
    out.number(rect.Y);
  }
  out.number(static_cast<uint64_t>(atlas.ConfigData.Size));
  for (const ImFontConfig& config : atlas.ConfigData) {
    const ImFont& font = *config.DstFont;
    const int saved = font.Glyphs.Size - (font.Glyphs.Size > 0 && made_by_lookup_table(font, font.Glyphs.Size - 1));
    out.number(float_bits(font.Ascent));
    out.number(float_bits(font.Descent));
    out.number(static_cast<uint64_t>(saved));
    for (int i = 0; i < saved; ++i) {
      const ImFontGlyph& g = font.Glyphs[i];
      out.number(g.Codepoint);
      for (float value : {g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1, g.AdvanceX}) out.number(float_bits(value));
    }
  }
  out.text(std::string_view(reinterpret_cast<const char*>(atlas.TexPixelsAlpha8),
                            static_cast<size_t>(atlas.TexWidth) * static_cast<size_t>(atlas.TexHeight)));
  return out.take();
}

bool build_font_atlas_from_image(ImFontAtlas& atlas, std::string_view image) {
  SavedAtlas saved;
  if (atlas.ConfigData.Size == 0 || !read_image(atlas, image, saved)) return false;
  const ImFontBuilderIO builder{build_from_saved};
  const ImFontBuilderIO* const before = atlas.FontBuilderIO;
  atlas.FontBuilderIO = &builder;
  g_reading = &saved;
  const bool built = atlas.Build();
  g_reading = nullptr;
  atlas.FontBuilderIO = before;
  return built;
}

}  // namespace mfapp
