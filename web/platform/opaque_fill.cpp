// Opaque rectangles painted by clearing the framebuffer where they lie (a scissored glClear), not
// by drawing triangles. Without a GPU (Chromium's software WebGL, as in headless runs and on many
// office VMs) every covered pixel of a triangle is shaded, textured and blended on the CPU: the
// dashboard's white cards, most of the canvas, cost about half of each frame's 50 ms (the GPU
// process's CPU per frame), and clearing the same pixels a third of that.
#include "platform/opaque_fill.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "imgui.h"
#include "platform/platform.h"

namespace mfplat {
namespace {

struct OpaqueFill {
  ImVec2 min, max;
  ImVec4 color;
};
std::vector<OpaqueFill> g_fills;  // this frame's; a draw command names one by its index

// Runs as a draw command: ImGui's OpenGL backend sets each command's scissor itself, so this one's
// scissor and clear colour need no restoring. Canvas pixels are framebuffer pixels (DisplayPos 0,
// DisplayFramebufferScale 1: see begin_frame()); GL counts rows from the bottom.
void clear_to_fill(const ImDrawList*, const ImDrawCmd* cmd) {
  const OpaqueFill& fill = g_fills[reinterpret_cast<uintptr_t>(cmd->UserCallbackData)];
  const float x0 = std::max(fill.min.x, cmd->ClipRect.x), y0 = std::max(fill.min.y, cmd->ClipRect.y);
  const float x1 = std::min(fill.max.x, cmd->ClipRect.z), y1 = std::min(fill.max.y, cmd->ClipRect.w);
  if (x1 <= x0 || y1 <= y0) return;
  const float framebuffer_height = ImGui::GetIO().DisplaySize.y;
  glScissor(static_cast<GLint>(x0), static_cast<GLint>(framebuffer_height - y1), static_cast<GLsizei>(x1 - x0),
            static_cast<GLsizei>(y1 - y0));
  glClearColor(fill.color.x, fill.color.y, fill.color.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
}

void add_clear(ImDrawList* draw_list, ImVec2 min, ImVec2 max, const ImVec4& color) {
  if (max.x <= min.x || max.y <= min.y) return;
  draw_list->AddCallback(clear_to_fill, reinterpret_cast<void*>(static_cast<uintptr_t>(g_fills.size())));
  g_fills.push_back({min, max, color});
}

}  // namespace

void forget_opaque_fills() { g_fills.clear(); }

void fill_opaque_rect(ImDrawList* draw_list, ImVec2 min, ImVec2 max, ImU32 color, float rounding) {
  const ImVec4 rgba = ImGui::ColorConvertU32ToFloat4(color);
  const float r = std::floor(std::min(rounding, std::min(max.x - min.x, max.y - min.y) * 0.5f));
  if (r < 1) return add_clear(draw_list, min, max, rgba);
  // Three clears that leave out the corners (each pixel is cleared once: a clear costs by the pixel
  // too), and the four rounded corners drawn as ImGui would draw them: a corner square one pixel
  // larger than the radius, since ImGui rounds a rectangle rounded at one corner by at most its
  // side less one.
  add_clear(draw_list, ImVec2(min.x + r, min.y), ImVec2(max.x - r, min.y + r), rgba);
  add_clear(draw_list, ImVec2(min.x, min.y + r), ImVec2(max.x, max.y - r), rgba);
  add_clear(draw_list, ImVec2(min.x + r, max.y - r), ImVec2(max.x - r, max.y), rgba);
  const float side = r + 1;
  draw_list->AddRectFilled(min, ImVec2(min.x + side, min.y + side), color, r, ImDrawFlags_RoundCornersTopLeft);
  draw_list->AddRectFilled(ImVec2(max.x - side, min.y), ImVec2(max.x, min.y + side), color, r,
                           ImDrawFlags_RoundCornersTopRight);
  draw_list->AddRectFilled(ImVec2(min.x, max.y - side), ImVec2(min.x + side, max.y), color, r,
                           ImDrawFlags_RoundCornersBottomLeft);
  draw_list->AddRectFilled(ImVec2(max.x - side, max.y - side), max, color, r, ImDrawFlags_RoundCornersBottomRight);
}

}  // namespace mfplat
