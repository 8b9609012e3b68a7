// Esc closes only the innermost layer: an ImGui popup (the Export menu, closed by ImGui's own
// keyboard navigation), else the frontmost of the insight hosts window, the Save report dialog and
// the TLS flyout. Decided once per frame here, not by each window, so that two windows never both
// take the same key press (the hosts window above the flyout closes, the flyout stays).
#include "app/app.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace mfapp {

bool imgui_popup_open() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel); }

void close_innermost_on_escape(AppState& s, bool popup_was_open) {
  if (!ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) || popup_was_open) return;
  struct Layer {
    const char* window;
    bool open;
    void (*close)(AppState&);
  };
  const Layer layers[] = {
      {"###insight-hosts", s.open_insight >= 0, [](AppState& st) { st.open_insight = -1; }},
      {"###save-dialog", s.save_dialog, [](AppState& st) { st.save_dialog = false; }},
      {"###tls-flyout", s.flyout_open, [](AppState& st) { st.flyout_open = false; }},
  };
  // The frontmost of the layers shown last frame (ImGui keeps windows back to front).
  const Layer* front = nullptr;
  int front_index = -1;
  for (const auto& layer : layers) {
    if (!layer.open) continue;
    ImGuiWindow* w = ImGui::FindWindowByName(layer.window);
    const int index = w && w->WasActive ? ImGui::FindWindowDisplayIndex(w) : -1;
    if (!front || index > front_index) {
      front = &layer;
      front_index = index;
    }
  }
  if (front) front->close(s);
}

}  // namespace mfapp
