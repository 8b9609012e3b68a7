// Platform-internal: the frame's opaque fills (see mfplat::fill_opaque_rect in platform.h).
#pragma once

namespace mfplat {

void forget_opaque_fills();  // at each frame's start: the draw lists of the last one are gone

}  // namespace mfplat
