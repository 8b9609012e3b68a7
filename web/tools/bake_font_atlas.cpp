// A step of the page's build (web/page/build_page.mjs): the dashboard's font atlas at the device
// pixel ratios given, built by the same code the page would run (app/font_atlas.h, Dear ImGui's
// stb_truetype builder, this compiler), so that the page reads it instead of rasterising its font.
//
// usage (node, the real file system): bake_font_atlas.js FONT.ttf SCALE OUT.bin [SCALE OUT.bin ...]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "app/font_atlas.h"
#include "imgui.h"

int main(int argc, char** argv) {
  if (argc < 4 || argc % 2 != 0) {
    std::cerr << "usage: bake_font_atlas FONT.ttf SCALE OUT.bin [SCALE OUT.bin ...]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string ttf{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (ttf.empty()) {
    std::cerr << "bake_font_atlas: " << argv[1] << ": no font read\n";
    return 1;
  }
  for (int arg = 2; arg < argc; arg += 2) {
    const float scale = std::strtof(argv[arg], nullptr);
    if (!(scale > 0)) {
      std::cerr << "bake_font_atlas: not a scale: " << argv[arg] << "\n";
      return 2;
    }
    ImFontAtlas atlas;
    mfapp::add_ui_fonts(atlas, ttf, scale);
    if (!atlas.Build()) {
      std::cerr << "bake_font_atlas: " << argv[1] << ": the atlas could not be built\n";
      return 1;
    }
    const std::string image = mfapp::save_font_atlas(atlas);
    std::ofstream out(argv[arg + 1], std::ios::binary);
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
    if (!out) {
      std::cerr << "bake_font_atlas: " << argv[arg + 1] << ": could not be written\n";
      return 1;
    }
  }
  return 0;
}
