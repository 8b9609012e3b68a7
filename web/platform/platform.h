// The only code that knows it runs in a browser: GLFW (emscripten's built-in JS implementation)
// with a WebGL2 context, the canvas size and device pixel ratio, the clipboard, and the calls to
// the page glue (window.mailflowHost in web/page/app_glue.js).
//
// Units: the canvas is sized to CSS size x devicePixelRatio and Dear ImGui works in those canvas
// pixels (DisplayFramebufferScale 1, like Tracy); the app scales fonts and style by the ratio.
// Emscripten's GLFW already reports the mouse in canvas pixels.
#pragma once

#include <string>

#include "imgui.h"

struct GLFWwindow;

namespace mfplat {

bool init();                 // GLFW window + WebGL2 context + ImGui backends
GLFWwindow* window();
float device_pixel_ratio();
// WebGL drawn without a GPU, by a software rasteriser (SwiftShader, llvmpipe, Windows' Basic Render
// Driver), as in many virtual machines and remote desktops: each drawn frame then costs the CPU.
bool software_rendering();
// Resizes the canvas backing store to CSS size x DPR when either changed; true when it did.
bool sync_canvas_size();
void begin_frame();          // backends' NewFrame; DisplaySize in canvas pixels
// Clears the canvas for the frame about to be built, on `background` (or the cards' colour, see
// fill_opaque_rect), and sends that to the GPU at once: without a GPU the clear takes milliseconds,
// and done here it runs while the frame is built instead of holding up the renderer's first GL
// query, which waits for what is queued.
void clear_canvas(ImU32 background);
void end_frame(ImU32 background);  // render and present; `background` as the frame ends
// Fills `min`..`max` (canvas pixels, within `draw_list`'s current clip rectangle) with the opaque
// `color`, corners rounded by `rounding`, as AddRectFilled would, but by clearing those pixels when
// the frame is drawn: much cheaper than triangles where WebGL runs without a GPU. When such fills of
// one colour covered most of the last frame, the canvas is cleared to that colour and they cost
// nothing (opaque_fill.cpp).
void fill_opaque_rect(ImDrawList* draw_list, ImVec2 min, ImVec2 max, ImU32 color, float rounding);

void copy_to_clipboard(const std::string& text);
bool prefers_dark();
std::string browser_language();  // navigator.language, e.g. "de-DE"
// Bytes of the UI font the page carries (empty: none, use ImGui's built-in font).
std::string font_bytes();
// The font atlas the page's build made for the device pixel ratio `scale` (app/font_atlas.h;
// empty: none was made for it).
std::string font_atlas_image(float scale);

// Calls into the page glue.
void open_file_picker();
void cancel_file(int id);
void load_example();
void clear_files();
void set_language(const char* lang);  // <html lang>
void publish_view(const std::string& json);
void publish_summary(const std::string& text);

// Sharing (web/app/share.cpp): the page's own HTML as it was loaded (for the saved report), the
// current time as ISO 8601 UTC, a download (Blob URL + <a download>), and a PNG of a region of the
// canvas (canvas pixels), read right after the frame was drawn.
std::string page_html();
std::string now_iso();
void download(const std::string& name, const std::string& mime, const std::string& data);
// The canvas region (x, y, w, h in canvas pixels) as a PNG download, under a line with `title`.
void download_canvas_png(const std::string& name, const std::string& title, bool dark, int x, int y, int w, int h);
void signal_first_frame();
void signal_frame_drawn();

// Idle rendering: the loop draws only while frames are owed (input, data, a few frames after).
void run_main_loop(void (*frame)());
void wake(int frames = 3);
bool consume_frame();  // true when a frame is owed (and counts it)
// New data to show: drawn at once, or, while data frames are paced, no sooner than `interval_ms`
// after the last drawn frame (input is never held back). 0 turns pacing off and draws what waits.
void wake_for_data(int frames = 1);
void pace_data_frames(double interval_ms);
// The frame's work is done (drawn, read back, published): the pacing counts from here, so that
// a long frame does not eat into the interval before the next.
void frame_finished();

}  // namespace mfplat
