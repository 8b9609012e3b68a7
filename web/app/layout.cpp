#include "app/layout.h"

#include <cmath>
#include <vector>

#include "imgui.h"
#include "imgui_internal.h"

namespace mfapp {
namespace {

constexpr const char* kEllipsis = "\xE2\x80\xA6";
constexpr float kSlack = 0.5f;  // sub-pixel rounding is no cut

struct ClippedText {
  std::string where, text;
  float width, available;
};
size_t g_texts_checked = 0;
std::vector<ClippedText> g_clipped;

// The longest start of `text` (whole UTF-8 characters) that fits `width` with the ellipsis.
std::string cut_to_width(const std::string& text, float width) {
  const float ellipsis = ImGui::CalcTextSize(kEllipsis).x;
  size_t lo = 0, hi = text.size();  // lo fits, hi may not
  while (lo < hi) {
    size_t mid = (lo + hi + 1) / 2;
    while (mid > lo && (static_cast<unsigned char>(text[mid]) & 0xC0) == 0x80) --mid;  // a character's start
    if (mid == lo) break;
    if (ImGui::CalcTextSize(text.data(), text.data() + mid).x + ellipsis <= width) lo = mid;
    else hi = mid - 1;
  }
  return text.substr(0, lo) + kEllipsis;
}

}  // namespace

void text_in_width(const std::string& text, float width, bool disabled) {
  const bool cut = ImGui::CalcTextSize(text.c_str()).x > width;
  const std::string shown = cut ? cut_to_width(text, width) : text;
  if (disabled) ImGui::TextDisabled("%s", shown.c_str());
  else ImGui::TextUnformatted(shown.c_str());
  if (cut && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text.c_str());
}

void text_disabled_wrapped(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

float row_right_edge() { return ImGui::GetCurrentWindow()->WorkRect.Max.x; }

void same_line_if_fits(float width, float spacing) {
  if (spacing < 0) spacing = ImGui::GetStyle().ItemSpacing.x;
  if (ImGui::GetItemRectMax().x + spacing + width <= row_right_edge() + kSlack) ImGui::SameLine(0, spacing);
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

float radio_width(const char* label) {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

void layout_check_begin_frame() {
  g_texts_checked = 0;
  g_clipped.clear();
}

void layout_check_text(std::string_view where, std::string_view text, float width, float available) {
  ++g_texts_checked;
  if (width > available + kSlack) g_clipped.push_back({std::string(where), std::string(text), width, available});
}

nlohmann::json layout_check_end_frame() {
  nlohmann::json clipped = nlohmann::json::array();
  for (const auto& c : g_clipped)
    clipped.push_back({{"where", c.where}, {"text", c.text}, {"width", std::round(c.width)}, {"available", std::round(c.available)}});
  // A window whose content reaches past an edge without a scrollbar there cuts that content off
  // (ImGui windows scroll horizontally only when asked to).
  nlohmann::json cut = nlohmann::json::array(), scroll_x = nlohmann::json::array();
  for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
    if (!w->WasActive || w->Hidden) continue;
    if (w->ScrollbarX) scroll_x.push_back(w->Name);
    const bool over_x = w->ScrollMax.x > kSlack && !w->ScrollbarX;
    const bool over_y = w->ScrollMax.y > kSlack && !w->ScrollbarY;
    if (over_x || over_y)
      cut.push_back({{"window", w->Name}, {"overflow_x", std::round(over_x ? w->ScrollMax.x : 0)},
                     {"overflow_y", std::round(over_y ? w->ScrollMax.y : 0)}});
  }
  return {{"texts_checked", g_texts_checked}, {"clipped_texts", clipped}, {"cut_windows", cut},
          {"scrolling_sideways", scroll_x}};
}

}  // namespace mfapp
