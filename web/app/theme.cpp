// Light and dark themes close to Microsoft 365's admin center (white cards on a light grey page,
// blue accent), and one colour per TLS state used by every chart and legend: greens for the
// current versions, amber/orange for the deprecated ones, red for none, greys for unknown/no data.
#include "app/theme.h"

namespace mfapp {
namespace {

bool g_dark = false;

ImVec4 rgb(int r, int g, int b, float a = 1.0f) { return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, a); }

}  // namespace

void apply_theme(bool dark, float scale) {
  g_dark = dark;
  ImGuiStyle style;  // start from the defaults each time so that scaling never accumulates
  if (dark) ImGui::StyleColorsDark(&style); else ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0;
  style.ChildRounding = 6;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 7);
  style.CellPadding = ImVec2(6, 3);
  style.WindowPadding = ImVec2(14, 12);
  style.ScrollbarSize = 13;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = dark ? 0 : 1;
  ImVec4* c = style.Colors;
  const ImVec4 accent = rgb(0, 120, 212);  // Microsoft blue #0078D4
  if (dark) {
    c[ImGuiCol_WindowBg] = rgb(27, 26, 25);
    c[ImGuiCol_ChildBg] = rgb(41, 40, 39);
    c[ImGuiCol_PopupBg] = rgb(50, 49, 48);
    c[ImGuiCol_Text] = rgb(243, 242, 241);
    c[ImGuiCol_TextDisabled] = rgb(161, 159, 157);
    c[ImGuiCol_Border] = rgb(72, 70, 68);
    c[ImGuiCol_FrameBg] = rgb(59, 58, 57);
    c[ImGuiCol_FrameBgHovered] = rgb(72, 70, 68);
    c[ImGuiCol_Button] = rgb(59, 58, 57);
    c[ImGuiCol_ButtonHovered] = rgb(0, 90, 158);
    c[ImGuiCol_ButtonActive] = accent;
    c[ImGuiCol_Header] = rgb(0, 69, 120);
    c[ImGuiCol_HeaderHovered] = rgb(0, 90, 158);
    c[ImGuiCol_TableHeaderBg] = rgb(50, 49, 48);
    c[ImGuiCol_TableRowBgAlt] = rgb(255, 255, 255, 0.03f);
  } else {
    c[ImGuiCol_WindowBg] = rgb(243, 242, 241);
    c[ImGuiCol_ChildBg] = rgb(255, 255, 255);
    c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
    c[ImGuiCol_Text] = rgb(32, 31, 30);
    c[ImGuiCol_TextDisabled] = rgb(96, 94, 92);
    c[ImGuiCol_Border] = rgb(200, 198, 196);
    c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = rgb(237, 235, 233);
    c[ImGuiCol_Button] = rgb(255, 255, 255);
    c[ImGuiCol_ButtonHovered] = rgb(222, 236, 249);
    c[ImGuiCol_ButtonActive] = rgb(199, 224, 244);
    c[ImGuiCol_Header] = rgb(222, 236, 249);
    c[ImGuiCol_HeaderHovered] = rgb(199, 224, 244);
    c[ImGuiCol_TableHeaderBg] = rgb(250, 249, 248);
    c[ImGuiCol_TableRowBgAlt] = rgb(0, 0, 0, 0.025f);
  }
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_NavHighlight] = accent;
  c[ImGuiCol_Tab] = c[ImGuiCol_Button];
  c[ImGuiCol_TabHovered] = c[ImGuiCol_ButtonHovered];
  c[ImGuiCol_TabActive] = dark ? rgb(0, 69, 120) : rgb(199, 224, 244);
  c[ImGuiCol_HeaderActive] = c[ImGuiCol_ButtonActive];
  c[ImGuiCol_ModalWindowDimBg] = rgb(0, 0, 0, 0.35f);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

ImU32 tls_color(mailflow::TlsVersion v) {
  using mailflow::TlsVersion;
  switch (v) {
    case TlsVersion::Tls13: return g_dark ? IM_COL32(84, 176, 96, 255) : IM_COL32(16, 124, 16, 255);
    case TlsVersion::Tls12: return g_dark ? IM_COL32(58, 150, 221, 255) : IM_COL32(0, 120, 212, 255);
    case TlsVersion::Tls11: return IM_COL32(234, 163, 0, 255);
    case TlsVersion::Tls10: return IM_COL32(218, 96, 20, 255);
    case TlsVersion::Ssl3: return IM_COL32(142, 86, 46, 255);
    case TlsVersion::None: return g_dark ? IM_COL32(231, 72, 86, 255) : IM_COL32(196, 43, 28, 255);
    case TlsVersion::UnknownVersion: return IM_COL32(135, 100, 184, 255);
    case TlsVersion::NoData: return g_dark ? IM_COL32(96, 94, 92, 255) : IM_COL32(200, 198, 196, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

ImU32 inbound_color() { return g_dark ? IM_COL32(58, 150, 221, 255) : IM_COL32(0, 120, 212, 255); }
ImU32 outbound_color() { return g_dark ? IM_COL32(0, 183, 195, 255) : IM_COL32(0, 153, 188, 255); }
ImU32 accent_color() { return IM_COL32(0, 120, 212, 255); }
ImU32 warning_color() { return g_dark ? IM_COL32(252, 225, 0, 255) : IM_COL32(138, 91, 0, 255); }
ImU32 error_color() { return g_dark ? IM_COL32(241, 112, 123, 255) : IM_COL32(164, 38, 44, 255); }
ImU32 muted_text_color() { return ImGui::GetColorU32(ImGuiCol_TextDisabled); }
ImU32 card_bg_color() { return ImGui::GetColorU32(ImGuiCol_ChildBg); }

}  // namespace mfapp
