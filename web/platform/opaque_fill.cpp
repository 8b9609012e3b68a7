// Opaque rectangles painted by clearing the framebuffer where they lie (a scissored glClear), not
// by drawing triangles. Without a GPU (Chromium's software WebGL, as in headless runs and on many
// office VMs) every covered pixel of a triangle is shaded, textured and blended on the CPU: the
// dashboard's white cards, most of the canvas, cost about half of each frame's 50 ms (the GPU
// process's CPU per frame), and clearing the same pixels a third of that. Cheaper still is to
// paint each pixel once: when the cards cover most of the canvas, the canvas is cleared to their
// colour, and only what lies around them is cleared to the background's.
#include "platform/opaque_fill.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "imgui_internal.h"  // ImRect
#include "platform/platform.h"

namespace mfplat {
namespace {

struct OpaqueFill {
  ImRect rect;
  ImVec4 color;
};
std::vector<OpaqueFill> g_fills;  // this frame's clears; a draw command names one by its index

// The canvas cleared to the cards' colour: their bodies (`g_holes`, canvas pixels) are left as
// cleared, and everything else is cleared to `g_background` before anything is drawn.
ImU32 g_canvas = 0;  // 0: the canvas is cleared to the background (no card left as cleared)
ImU32 g_background = 0;
std::vector<ImRect> g_holes;
// How much of the canvas each colour's fills covered this frame, for the next one's choice.
std::vector<std::pair<ImU32, float>> g_area_by_colour;
ImU32 g_next_canvas = 0;

// Canvas pixels are framebuffer pixels (DisplayPos 0, DisplayFramebufferScale 1: see
// begin_frame()); GL counts rows from the bottom. ImGui's OpenGL backend sets each draw command's
// scissor itself, so this one's scissor and clear colour need no restoring.
void clear_rect(const ImRect& rect, const ImVec4& color) {
  const float framebuffer_height = ImGui::GetIO().DisplaySize.y;
  glScissor(static_cast<GLint>(rect.Min.x), static_cast<GLint>(framebuffer_height - rect.Max.y),
            static_cast<GLsizei>(rect.GetWidth()), static_cast<GLsizei>(rect.GetHeight()));
  glClearColor(color.x, color.y, color.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

void clear_to_fill(const ImDrawList*, const ImDrawCmd* cmd) {
  const OpaqueFill& fill = g_fills[reinterpret_cast<uintptr_t>(cmd->UserCallbackData)];
  clear_rect(fill.rect, fill.color);
}

// The parts of `bounds` outside every hole, band by band between the holes' top and bottom edges
// (a band's gaps that continue the band above extend it).
std::vector<ImRect> outside(const std::vector<ImRect>& holes, const ImRect& bounds) {
  std::vector<float> edges = {bounds.Min.y, bounds.Max.y};
  for (const ImRect& hole : holes) edges.insert(edges.end(), {hole.Min.y, hole.Max.y});
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<ImRect> gaps, open;  // open: the gaps reaching the band's top
  for (size_t i = 0; i + 1 < edges.size(); ++i) {
    const float top = edges[i], bottom = edges[i + 1];
    if (top < bounds.Min.y || bottom > bounds.Max.y) continue;
    std::vector<std::pair<float, float>> covered;
    for (const ImRect& hole : holes)
      if (hole.Min.y <= top && hole.Max.y >= bottom) covered.emplace_back(hole.Min.x, hole.Max.x);
    std::sort(covered.begin(), covered.end());
    std::vector<ImRect> band;
    float x = bounds.Min.x;
    for (const auto& [from, to] : covered) {
      if (from > x) band.emplace_back(x, top, std::min(from, bounds.Max.x), bottom);
      x = std::max(x, to);
    }
    if (x < bounds.Max.x) band.emplace_back(x, top, bounds.Max.x, bottom);
    std::vector<ImRect> next;
    for (ImRect& gap : band) {
      const auto above = std::find_if(open.begin(), open.end(), [&](const ImRect& o) {
        return o.Min.x == gap.Min.x && o.Max.x == gap.Max.x && o.Max.y == top;
      });
      if (above != open.end()) {
        gap.Min.y = above->Min.y;
        open.erase(above);
      }
      next.push_back(gap);
    }
    gaps.insert(gaps.end(), open.begin(), open.end());
    open = std::move(next);
  }
  gaps.insert(gaps.end(), open.begin(), open.end());
  return gaps;
}

void clear_around_holes(const ImDrawList*, const ImDrawCmd*) {
  const ImVec4 background = ImGui::ColorConvertU32ToFloat4(g_background);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  for (const ImRect& gap : outside(g_holes, ImRect(0, 0, display.x, display.y))) clear_rect(gap, background);
}

// `rect` as drawn there: within the draw list's current clip rectangle.
void add_clear(ImDrawList* draw_list, ImRect rect, ImU32 color) {
  rect.ClipWithFull(ImRect(draw_list->GetClipRectMin(), draw_list->GetClipRectMax()));
  if (rect.GetWidth() <= 0 || rect.GetHeight() <= 0) return;
  if (color == g_canvas) return g_holes.push_back(rect);  // left as the canvas was cleared
  draw_list->AddCallback(clear_to_fill, reinterpret_cast<void*>(static_cast<uintptr_t>(g_fills.size())));
  g_fills.push_back({rect, ImGui::ColorConvertU32ToFloat4(color)});
}

}  // namespace

void forget_opaque_fills() {
  g_fills.clear();
  g_holes.clear();
  g_area_by_colour.clear();
}

ImU32 choose_canvas_colour(ImU32 background) {
  g_canvas = g_next_canvas == background ? 0 : g_next_canvas;
  g_background = background;
  return g_canvas ? g_canvas : background;
}

void finish_opaque_fills(ImU32 background) {
  // First in the frame (the background list is drawn before every window): the background around
  // the cards left as cleared, or everywhere when it is not what the canvas was cleared to (the
  // theme changed during the frame).
  if (g_canvas || background != g_background) ImGui::GetBackgroundDrawList()->AddCallback(clear_around_holes, nullptr);
  g_background = background;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  g_next_canvas = 0;
  for (const auto& [colour, area] : g_area_by_colour)
    if (area > 0.5f * display.x * display.y) g_next_canvas = colour;
}

void fill_opaque_rect(ImDrawList* draw_list, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
  const auto counted = std::find_if(g_area_by_colour.begin(), g_area_by_colour.end(),
                                    [&](const auto& item) { return item.first == color; });
  const float area = (max.x - min.x) * (max.y - min.y);
  if (counted != g_area_by_colour.end()) counted->second += area;
  else g_area_by_colour.emplace_back(color, area);
  const float r = std::floor(std::min(rounding, std::min(max.x - min.x, max.y - min.y) * 0.5f));
  if (r < 1) return add_clear(draw_list, ImRect(min, max), color);
  // Three clears that leave out the corners (each pixel is cleared once: a clear costs by the pixel
  // too), and the four rounded corners drawn as ImGui would draw them: a corner square one pixel
  // larger than the radius, since ImGui rounds a rectangle rounded at one corner by at most its
  // side less one.
  add_clear(draw_list, ImRect(min.x + r, min.y, max.x - r, min.y + r), color);
  add_clear(draw_list, ImRect(min.x, min.y + r, max.x, max.y - r), color);
  add_clear(draw_list, ImRect(min.x + r, max.y - r, max.x - r, max.y), color);
  const float side = r + 1;
  draw_list->AddRectFilled(min, ImVec2(min.x + side, min.y + side), color, r, ImDrawFlags_RoundCornersTopLeft);
  draw_list->AddRectFilled(ImVec2(max.x - side, min.y), ImVec2(max.x, min.y + side), color, r,
                           ImDrawFlags_RoundCornersTopRight);
  draw_list->AddRectFilled(ImVec2(min.x, max.y - side), ImVec2(min.x + side, max.y), color, r,
                           ImDrawFlags_RoundCornersBottomLeft);
  draw_list->AddRectFilled(ImVec2(max.x - side, max.y - side), max, color, r, ImDrawFlags_RoundCornersBottomRight);
}

}  // namespace mfplat
