// The dashboard's entry point: the frame loop (idle rendering: a frame only when input or data
// arrived, plus a few after, as Tracy does), the font atlas per device pixel ratio, and the C
// functions the page glue calls (load an aggregate, show progress, navigate, language, theme).
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <cstdio>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "aggregate/aggregate_json.h"
#include "export/aggregate_binary.h"
#include "export/report_html.h"
#include "app/app.h"
#include "app/font_atlas.h"
#include "app/layout.h"
#include "app/theme.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "platform/platform.h"

namespace mfapp {
namespace {

float g_font_scale = 0;  // DPR the font atlas was built for
std::string g_font;      // TTF bytes from the page (owned here, the atlas does not own them)
std::string g_last_view;
std::string g_last_summary;
bool g_first_frame_signalled = false;
ImFont* g_big_font = nullptr;
bool g_font_atlas_baked = false;  // read from the page's image, not rasterised here (the view says)

// A worker snapshot being read (export/aggregate_binary.h), a slice at a time between frames
// (the page glue calls mf_app_load_step until it is done), so that nothing stops the page for
// long; the figures shown change, in one frame, when all of it is read.
std::unique_ptr<mailflow::AggregateBinaryReader> g_loading;
bool g_loading_example = false;
constexpr double kLoadBudgetMs = 8.0;
constexpr size_t kLoadSlice = 4096;  // records between two looks at the clock

// Something that moves the layout changed (new data, a panel that appears or goes): the next
// frame is laid out once without being drawn first, so one drawn frame shows it settled.
bool g_relayout = false;
void relayout(bool at_once = false) {
  g_relayout = true;
  if (at_once) mfplat::wake(1);
  else mfplat::wake_for_data(1);
}

// While a load runs, its progress and figures are drawn at most this often: every 250 ms on a GPU.
// Without one each drawn frame costs tens of ms of CPU (rasterised and read back in software),
// which the engine then lacks on a machine of two cores: there a load's first half second is drawn
// as on a GPU (its first updates come soon), the rest every 600 ms (docs/profile-wasm.md).
// Input is drawn at once as always.
constexpr double kLoadFramePaceMs = 250, kSoftwareLoadFramePaceMs = 600;
double load_frame_pace_ms(double since_start_ms) {
  return mfplat::software_rendering() && since_start_ms >= 2 * kLoadFramePaceMs ? kSoftwareLoadFramePaceMs
                                                                                  : kLoadFramePaceMs;
}

void show_aggregate(mailflow::Aggregate aggregate, bool example) {
  auto& s = state();
  s.aggregate = std::move(aggregate);
  ++s.data_version;
  s.has_data = !s.aggregate.empty() || !s.aggregate.tls_reports().empty();
  s.example = example;
  s.load_error.clear();
  relayout();
}

void show_load_error(const std::string& error) {
  state().load_error = error;
  std::fprintf(stderr, "mailflow: the aggregate could not be read: %s\n", error.c_str());
  mfplat::wake();
}

// A snapshot is read, or given up. A load that ended while its last snapshot was being read kept
// its frames paced until now (see mf_app_set_progress): its end and its figures come in one frame.
void snapshot_read_ended() {
  g_loading.reset();
  if (!state().ingest_running) mfplat::pace_data_frames(0);
}

// Reads on in the snapshot for at most kLoadBudgetMs; shows it once it is all read.
void continue_loading() {
  const double started = emscripten_get_now();
  while (!g_loading->done() && emscripten_get_now() - started < kLoadBudgetMs) {
    if (!g_loading->step(kLoadSlice)) {
      show_load_error(g_loading->error());
      snapshot_read_ended();
      return;
    }
  }
  if (g_loading->done()) {
    show_aggregate(g_loading->take(), g_loading_example);
    snapshot_read_ended();
  }
}

void build_fonts(float scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  g_big_font = add_ui_fonts(*io.Fonts, g_font, scale);
  g_font_atlas_baked = build_font_atlas_from_image(*io.Fonts, mfplat::font_atlas_image(scale));
  if (!g_font_atlas_baked) io.Fonts->Build();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  g_font_scale = scale;
}

void apply_scale_and_theme(AppState& s) {
  s.scale = mfplat::device_pixel_ratio();
  if (s.scale != g_font_scale) build_fonts(s.scale);
  apply_theme(s.dark, s.scale);
}

// One frame of the dashboard, from NewFrame to the last window (not rendered).
void draw_ui(AppState& s) {
  const bool popup_was_open = imgui_popup_open();  // ImGui's navigation closes it on Esc in NewFrame
  ImGui::NewFrame();
  layout_check_begin_frame();
  close_innermost_on_escape(s, popup_was_open);
  s.view = nlohmann::json::object();
  s.view["controls"] = nlohmann::json::object();
  s.chart_rect = ImVec4(0, 0, 0, 0);
  s.view["example"] = s.example;
  s.view["language"] = s.lang == Lang::De ? "de" : "en";
  s.view["theme"] = s.dark ? "dark" : "light";
  s.view["font_atlas"] = g_font_atlas_baked ? "baked" : "built";
  s.view["renderer"] = mfplat::software_rendering() ? "software" : "gpu";
  s.view["load_frame_pace_ms"] = load_frame_pace_ms(std::numeric_limits<double>::infinity());  // once a load's first update is drawn

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  // Scrollbars appear when the content does not fit (a short window, a narrow one): nothing is cut.
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                           ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                           ImGuiWindowFlags_NoBackground;
  ImGui::Begin("mailflow", nullptr, flags);
  draw_top_bar(s);
  draw_progress(s);
  switch (s.page) {
    case Page::Dashboard: draw_overview(s); break;
    case Page::Connectors: draw_connector_report(s); break;
    case Page::TlsReports:
      if (has_tls_reports(s)) draw_tls_reports(s);
      else draw_overview(s);
      break;
    case Page::Sources: draw_sources(s); break;
    case Page::Partners: draw_partners(s); break;
  }
  ImGui::End();
  if (s.flyout_open) draw_tls_flyout(s);
  draw_save_dialog(s);
}

void frame() {
  AppState& s = state();
  bool resized = mfplat::sync_canvas_size();
  if (resized) mfplat::wake();
  if (!mfplat::consume_frame()) return;
  if (resized || mfplat::device_pixel_ratio() != g_font_scale) apply_scale_and_theme(s);

  // ImGui sizes auto-fitting windows over its first frames: at start-up (and after a change of
  // layout) those frames are laid out without being drawn, in the same animation frame, so the
  // first frame shown is complete (each drawn frame costs a read-back where there is no GPU).
  const int layout_passes = ImGui::GetFrameCount() == 0 ? 2 : g_relayout ? 1 : 0;
  g_relayout = false;
  for (int pass = 0; pass < layout_passes; ++pass) {
    mfplat::begin_frame();
    draw_ui(s);
    ImGui::EndFrame();
  }
  mfplat::begin_frame();
  mfplat::clear_canvas(ImGui::GetColorU32(ImGuiCol_WindowBg));
  draw_ui(s);
  mfplat::end_frame(ImGui::GetColorU32(ImGuiCol_WindowBg));  // the theme may have changed
  s.view["layout"] = layout_check_end_frame();
  after_frame_drawn(s);

  std::string view = s.view.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (view != g_last_view) {
    g_last_view = view;
    mfplat::publish_view(view);
    std::string summary = accessible_summary(s.view);
    if (summary != g_last_summary) {
      g_last_summary = summary;
      mfplat::publish_summary(summary);
    }
  }
  if (!g_first_frame_signalled && ImGui::GetFrameCount() > 2) {
    g_first_frame_signalled = true;
    mfplat::signal_first_frame();
  }
  if (g_first_frame_signalled) mfplat::signal_frame_drawn();
  mfplat::frame_finished();
}

}  // namespace

ImFont* big_font() { return g_big_font; }

AppState& state() {
  static AppState s;
  return s;
}

}  // namespace mfapp

