// What every view shares: the selected date range, the top bar (title, example-data banner,
// navigation, file picker, language and theme), the controls recorded for tests, and the JSON
// helpers that describe figures in window.mailflow.view().
#include <algorithm>
#include <cstdio>

#include "app/app.h"
#include "app/layout.h"
#include "app/theme.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "report/tlsrpt_view.h"
#include "platform/platform.h"

namespace mfapp {

using mailflow::DateRange;

// The rectangle BeginChild(id, size) gives its child, as ImGui 1.86's BeginChildEx sizes it:
// floored, and 0 or less meaning the space left less that much (at least 4 pixels).
static ImRect child_rect_ahead(ImVec2 size) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  size = ImFloor(size);
  if (size.x <= 0) size.x = std::max(avail.x + size.x, 4.0f);
  if (size.y <= 0) size.y = std::max(avail.y + size.y, 4.0f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  return ImRect(pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

bool begin_card(const char* id, ImVec2 size, bool border, ImGuiWindowFlags flags) {
  // Painted in the parent's draw list before the card begins: ImGui draws a child's border and
  // scrollbars into its parent's list too, at Begin, and they must come after.
  const ImRect rect = child_rect_ahead(size);
  mfplat::fill_opaque_rect(ImGui::GetWindowDrawList(), rect.Min, rect.Max, card_bg_color(), ImGui::GetStyle().ChildRounding);
  // Its own background transparent (ImGui draws none); not NoBackground, which drops the border too.
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
  const bool visible = ImGui::BeginChild(id, size, border, flags);
  ImGui::PopStyleColor();
  return visible;
}

std::optional<DateRange> selected_range(const AppState& s) {
  switch (s.preset) {
    case RangePreset::Last7: return mailflow::last_days(s.aggregate, 7);
    case RangePreset::Last30: return mailflow::last_days(s.aggregate, 30);
    case RangePreset::All: return mailflow::full_range(s.aggregate);
    case RangePreset::Custom: {
      auto from = mailflow::parse_day(s.custom_from);
      auto to = mailflow::parse_day(s.custom_to);
      if (from && to && *from <= *to) return DateRange{*from, *to};
      return mailflow::last_days(s.aggregate, 7);
    }
  }
  return std::nullopt;
}

bool has_tls_reports(const AppState& s) { return !s.aggregate.tls_reports().sessions().empty(); }

std::optional<DateRange> selected_tlsrpt_range(const AppState& s) {
  switch (s.preset) {
    case RangePreset::Last7: return mailflow::tlsrpt_range(s.aggregate, std::nullopt, std::nullopt, 7);
    case RangePreset::Last30: return mailflow::tlsrpt_range(s.aggregate, std::nullopt, std::nullopt, 30);
    case RangePreset::All: return mailflow::tlsrpt_full_range(s.aggregate);
    case RangePreset::Custom: {
      auto from = mailflow::parse_day(s.custom_from);
      auto to = mailflow::parse_day(s.custom_to);
      if (from && to && *from <= *to) return DateRange{*from, *to};
      return mailflow::tlsrpt_range(s.aggregate, std::nullopt, std::nullopt, 7);
    }
  }
  return std::nullopt;
}

std::optional<DateRange> card_range(const AppState& s) { return mailflow::last_days(s.aggregate, 7); }

void record_control(AppState& s, const char* id) {
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  const float k = 1.0f / s.scale;  // canvas pixels -> CSS pixels
  s.view["controls"][id] = {{"x", a.x * k}, {"y", a.y * k}, {"w", (b.x - a.x) * k}, {"h", (b.y - a.y) * k}};
}

nlohmann::json mix_json(const mailflow::TlsMix& mix) {
  nlohmann::json j = nlohmann::json::object();
  j["messages"] = mix.total().messages;
  j["with_tls_data"] = mix.messages_with_tls_data();
  j["encrypted"] = mix.encrypted_messages();
  auto p = mix.protected_share();
  j["protected_share"] = p ? nlohmann::json(*p) : nlohmann::json(nullptr);
  nlohmann::json by = nlohmann::json::object();
  for (auto v : mailflow::kAllTlsVersions) by[std::string(mailflow::tls_key(v))] = mix[v].messages;
  j["by_tls"] = by;
  return j;
}

nlohmann::json insight_json(const mailflow::Insight& in) {
  nlohmann::json hosts = nlohmann::json::array();
  for (const auto& h : in.top_hosts)
    hosts.push_back({{"host", h.host}, {"partner", h.partner}, {"other", h.other}, {"messages", h.messages}});
  return {{"title", in.title},
          {"detail", in.detail},
          {"title_shown", tr_engine(in.title)},
          {"detail_shown", tr_engine(in.detail)},
          {"direction", std::string(mailflow::direction_key(in.direction))},
          {"connector", in.connector_name ? nlohmann::json(*in.connector_name) : nlohmann::json(nullptr)},
          {"share", in.share},
          {"messages", in.messages},
          {"top_hosts", hosts}};
}

void draw_top_bar(AppState& s) {
  const float sc = s.scale;
  ImGui::PushStyleColor(ImGuiCol_Text, accent_color());
  ImGui::TextUnformatted("mailflow");
  ImGui::PopStyleColor();
  // Right side: save, export, language, theme, open files; measured, so they sit flush right and
  // never over the name (a window too narrow for both scrolls).
  const char* open_label = tr("Open files…");
  const char* language_label = s.lang == Lang::De ? "EN" : "DE";  // the language it switches to
  const char* theme_label = s.dark ? tr("Light") : tr("Dark");
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float right_w = button_width(tr("Save report")) + gap + button_width(tr("Export…")) + 16 * sc +
                        button_width(language_label) + gap + button_width(theme_label) + gap + button_width(open_label);
  const float right_x = ImGui::GetWindowContentRegionMax().x - right_w;
  // The subtitle only where it fits beside the buttons (a narrow window or a longer language).
  const char* subtitle = tr("Outbound and inbound mail flow");
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(subtitle).x + 16 * sc < right_x)
    ImGui::TextDisabled("%s", subtitle);
  ImGui::SameLine(std::max(right_x, ImGui::GetCursorPosX()));
  draw_share_buttons(s);
  ImGui::SameLine(0, 16 * sc);
  if (ImGui::SmallButton(language_label)) {
    s.lang = s.lang == Lang::De ? Lang::En : Lang::De;
    mfplat::set_language(s.lang == Lang::De ? "de" : "en");
  }
  record_control(s, "language");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Language"));
  ImGui::SameLine();
  if (ImGui::SmallButton(theme_label)) {
    s.dark = !s.dark;
    s.follow_system_theme = false;
    apply_theme(s.dark, s.scale);
  }
  record_control(s, "theme");
  ImGui::SameLine();
  if (ImGui::Button(open_label)) mfplat::open_file_picker();
  record_control(s, "open-files");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+O");

  // Example banner, or what a saved report holds.
  if (s.report && !s.example) draw_report_banner(s);
  if (s.example) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, s.dark ? IM_COL32(0, 69, 120, 255) : IM_COL32(222, 236, 249, 255));
    // As tall as its text needs: it wraps in a narrow window or a longer language.
    const std::string label = tr("Example data");
    const std::string text = std::string(tr("Drop your mail flow exports anywhere on this page, or open them with Ctrl+O.")) +
                             " " + tr("Nothing leaves this computer.");
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner_w = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x;
    const float wrap_w = std::max(1.0f, inner_w - ImGui::CalcTextSize(label.c_str()).x - style.ItemSpacing.x);
    const float text_h = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap_w).y;
    ImGui::BeginChild("example-banner", ImVec2(0, text_h + 2 * style.WindowPadding.y), true, ImGuiWindowFlags_NoScrollbar);
    ImGui::PushStyleColor(ImGuiCol_Text, accent_color());
    ImGui::TextUnformatted(label.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    s.view["banner"] = "Example data";
  }
  if (!s.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    ImGui::TextWrapped("%s %s", tr("The data could not be loaded:"), tr_engine(s.load_error).c_str());
    ImGui::PopStyleColor();
  }

