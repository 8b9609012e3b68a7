#include "platform/platform.h"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <algorithm>
#include <array>
#include <vector>
#include <cfloat>
#include <cmath>
#include <utility>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "platform/opaque_fill.h"

// ---- page glue (window.mailflowHost, see web/page/app_glue.js) -----------------------------------
// clang-format off
EM_JS(double, mf_js_css_width, (), { return Math.max(1, Module.canvas.clientWidth || window.innerWidth); });
EM_JS(double, mf_js_css_height, (), { return Math.max(1, Module.canvas.clientHeight || window.innerHeight); });
EM_JS(double, mf_js_dpr, (), { return window.devicePixelRatio || 1; });
EM_JS(void, mf_js_copy, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard && navigator.clipboard.writeText)
    navigator.clipboard.writeText(s).catch(function (e) { console.warn('mailflow: clipboard refused', e.message); });
  if (globalThis.mailflowHost) globalThis.mailflowHost.lastCopied = s;
});
// The renderer's own name (WEBGL_debug_renderer_info; where a browser hides it, the masked one).
EM_JS(int, mf_js_software_renderer, (), {
  const info = GLctx.getExtension('WEBGL_debug_renderer_info');
  const name = String((info && GLctx.getParameter(info.UNMASKED_RENDERER_WEBGL)) || GLctx.getParameter(GLctx.RENDERER));
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) ? 1 : 0;
});
EM_JS(int, mf_js_prefers_dark, (), {
  return (window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches) ? 1 : 0;
});
EM_JS(char*, mf_js_language, (), {
  const s = (globalThis.mailflowHost && globalThis.mailflowHost.language) || navigator.language || 'en';
  const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(int, mf_js_font_size, (), { const f = globalThis.mailflowHost && globalThis.mailflowHost.font; return f ? f.length : 0; });
EM_JS(void, mf_js_font_copy, (char* dst), { HEAPU8.set(globalThis.mailflowHost.font, dst); });
EM_JS(int, mf_js_font_atlas_size, (float scale), {
  const a = globalThis.mailflowHost && globalThis.mailflowHost.fontAtlases.get(scale); return a ? a.length : 0;
});
EM_JS(void, mf_js_font_atlas_copy, (float scale, char* dst), {
  HEAPU8.set(globalThis.mailflowHost.fontAtlases.get(scale), dst);
});
EM_JS(void, mf_js_call, (const char* fn, int arg), {
  const h = globalThis.mailflowHost; const name = UTF8ToString(fn);
  if (h && typeof h[name] === 'function') h[name](arg);
});
EM_JS(void, mf_js_call_str, (const char* fn, const char* arg), {
  const h = globalThis.mailflowHost; const name = UTF8ToString(fn);
  if (h && typeof h[name] === 'function') h[name](UTF8ToString(arg));
});
EM_JS(char*, mf_js_page_html, (), {
  const s = (globalThis.mailflowHost && globalThis.mailflowHost.pageHtml()) || "";
  const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(char*, mf_js_now_iso, (), {
  const s = new Date().toISOString().slice(0, 19) + 'Z';
  const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p;
});
EM_JS(void, mf_js_download, (const char* name, const char* mime, const char* data, size_t size), {
  // The Blob copies the bytes now; wasm memory may move later.
  const blob = new Blob([HEAPU8.slice(data, data + size)], { type: UTF8ToString(mime) });
  if (globalThis.mailflowHost) globalThis.mailflowHost.download(UTF8ToString(name), blob);
});
EM_JS(void, mf_js_download_canvas_png, (const char* name, const char* title, int dark, int x, int y, int w, int h), {
  // Called in the same task as the WebGL draw, while the drawing buffer still holds the frame.
  // The chart goes below a title line naming what it shows.
  const src = Module.canvas;
  const scale = globalThis.devicePixelRatio || 1;
  const font = Math.round(14 * scale), pad = Math.round(8 * scale), head = font + 2 * pad;
  const c = document.createElement('canvas');
  c.width = w; c.height = h + head;
  const g = c.getContext('2d');
  g.fillStyle = dark ? '#1e1f22' : '#ffffff';
  g.fillRect(0, 0, c.width, c.height);
  g.fillStyle = dark ? '#e6e6e6' : '#202020';
  g.font = 'bold ' + font + 'px sans-serif';
  g.textBaseline = 'top';
  g.fillText(UTF8ToString(title), pad, pad, w - 2 * pad);
  g.drawImage(src, x, y, w, h, 0, head, w, h);
  const file = UTF8ToString(name);
  c.toBlob(function (blob) { if (blob && globalThis.mailflowHost) globalThis.mailflowHost.download(file, blob); }, 'image/png');
});
// clang-format on

namespace mfplat {
namespace {

GLFWwindow* g_window = nullptr;
int g_frames_owed = 3;
bool g_paused = false;
double g_pace_ms = 0;          // see pace_data_frames()
double g_last_drawn_ms = -1e9;
int g_data_frames_owed = 0;    // held back by the pacing
bool g_pace_timer_set = false;
int g_canvas_w = 0, g_canvas_h = 0;
double g_dpr = 0;
bool g_software_rendering = false;

// Dear ImGui 1.86 reads keys as states (io.KeysDown) once per frame: a key pressed and released
// between two frames (a quick tap, or a scripted press) would never be seen. Releases of keys no
// frame has seen down yet are therefore held back until the end of the next frame.
std::vector<std::array<int, 4>> g_deferred_releases;
std::vector<int> g_unseen_presses;

void key_callback(GLFWwindow* w, int key, int scancode, int action, int mods) {
  if (action == GLFW_PRESS) g_unseen_presses.push_back(key);
  if (action == GLFW_RELEASE &&
      std::find(g_unseen_presses.begin(), g_unseen_presses.end(), key) != g_unseen_presses.end()) {
    g_deferred_releases.push_back({key, scancode, action, mods});
    return;
  }
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

// ImGui 1.86 takes a press at the pointer position of that frame, but overlapping items (the page
// tabs) ignore it while the previous frame hovered another item. A press that arrives without a
// prior move (touch, pen, a scripted click) is therefore first shown as a hover at its position
// for one frame, then passed on: it acts at once, wherever the pointer was before.
ImVec2 g_last_frame_mouse{-FLT_MAX, -FLT_MAX};
std::vector<std::array<int, 3>> g_deferred_presses;  // button, action, mods

void mouse_button_callback(GLFWwindow* w, int button, int action, int mods) {
  if (action == GLFW_PRESS) {
    double x = 0, y = 0;
    glfwGetCursorPos(w, &x, &y);
    if (static_cast<float>(x) != g_last_frame_mouse.x || static_cast<float>(y) != g_last_frame_mouse.y) {
      g_deferred_presses.push_back({button, action, mods});
      return;
    }
  }
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}

void set_clipboard(void*, const char* text) { mf_js_copy(text); }
const char* get_clipboard(void*) { return ""; }  // paste comes from the page's paste event

// ImGui's OpenGL backend uploads every list's vertices and indices with glBufferSubData, and
// Emscripten's WebGL 2 binding passes a size of 0 on as WebGL's "up to the end of the source" (the
// rest of the wasm heap): a list holding only callbacks (the background's clears, opaque_fill.cpp)
// made "WebGL: INVALID_VALUE: bufferSubData: buffer overflow" twice a frame. Such a list gets one
// vertex and one index that no command draws.
void pad_empty_draw_lists(ImDrawData* draw_data) {
  for (int i = 0; i < draw_data->CmdListsCount; ++i) {
    ImDrawList* list = draw_data->CmdLists[i];
    if (list->VtxBuffer.Size == 0) list->VtxBuffer.push_back(ImDrawVert{});
    if (list->IdxBuffer.Size == 0) list->IdxBuffer.push_back(0);
  }
}

}  // namespace

bool init() {
  if (!glfwInit()) return false;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  // An opaque canvas without depth or stencil buffers: ImGui needs neither, and without a GPU
  // (software compositing) every frame is read back and composited, so each buffer costs.
  glfwWindowHint(GLFW_ALPHA_BITS, 0);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  g_dpr = mf_js_dpr();
  int w = static_cast<int>(std::lround(mf_js_css_width() * g_dpr));
  int h = static_cast<int>(std::lround(mf_js_css_height() * g_dpr));
  g_window = glfwCreateWindow(w, h, "mailflow", nullptr, nullptr);
  if (!g_window) return false;
  g_canvas_w = w;
  g_canvas_h = h;
  glfwMakeContextCurrent(g_window);
  g_software_rendering = mf_js_software_renderer() != 0;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no file system; the page keeps no state between visits
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.SetClipboardTextFn = set_clipboard;
  io.GetClipboardTextFn = get_clipboard;
  ImGui_ImplGlfw_InitForOpenGL(g_window, true);
  glfwSetKeyCallback(g_window, key_callback);  // replaces the backend's, which it calls
  glfwSetMouseButtonCallback(g_window, mouse_button_callback);  // likewise
  ImGui_ImplOpenGL3_Init("#version 300 es");
  return true;
}

GLFWwindow* window() { return g_window; }
float device_pixel_ratio() { return static_cast<float>(g_dpr); }
bool software_rendering() { return g_software_rendering; }

bool sync_canvas_size() {
  double dpr = mf_js_dpr();
  int w = static_cast<int>(std::lround(mf_js_css_width() * dpr));
  int h = static_cast<int>(std::lround(mf_js_css_height() * dpr));
  bool changed = dpr != g_dpr || w != g_canvas_w || h != g_canvas_h;
  if (changed) {
    g_dpr = dpr;
    g_canvas_w = w;
    g_canvas_h = h;
    // Sets canvas.width/height (the backing store); the CSS size stays with the stylesheet.
    glfwSetWindowSize(g_window, w, h);
  }
  return changed;
}

void begin_frame() {
  g_unseen_presses.clear();  // this frame sees them
  forget_opaque_fills();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(g_canvas_w), static_cast<float>(g_canvas_h));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  for (const auto& p : g_deferred_presses)  // this frame only hovers
    if (p[0] >= 0 && p[0] < IM_ARRAYSIZE(io.MouseDown)) io.MouseDown[p[0]] = false;
  g_last_frame_mouse = io.MousePos;
  // glfwGetTime() may stall or go backwards in a browser; after an idle pause it jumps.
  io.DeltaTime = std::clamp(io.DeltaTime, 1.0f / 240.0f, 0.1f);
}

void clear_canvas(ImU32 background) {
  const ImVec4 colour = ImGui::ColorConvertU32ToFloat4(choose_canvas_colour(background));
  glViewport(0, 0, g_canvas_w, g_canvas_h);
  glClearColor(colour.x, colour.y, colour.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glFlush();
}

void end_frame(ImU32 background) {
  g_data_frames_owed = 0;  // this frame shows the data
  finish_opaque_fills(background);
  ImGui::Render();
  pad_empty_draw_lists(ImGui::GetDrawData());
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (!g_deferred_releases.empty()) {
    for (const auto& k : g_deferred_releases) ImGui_ImplGlfw_KeyCallback(g_window, k[0], k[1], k[2], k[3]);
    g_deferred_releases.clear();
    wake(2);
  }
  if (!g_deferred_presses.empty()) {
    for (const auto& p : g_deferred_presses) ImGui_ImplGlfw_MouseButtonCallback(g_window, p[0], p[1], p[2]);
    g_deferred_presses.clear();
    wake(3);
  }
}

void copy_to_clipboard(const std::string& text) { mf_js_copy(text.c_str()); }
bool prefers_dark() { return mf_js_prefers_dark() != 0; }
std::string browser_language() {
  char* p = mf_js_language();
  std::string s(p);
  free(p);
  return s;
}
std::string font_bytes() {
  int n = mf_js_font_size();
  std::string s(static_cast<size_t>(n), '\0');
  if (n > 0) mf_js_font_copy(s.data());
  return s;
}
std::string font_atlas_image(float scale) {
  int n = mf_js_font_atlas_size(scale);
  std::string s(static_cast<size_t>(n), '\0');
  if (n > 0) mf_js_font_atlas_copy(scale, s.data());
  return s;
}

void open_file_picker() { mf_js_call("openFiles", 0); }
void cancel_file(int id) { mf_js_call("cancelFile", id); }
void load_example() { mf_js_call("loadExample", 0); }
void clear_files() { mf_js_call("clearFiles", 0); }
void set_language(const char* lang) { mf_js_call_str("setLanguage", lang); }
void publish_view(const std::string& json) { mf_js_call_str("setView", json.c_str()); }
void publish_summary(const std::string& text) { mf_js_call_str("setSummary", text.c_str()); }
void signal_first_frame() { mf_js_call("firstFrame", 0); }
void signal_frame_drawn() { mf_js_call("frameDrawn", 0); }
void frame_finished() { g_last_drawn_ms = emscripten_get_now(); }

std::string page_html() {
  char* p = mf_js_page_html();
  std::string s(p);
  free(p);
  return s;
}
std::string now_iso() {
  char* p = mf_js_now_iso();
  std::string s(p);
  free(p);
  return s;
}
void download(const std::string& name, const std::string& mime, const std::string& data) {
  mf_js_download(name.c_str(), mime.c_str(), data.data(), data.size());
}
void download_canvas_png(const std::string& name, const std::string& title, bool dark, int x, int y, int w, int h) {
  if (w > 0 && h > 0) mf_js_download_canvas_png(name.c_str(), title.c_str(), dark ? 1 : 0, x, y, w, h);
}

void run_main_loop(void (*frame)()) { emscripten_set_main_loop(frame, 0, false); }

void wake(int frames) {
  g_frames_owed = std::max(g_frames_owed, frames);
  if (g_paused) {
    g_paused = false;
    emscripten_resume_main_loop();
  }
}

void wake_for_data(int frames) {
  const double wait = g_last_drawn_ms + g_pace_ms - emscripten_get_now();
  if (wait <= 0) {
    wake(frames);
    return;
  }
  g_data_frames_owed = std::max(g_data_frames_owed, frames);
  if (g_pace_timer_set) return;
  g_pace_timer_set = true;
  emscripten_async_call(
      [](void*) {
        g_pace_timer_set = false;
        if (g_data_frames_owed > 0) wake_for_data(g_data_frames_owed);
      },
      nullptr, static_cast<int>(std::ceil(wait)));
}

void pace_data_frames(double interval_ms) {
  g_pace_ms = interval_ms;
  if (interval_ms <= 0 && g_data_frames_owed > 0) wake(std::exchange(g_data_frames_owed, 0));
}

bool consume_frame() {
  if (g_frames_owed <= 0) {
    // Nothing to show: stop requesting animation frames until the next wake() (idle CPU ~0).
    if (!g_paused) {
      g_paused = true;
      emscripten_pause_main_loop();
    }
    return false;
  }
  --g_frames_owed;
  return true;
}

}  // namespace mfplat
