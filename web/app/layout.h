// Text that fits its place, and the app's own check that every drawn text does: each frame
// records the table cells whose text is wider than the cell and the windows whose content runs
// past an edge they cannot scroll to; view()["layout"] carries what the latest frame found.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace mfapp {

// `text` cut to `width` with an ellipsis, the whole text on hover when cut.
void text_in_width(const std::string& text, float width, bool disabled = false);

// A disabled-colour text that wraps at the window's edge.
void text_disabled_wrapped(const std::string& text);

// Flow layout: the next item of `width` pixels goes beside the last one when the row has room,
// else on a new row, so a narrow window or a longer language wraps instead of cutting.
void same_line_if_fits(float width, float spacing = -1.0f);
float button_width(const char* label);  // ImGui::Button and ImGui::SmallButton
float radio_width(const char* label);   // ImGui::RadioButton and ImGui::Checkbox
// The right edge of the current window's visible work area (screen pixels).
float row_right_edge();

void layout_check_begin_frame();
// A text of `width` pixels is drawn where `available` are left (in `where`, e.g. a table's id).
void layout_check_text(std::string_view where, std::string_view text, float width, float available);
// What this frame found, after ImGui::Render(): {"texts_checked", "clipped_texts": [{where, text,
// width, available}], "cut_windows": [{window, overflow_x, overflow_y}], "scrolling_sideways":
// [windows showing a horizontal scrollbar]}.
nlohmann::json layout_check_end_frame();

}  // namespace mfapp