  // Navigation.
  if (ImGui::BeginTabBar("pages", ImGuiTabBarFlags_NoTooltip)) {
    struct Item { Page page; const char* label; const char* id; };
    const Item items[] = {{Page::Dashboard, "Dashboard", "tab:dashboard"},
                          {Page::Connectors, "Connector report", "tab:connectors"},
                          {Page::Partners, "Partners", "tab:partners"},
                          {Page::TlsReports, "TLS reports", "tab:tls-reports"},
                          {Page::Sources, "Sources", "tab:sources"}};
    // The TLS reports tab only when the data has TLS reports (a page asked for without them
    // shows the dashboard).
    const bool tlsrpt = has_tls_reports(s);
    if (s.page == Page::TlsReports && !tlsrpt) s.page = Page::Dashboard;
    // s.page may be changed elsewhere (a link, the keyboard, a test); the tab bar follows it.
    // SetSelected takes effect on the tab bar's next frame, so the frame that forces a tab does
    // not read the selection back.
    static Page shown = Page::Dashboard;
    const bool force = s.page != shown;
    for (const auto& it : items) {
      if (it.page == Page::TlsReports && !tlsrpt) continue;
      char label[96];
      std::snprintf(label, sizeof label, "%s###%s", tr(it.label), it.id);
      ImGuiTabItemFlags f = (force && it.page == s.page) ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(label, nullptr, f)) {
        if (!force) s.page = it.page;
        ImGui::EndTabItem();
      }
      record_control(s, it.id);
    }
    shown = s.page;
    ImGui::EndTabBar();
  }
}

std::string connector_label_shown(const std::optional<std::string>& name) {
  if (!name) return tr("(unknown connector)");
  if (name->empty()) return tr("(no connector)");
  return *name;
}

std::string connector_choice_label(const mailflow::ConnectorChoice& c, const char* all_label) {
  using Kind = mailflow::ConnectorChoice::Kind;
  switch (c.kind) {
    case Kind::All: return tr(all_label);
    case Kind::NoConnector: return tr("(no connector)");
    case Kind::Unknown: return tr("(unknown connector)");
    case Kind::Named: return c.name;
  }
  return "";
}

nlohmann::json connector_choice_json(const mailflow::ConnectorChoice& c) {
  using Kind = mailflow::ConnectorChoice::Kind;
  switch (c.kind) {
    case Kind::All: return "all";
    case Kind::NoConnector: return "";
    case Kind::Unknown: return nullptr;
    case Kind::Named: return c.name;
  }
  return nullptr;
}

}  // namespace mfapp
