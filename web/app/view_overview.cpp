// The dashboard page: Microsoft's "Outbound and inbound mail flow" card (the last 7 days of the
// data: inbound and outbound messages, the share protected by TLS, a small trend) with its
// "View details" link to the TLS flyout, next to the insights of the same week and a summary of
// the files read.
#include <algorithm>

#include "app/app.h"
#include "app/layout.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"
#include "report/tls_coverage.h"

namespace mfapp {
namespace {

// One direction's figures. The TLS-protected share is quoted with its base (the messages whose TLS
// the sources tell) and the coverage beside it, so it cannot be pasted into a report without them.
void direction_figure(AppState& s, mailflow::Direction d, const mailflow::TlsMix& mix, ImU32 color, float width) {
  const uint64_t total = mix.total().messages, with_data = mix.messages_with_tls_data();
  ImGui::BeginGroup();
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(direction_label(d).c_str());
  ImGui::PopStyleColor();
  ImGui::PushFont(big_font());
  ImGui::TextUnformatted(fmt_count(total).c_str());
  ImGui::PopFont();
  ImGui::TextDisabled("%s", tr("messages"));
  if (const auto share = mix.protected_share()) {
    ImGui::TextUnformatted(fmt_percent(share).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", tr("TLS protected"));
    ImGui::TextDisabled(tr("of %s with TLS data"), fmt_count(with_data).c_str());
  } else {
    ImGui::TextDisabled("%s", tr("TLS protected: no TLS data"));
    ImGui::TextUnformatted("");
  }
  // Coverage: the share of messages whose TLS is known, as a thin bar.
  const float fraction = total ? static_cast<float>(with_data) / static_cast<float>(total) : 0.0f;
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, color);
  ImGui::ProgressBar(fraction, ImVec2(width, 4 * s.scale), "");
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("TLS data for %s of %s messages"), fmt_count(with_data).c_str(), fmt_count(total).c_str());
  if (total > with_data)
    ImGui::TextDisabled(tr("%s of %s without TLS data"), fmt_count(total - with_data).c_str(), fmt_count(total).c_str());
  else
    ImGui::TextUnformatted("");
  ImGui::EndGroup();
}

// Why the card is empty (in English): nothing loaded yet, or files that could not be read.
const char* empty_card_text(const AppState& s) {
  for (const auto& src : s.aggregate.sources())
    if (!src.error.empty()) return "The file could not be read; the Sources list says why.";
  return "No data loaded yet.";
}

void draw_card(AppState& s) {
  const float sc = s.scale;
  auto range = card_range(s);
  // A wide window gives the card half its width (the insights take the rest), never less than 520 px.
  const float avail = ImGui::GetContentRegionAvail().x;
  const float card_w = std::min(avail, std::max(520 * sc, avail * 0.5f));
  begin_card("card-mail-flow", ImVec2(card_w, 380 * sc), true);
  ImGui::PushFont(big_font());
  ImGui::SetWindowFontScale(0.62f);
  ImGui::TextUnformatted(tr("Outbound and inbound mail flow"));
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
  nlohmann::json card = nlohmann::json::object();
  card["title"] = "Outbound and inbound mail flow";
  if (!range) {
    ImGui::TextWrapped("%s", tr(empty_card_text(s)));
    card["empty"] = empty_card_text(s);
    card["empty_shown"] = tr(empty_card_text(s));
    s.view["card"] = card;
    ImGui::EndChild();
    return;
  }
  ImGui::TextDisabled("%s: %s – %s", tr("Last 7 days"), fmt_day(range->from).c_str(), fmt_day(range->to).c_str());
  ImGui::Spacing();
  auto overview = mailflow::mail_flow_overview(s.aggregate, *range);
  const float col = ImGui::GetContentRegionAvail().x / 2;
  direction_figure(s, mailflow::Direction::Inbound, overview.totals.inbound, inbound_color(), col - 16 * sc);
  ImGui::SameLine(col);
  direction_figure(s, mailflow::Direction::Outbound, overview.totals.outbound, outbound_color(), col - 16 * sc);
  if (!overview.has_tls_data && (overview.totals.inbound.total().messages || overview.totals.outbound.total().messages)) {
    if (const char* hint = mailflow::missing_tls_hint(s.aggregate)) {
      ImGui::TextWrapped("%s", tr_engine(hint).c_str());
      card["tls_hint"] = hint;
      card["tls_hint_shown"] = tr_engine(hint);
    }
  }
  ImGui::Spacing();
  // The trend: all mail per day, split by what TLS did for it. Blue, vermilion and grey (Okabe and
  // Ito's palette) stay apart for colour-blind readers; directions are told by their labels.
  StackedBars trend;
  trend.series = {{tr("TLS protected"), IM_COL32(0, 114, 178, 255)},
                  {tr("No TLS"), IM_COL32(213, 94, 0, 255)},
                  {tr("No TLS data"), muted_text_color(), false}};
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : overview.days) {
    mailflow::TlsMix all = d.mix.inbound;
    all.add(d.mix.outbound);
    const double encrypted = static_cast<double>(all.encrypted_messages());
    const double plain = static_cast<double>(all[mailflow::TlsVersion::None].messages);
    const double no_data = static_cast<double>(all[mailflow::TlsVersion::NoData].messages);
    trend.x_labels.push_back(fmt_day_short(d.day));
    trend.x_titles.push_back(fmt_day(d.day));
    trend.values.push_back({encrypted, plain, no_data});
    trend.notes.push_back(std::string(tr("Inbound")) + ": " + fmt_count(d.mix.inbound.total().messages) + " · " +
                          tr("Outbound") + ": " + fmt_count(d.mix.outbound.total().messages));
    days.push_back({{"day", mailflow::format_day(d.day)},
                    {"inbound", d.mix.inbound.total().messages},
                    {"outbound", d.mix.outbound.total().messages},
                    {"protected", all.encrypted_messages()},
                    {"no_tls", all[mailflow::TlsVersion::None].messages},
                    {"no_data", all[mailflow::TlsVersion::NoData].messages}});
  }
  const float button_h = ImGui::GetFrameHeightWithSpacing();
  draw_stacked_bars("trend", trend, std::max(90 * sc, ImGui::GetContentRegionAvail().y - button_h - 4 * sc));
  if (ImGui::Button(tr("View details"))) {
    s.flyout_open = true;
    s.focus_flyout = true;
  }
  record_control(s, "view-details");
  ImGui::EndChild();

