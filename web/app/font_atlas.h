// The dashboard's fonts, and their atlas made ahead. Rasterising the font at start-up cost the
// page 20-40 ms on its thread, and V8 then spent some 220 ms of a core compiling that code to its
// top tier for a second run that never comes (docs/profile-wasm.md). So the page's build runs the
// same code once per common device pixel ratio (web/tools/bake_font_atlas.cpp) and the page
// carries the result as an image: glyph metrics, the texture's pixels and where ImGui's own
// rectangles (cursors, lines) lie. Any other ratio, or an image made for other fonts, is built as
// before.
#pragma once

#include <string>
#include <string_view>

struct ImFont;
struct ImFontAtlas;

namespace mfapp {

// Adds the UI font from `ttf` (ImGui's built-in one when empty) at the device pixel ratio `scale`,
// regular and large, to an empty `atlas`; returns the large font.
ImFont* add_ui_fonts(ImFontAtlas& atlas, const std::string& ttf, float scale);

// The built `atlas` as an image (no texture id: that is the renderer's).
std::string save_font_atlas(const ImFontAtlas& atlas);

// Builds `atlas` (fonts added, not built) from `image`; false when the image was not made for these
// fonts (other font bytes, sizes, glyph ranges, oversampling or flags) or is cut short or damaged:
// the atlas is then left to be built as before.
bool build_font_atlas_from_image(ImFontAtlas& atlas, std::string_view image);

}  // namespace mfapp