using mfapp::state;

extern "C" {

// An aggregate JSON (mailflow.aggregate.v1): the bundled example data's, made when the page is
// built (`example` marks it). The worker's snapshots come through mf_app_load_binary.
EMSCRIPTEN_KEEPALIVE int mf_app_load_aggregate(const char* json, int example) {
  std::string error;
  auto loaded = mailflow::aggregate_from_json(json ? json : "", error);
  if (!loaded) mfapp::show_load_error(error);
  else mfapp::show_aggregate(std::move(*loaded), example != 0);
  mfapp::snapshot_read_ended();  // an older snapshot still being read is superseded
  return loaded ? 1 : 0;
}

// A worker snapshot (export/aggregate_binary.h): its header is read now, the rest by
// mf_app_load_step. A newer snapshot replaces one still being read.
EMSCRIPTEN_KEEPALIVE int mf_app_load_binary(const uint8_t* bytes, size_t size, int example) {
  mfapp::g_loading = std::make_unique<mailflow::AggregateBinaryReader>(std::string(reinterpret_cast<const char*>(bytes), size));
  mfapp::g_loading_example = example != 0;
  if (!mfapp::g_loading->start()) {
    mfapp::show_load_error(mfapp::g_loading->error());
    mfapp::snapshot_read_ended();
    return 0;
  }
  return 1;
}

// Reads on in the snapshot for a few milliseconds. Returns 1 while there is more to read.
EMSCRIPTEN_KEEPALIVE int mf_app_load_step() {
  if (mfapp::g_loading) mfapp::continue_loading();
  return mfapp::g_loading ? 1 : 0;
}

// A snapshot is still being read (the page waits for it before idle() resolves).
EMSCRIPTEN_KEEPALIVE int mf_app_loading() { return mfapp::g_loading ? 1 : 0; }

// The ingest progress: {"running":bool,"example":bool,"files":[{id,name,state,size,bytes_read,mb_per_s,eta_s,
// format_name,messages,error}]}.
EMSCRIPTEN_KEEPALIVE void mf_app_set_progress(const char* json) {
  auto j = nlohmann::json::parse(json ? json : "", nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  auto& s = state();
  const bool was_running = s.ingest_running;
  const size_t file_count = s.files.size();
  s.ingest_running = j.value("running", false);
  s.ingest_example = j.value("example", false);
  if (s.ingest_running && !was_running) {  // a new load: its own clock and the list folded by its size
    s.ingest_started_ms = emscripten_get_now();
    s.progress_list_open.reset();
  }
  if (s.ingest_running) mfplat::pace_data_frames(mfapp::load_frame_pace_ms(emscripten_get_now() - s.ingest_started_ms));
  // A load's end is drawn at once, unless its last snapshot is still being read: then with it, when
  // read (snapshot_read_ended), not in a frame of its own first (without a GPU each frame costs).
  if (!s.ingest_running && was_running && !mfapp::g_loading) mfplat::pace_data_frames(0);
  // The files that changed since the last message (all of them after a reset), in the order of
  // their ids, which is the list's.
  if (j.value("reset", true)) s.files.clear();
  for (const auto& f : j.value("files", nlohmann::json::array())) {
    mfapp::FileProgress p;
    p.id = f.value("id", 0);
    p.name = f.value("name", "");
    p.state = f.value("state", "");
    p.size = f.value("size", uint64_t{0});
    p.bytes_read = f.value("bytes_read", uint64_t{0});
    p.mb_per_s = f.value("mb_per_s", 0.0);
    p.eta_s = f.value("eta_s", -1.0);
    p.format_name = f.value("format_name", "");
    p.messages = f.value("messages", uint64_t{0});
    p.error = f.value("error", "");
    auto at = std::lower_bound(s.files.begin(), s.files.end(), p.id,
                               [](const mfapp::FileProgress& known, int id) { return known.id < id; });
    if (at != s.files.end() && at->id == p.id) *at = std::move(p);
    else s.files.insert(at, std::move(p));
  }
  // New numbers in the same panel need one frame; a panel that appears, goes or grows is laid out
  // once more first (a drawn frame costs: see load_frame_pace_ms). A load's start is shown at once,
  // not a pace after the frames the drop itself drew: the user sees that the files were taken.
  if (s.ingest_running == was_running && s.files.size() == file_count) mfplat::wake_for_data(1);
  else mfapp::relayout(s.ingest_running && !was_running);
}

EMSCRIPTEN_KEEPALIVE void mf_app_wake() { mfplat::wake(); }

// The data shown, as aggregate JSON (mailflow.aggregate.v1), for window.mailflow.aggregate().
EMSCRIPTEN_KEEPALIVE const char* mf_app_aggregate_json() {
  static std::string text;
  text = mailflow::aggregate_to_json(state().aggregate);
  return text.c_str();
}

// Navigation, for the keyboard shortcuts of the page and the browser tests:
// {"page":"dashboard|connectors|tls-reports|sources|partners","flyout":bool,"view":"mail-flow|all-mail-flow|tls-usage",
//  "connector":name|""(no connector)|null(unknown)|"all"(Partners page only),"range":"7|30|all",
//  "from":"YYYY-MM-DD","to":...,"direction":"inbound|outbound","insight":index,
//  "partners_direction":"both|inbound|outbound","partners_search":text,"policy":"off|any|1.2|1.3"}
EMSCRIPTEN_KEEPALIVE void mf_app_command(const char* json) {
  auto j = nlohmann::json::parse(json ? json : "", nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  auto& s = state();
  using mfapp::Page;
  if (j.contains("page")) {
    std::string p = j["page"].get<std::string>();
    s.page = p == "connectors"    ? Page::Connectors
             : p == "tls-reports" ? Page::TlsReports
             : p == "sources"     ? Page::Sources
             : p == "partners"    ? Page::Partners
                                  : Page::Dashboard;
  }
  if (j.contains("flyout")) {
    s.flyout_open = j["flyout"].get<bool>();
    s.focus_flyout = s.flyout_open;
  }
  if (j.contains("view")) {
    std::string v = j["view"].get<std::string>();
    s.connector_view = v == "all-mail-flow" ? mfapp::ConnectorView::AllMailFlow
                       : v == "tls-usage"   ? mfapp::ConnectorView::TlsUsage
                                            : mfapp::ConnectorView::MailFlow;
  }
  if (j.contains("connector")) {
    if (j["connector"].is_null()) {
      s.choice = {mailflow::ConnectorChoice::Kind::Unknown, ""};
    } else {
      std::string c = j["connector"].get<std::string>();
      s.choice = c.empty() ? mailflow::ConnectorChoice{mailflow::ConnectorChoice::Kind::NoConnector, ""}
                           : mailflow::ConnectorChoice{mailflow::ConnectorChoice::Kind::Named, c};
    }
    // The Partners page follows the same key; "all" (what its view() says for all connectors)
    // goes back to all connectors there.
    s.partners_connector = j["connector"] == "all" ? mailflow::ConnectorChoice::all() : s.choice;
  }
  if (j.contains("partners_direction") && j["partners_direction"].is_string()) {
    const std::string d = j["partners_direction"].get<std::string>();
    s.partners_direction = d == "inbound"    ? std::optional(mailflow::Direction::Inbound)
                           : d == "outbound" ? std::optional(mailflow::Direction::Outbound)
                                             : std::nullopt;
  }
  if (j.contains("partners_search") && j["partners_search"].is_string())
    std::snprintf(s.partners_search, sizeof s.partners_search, "%s", j["partners_search"].get<std::string>().c_str());
  if (j.contains("policy") && j["policy"].is_string())
    s.partners_policy = mailflow::parse_tls_policy(j["policy"].get<std::string>());  // "off": nullopt
  if (j.contains("direction"))
    s.chart_direction = j["direction"] == "outbound" ? mailflow::Direction::Outbound : mailflow::Direction::Inbound;
  if (j.contains("range")) {
    std::string r = j["range"].is_string() ? j["range"].get<std::string>() : std::to_string(j["range"].get<int>());
    s.preset = r == "30" ? mfapp::RangePreset::Last30 : r == "all" ? mfapp::RangePreset::All : mfapp::RangePreset::Last7;
  }
  if (j.contains("from") && j.contains("to")) {
    std::snprintf(s.custom_from, sizeof s.custom_from, "%s", j["from"].get<std::string>().c_str());
    std::snprintf(s.custom_to, sizeof s.custom_to, "%s", j["to"].get<std::string>().c_str());
    s.preset = mfapp::RangePreset::Custom;
  }
  if (j.contains("insight")) {
    s.open_insight = j["insight"].get<int>();
    s.request_insight_popup = s.open_insight >= 0;
  }
  mfapp::apply_view_state(s, j);
  mfapp::run_share_command(s, j);
  mfplat::wake();
}

// The page carries a saved report: shows it at once, in the view it was saved in (the worker reads
// it too, in parallel, for logs dropped on top later). Returns 1, or 0 when it cannot be read.
EMSCRIPTEN_KEEPALIVE int mf_app_open_report(const char* html) {
  std::string error;
  auto report = mailflow::read_saved_report(html ? html : "", error);
  if (!report) {
    mfapp::show_load_error(error);
    return 0;
  }
  auto& s = state();
  mfapp::show_aggregate(std::move(report->aggregate), false);
  s.report = mfapp::SavedReportInfo{report->saved_at, report->generator, report->remote_hosts};
  mf_app_command(report->state_json.c_str());
  return 1;
}

// The saved report the data came from ({"saved_at","generator","remote_hosts"}), or "" when the
// data is not (or no longer) from one.
EMSCRIPTEN_KEEPALIVE void mf_app_set_report(const char* json) {
  auto& s = state();
  auto j = nlohmann::json::parse(json ? json : "", nullptr, false);
  // Every drop of files says "no report" first: only a change is drawn (the banner comes or goes).
  const bool had_report = s.report.has_value();
  if (j.is_discarded() || !j.is_object()) {
    s.report.reset();
  } else {
    mfapp::SavedReportInfo info;
    info.saved_at = j.value("saved_at", "");
    info.generator = j.value("generator", "");
    info.remote_hosts = j.value("remote_hosts", true);
    s.report = info;
  }
  if (had_report || s.report) mfapp::relayout();
}

EMSCRIPTEN_KEEPALIVE void mf_app_set_language(const char* lang) {
  std::string l = lang ? lang : "en";
  state().lang = (l.rfind("de", 0) == 0) ? mfapp::Lang::De : mfapp::Lang::En;
  mfplat::set_language(state().lang == mfapp::Lang::De ? "de" : "en");
  mfplat::wake();
}

// 1 dark, 0 light, -1 follow the system (prefers-color-scheme).
EMSCRIPTEN_KEEPALIVE void mf_app_set_theme(int mode) {
  auto& s = state();
  s.follow_system_theme = mode < 0;
  s.dark = mode < 0 ? mfplat::prefers_dark() : mode == 1;
  mfapp::apply_theme(s.dark, s.scale);
  mfplat::wake();
}

// prefers-color-scheme changed: follow it unless the user picked a theme.
EMSCRIPTEN_KEEPALIVE void mf_app_system_theme_changed() {
  auto& s = state();
  if (!s.follow_system_theme) return;
  s.dark = mfplat::prefers_dark();
  mfapp::apply_theme(s.dark, s.scale);
  mfplat::wake();
}

// Text pasted into the page (document paste event): typed into the focused text field.
EMSCRIPTEN_KEEPALIVE void mf_app_paste(const char* text) {
  if (text) ImGui::GetIO().AddInputCharactersUTF8(text);
  mfplat::wake();
}

}  // extern "C"

int main() {
  if (!mfplat::init()) {
    std::fprintf(stderr, "mailflow: WebGL2 is not available in this browser\n");
    return 1;
  }
  auto& s = state();
  s.lang = mfplat::browser_language().rfind("de", 0) == 0 ? mfapp::Lang::De : mfapp::Lang::En;
  mfplat::set_language(s.lang == mfapp::Lang::De ? "de" : "en");
  s.dark = mfplat::prefers_dark();
  mfapp::g_font = mfplat::font_bytes();
  mfapp::apply_scale_and_theme(s);
  mfplat::run_main_loop(mfapp::frame);
  return 0;
}