  card["range"] = {{"from", mailflow::format_day(range->from)}, {"to", mailflow::format_day(range->to)}, {"days", range->days()}};
  card["inbound"] = mix_json(overview.totals.inbound);
  card["outbound"] = mix_json(overview.totals.outbound);
  card["days"] = days;
  s.view["card"] = card;
}

// The files in a few words: each file with its format and messages, or, for more files than
// fit, one line per format (files, days covered, messages) as the Sources page sums them up.
void draw_sources_summary(AppState& s) {
  constexpr size_t kFilesListed = 8;
  begin_card("card-sources", ImVec2(0, 0), true);
  ImGui::TextUnformatted(tr("Sources"));
  ImGui::Separator();
  const auto& sources = s.aggregate.sources();
  const std::vector<SourceGroup> groups = group_sources(sources);
  s.view["sources_summary"] = sources_summary_line(groups);
  if (sources.empty()) ImGui::TextDisabled("%s", tr("no files"));
  if (sources.size() > kFilesListed) {
    for (const auto& g : groups) {
      std::string line = format_group_label(g);
      if (g.first_day && g.last_day) line += " · " + fmt_day_span(*g.first_day, *g.last_day);
      line += " · " + fmt_plural(g.messages, "message", "messages");
      ImGui::Bullet();
      ImGui::TextWrapped("%s", line.c_str());
    }
    if (ImGui::SmallButton(tr("Sources"))) s.page = Page::Sources;
    record_control(s, "card-sources:all");
  } else {
    for (const auto& src : sources) {
      ImGui::TextUnformatted(src.name.c_str());
      ImGui::SameLine();
      if (!src.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, error_color());
        ImGui::TextWrapped("%s", tr_engine(src.error).c_str());
        ImGui::PopStyleColor();
      } else {
        text_disabled_wrapped((src.format_name.empty() ? src.format : tr_engine(src.format_name)) + " · " +
                              fmt_plural(src.messages, "message", "messages"));
      }
    }
  }
  ImGui::EndChild();
}

}  // namespace

void draw_overview(AppState& s) {
  s.view["view"] = s.flyout_open ? "tls-flyout" : "dashboard";
  const float sc = s.scale;
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = avail > 900 * sc;
  draw_card(s);
  // The card is the dashboard's chart (for Export > Chart): its rectangle, not the cursor after it.
  {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.chart_rect = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
    const float k = 1.0f / s.scale;
    s.view["chart"] = {{"x", a.x * k}, {"y", a.y * k}, {"w", (b.x - a.x) * k}, {"h", (b.y - a.y) * k}};
  }
  if (side_by_side) ImGui::SameLine();
  static const std::vector<mailflow::Insight> kNone;
  const auto range = card_range(s);
  const std::vector<mailflow::Insight>& insights = range ? insights_of(s, *range) : kNone;
  begin_card("card-insights", ImVec2(0, 380 * sc), true);
  draw_insights(s, insights, true);
  ImGui::EndChild();
  draw_sources_summary(s);
}

}  // namespace mfapp
