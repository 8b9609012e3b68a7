// Platform-internal: the frame's opaque fills and the canvas's clear (see mfplat::fill_opaque_rect
// and mfplat::clear_canvas in platform.h).
#pragma once

#include "imgui.h"

namespace mfplat {

void forget_opaque_fills();  // at each frame's start: the draw lists of the last one are gone
// The colour to clear the canvas to for a frame on `background`: the cards' colour when the last
// drawn frame's cards covered most of the canvas (then only what lies around them is painted
// `background`, see finish_opaque_fills), else `background`.
ImU32 choose_canvas_colour(ImU32 background);
// Before the frame is rendered; `background` as the frame ends (a changed theme shows at once).
void finish_opaque_fills(ImU32 background);

}  // namespace mfplat
