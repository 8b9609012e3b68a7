// The Sources panel: every file read, with its format, records, messages, skipped records and
// why, the first problems with their line numbers, notes, and errors such as "not a format
// mailflow reads". Garbage and empty files end up here, visibly. A zip archive's entries are
// listed under it, each with its own format, counts and errors; for Postfix, Exim and Sendmail
// logs a hint says what "connector" means there.
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "app/app.h"
#include "app/charts.h"
#include "app/theme.h"
#include "imgui.h"
#include "platform/platform.h"
#include "text/messages.h"

namespace mfapp {

namespace {

// More files than this: the list of files starts folded under the summary.
constexpr size_t kOpenListUpTo = 10;

// Postfix, Exim and Sendmail logs have no connectors: their readers take the MTA's service or
// transport (smtp, relay, lmtp, remote_smtp, esmtp, ...) as the connector.
bool connector_is_transport(const std::string& format) {
  return format == "postfix" || format == "exim" || format == "sendmail";
}

// Zip entries are sources of their own, named "archive.zip/inner.csv" (nested archives
// "a.zip/b.zip/c.csv"). The aggregate does not keep Session::parent(), so the archive is found by
// name: the longest other source that is a zip archive and whose name and a "/" begin this one.
std::vector<int> source_parents(const std::vector<mailflow::SourceReport>& sources) {
  std::vector<int> parent(sources.size(), -1);
  for (size_t i = 0; i < sources.size(); ++i) {
    size_t best = 0;
    for (size_t j = 0; j < sources.size(); ++j) {
      const std::string& p = sources[j].name;
      if (j == i || sources[j].format != "zip" || p.size() <= best || p.size() + 1 >= sources[i].name.size()) continue;
      if (sources[i].name.compare(0, p.size(), p) == 0 && sources[i].name[p.size()] == '/') {
        parent[i] = static_cast<int>(j);
        best = p.size();
      }
    }
  }
  // A name cycle cannot arise (a parent's name is strictly shorter), so every chain ends.
  return parent;
}

// The sources in the order shown: each archive followed by its entries (depth-first), the rest
// in the order they were read.
void source_order(const std::vector<int>& parent, int of, int depth, std::vector<std::pair<int, int>>& out) {
  for (size_t i = 0; i < parent.size(); ++i)
    if (parent[i] == of) {
      out.push_back({static_cast<int>(i), depth});
      source_order(parent, static_cast<int>(i), depth + 1, out);
    }
}

}  // namespace

void draw_sources(AppState& s) {
  const float sc = s.scale;
  s.view["view"] = s.flyout_open ? "tls-flyout" : "sources";
  begin_card("sources", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  const auto& sources = s.aggregate.sources();
  nlohmann::json list = nlohmann::json::array();
  const std::vector<int> parent = source_parents(sources);
  std::vector<std::pair<int, int>> order;  // (index into sources, depth under archives)
  source_order(parent, -1, 0, order);

  if (s.example) {
    ImGui::TextDisabled("%s", tr("Example data"));
  } else {
    ImGui::TextDisabled("%s", tr("Drop more exports to add them, or"));
    ImGui::SameLine();
    if (ImGui::SmallButton(tr("Show example data"))) mfplat::load_example();
    record_control(s, "load-example");
  }

  // The name shown: an entry's name inside its archive, indented under it.
  auto shown_name = [&](int i, int depth) {
    const auto& src = sources[static_cast<size_t>(i)];
    if (parent[static_cast<size_t>(i)] < 0) return src.name;
    const std::string& archive = sources[static_cast<size_t>(parent[static_cast<size_t>(i)])].name;
    return std::string(static_cast<size_t>(depth) * 4, ' ') + "· " + src.name.substr(archive.size() + 1);
  };
  auto format_of = [](const mailflow::SourceReport& src) -> std::string {
    return src.format_name.empty() ? (src.format.empty() ? tr("not recognised") : src.format) : tr_engine(src.format_name);
  };

  // The summary first: files by format, the days they cover, their messages.
  const std::vector<SourceGroup> groups = group_sources(sources);
  nlohmann::json groups_json = nlohmann::json::array();
  for (const auto& g : groups) {
    const std::string label = format_group_label(g);
    const std::string days = g.first_day && g.last_day ? fmt_day_span(*g.first_day, *g.last_day) : "";
    const std::string messages = fmt_plural(g.messages, "message", "messages") + (g.why_none.empty() ? "" : " (" + g.why_none + ")");
    ImGui::Bullet();
    if (days.empty()) ImGui::TextWrapped("%s · %s", label.c_str(), messages.c_str());
    else ImGui::TextWrapped("%s · %s · %s", label.c_str(), days.c_str(), messages.c_str());
    nlohmann::json gj = {{"format", g.format}, {"label", label}, {"files", g.files}, {"messages", g.messages}, {"days_shown", days}};
    if (!g.why_none.empty()) gj["no_messages_because"] = g.why_none;
    if (g.first_day && g.last_day) {
      gj["first_day"] = mailflow::format_day(*g.first_day);
      gj["last_day"] = mailflow::format_day(*g.last_day);
    }
    groups_json.push_back(gj);
  }
  s.view["source_groups"] = groups_json;
  s.view["sources_summary"] = sources_summary_line(groups);

  Table t;
  t.headers = {tr("File"), tr("Format"), tr("Days"), tr("Records"), tr("Messages"), tr("Skipped"), tr("Problems"), tr("Status")};
  bool any_transport = false;
  for (const auto& [i, depth] : order) {
    const auto& src = sources[static_cast<size_t>(i)];
    auto num = [](uint64_t n) { return TableCell{fmt_count(n), static_cast<double>(n), true}; };
    const bool failed = !src.error.empty();
    // A file that counted no messages says why (the error, joined into another file, TLS-RPT, ...).
    const std::string why_none = zero_messages_reason(src);
    const std::string status = failed ? tr_engine(src.error) : !why_none.empty() ? why_none : tr("done");
    const std::string days = src.first_day && src.last_day ? fmt_day_span(*src.first_day, *src.last_day) : "";
    t.rows.push_back({{shown_name(i, depth)},
                      {format_of(src)},
                      {days, src.first_day ? static_cast<double>(*src.first_day) : 0.0},
                      num(src.records), num(src.messages), num(src.skipped), num(src.problems.size()),
                      {status, 0, false, false, failed ? error_color() : 0, status}});
    nlohmann::json j = {{"name", src.name},       {"format", src.format}, {"format_name", src.format_name},
                        {"records", src.records}, {"messages", src.messages}, {"skipped", src.skipped},
                        {"problems", src.problems.size()}, {"error", src.error},
                        {"status_shown", status}, {"days_shown", days}};
    if (!why_none.empty()) j["no_messages_because"] = why_none;
    if (src.first_day && src.last_day) {
      j["first_day"] = mailflow::format_day(*src.first_day);
      j["last_day"] = mailflow::format_day(*src.last_day);
    }
    // What the page shows of the engine's texts, in the UI's language, with their codes.
    nlohmann::json skipped_shown = nlohmann::json::object(), notes_shown = nlohmann::json::array(),
                   problems_shown = nlohmann::json::array(), codes = nlohmann::json::array();
    for (const auto& [reason, count] : src.skipped_by_reason) {
      skipped_shown[tr_engine(reason)] = count;
      codes.push_back(std::string(mailflow::message_code(reason)));
    }
    for (const auto& note : src.notes) {
      notes_shown.push_back(tr_engine(note));
      codes.push_back(std::string(mailflow::message_code(note)));
    }
    for (const auto& problem : src.problems) problems_shown.push_back({{"line", problem.line}, {"reason", tr_engine(problem.reason)}});
    j["format_name_shown"] = format_of(src);
    j["error_shown"] = tr_engine(src.error);
    j["skipped_by_reason_shown"] = skipped_shown;
    j["notes_shown"] = notes_shown;
    j["problems_shown"] = problems_shown;
    j["codes"] = codes;
    const int p = parent[static_cast<size_t>(i)];
    if (p >= 0) {
      j["archive"] = sources[static_cast<size_t>(p)].name;
      j["entry"] = src.name.substr(sources[static_cast<size_t>(p)].name.size() + 1);
      j["depth"] = depth;
    }
    if (src.format == "zip") {
      nlohmann::json entries = nlohmann::json::array();
      for (size_t k = 0; k < sources.size(); ++k)
        if (parent[k] == i) entries.push_back(sources[k].name);
      j["entries"] = entries;
    }
    if (connector_is_transport(src.format)) {
      j["connector_hint"] = "connector = the MTA's service or transport";
      any_transport = true;
    }
    list.push_back(j);
  }
  s.view["sources"] = list;
  // A long list starts folded: the summary above says what it holds.
  char files_header[96];
  std::snprintf(files_header, sizeof files_header, "%s (%s)###sources-files", tr("Files"), fmt_count(order.size()).c_str());
  const bool list_open = ImGui::CollapsingHeader(files_header, order.size() <= kOpenListUpTo ? ImGuiTreeNodeFlags_DefaultOpen : 0);
  record_control(s, "sources:files");
  s.view["sources_list_open"] = list_open;
  if (!list_open) {
    ImGui::EndChild();
    return;
  }
  draw_table("sources-table", t, 260 * sc);
  if (any_transport)
    ImGui::TextDisabled("%s", tr("Postfix, Exim and Sendmail logs: \"connector\" is the MTA's service or transport (smtp, relay, lmtp, ...)."));

  // Details per file; a zip archive's entries inside its own section.
  std::vector<int> open_depth;  // the depths whose section is open, outermost first
  for (size_t n = 0; n < order.size(); ++n) {
    const auto [i, depth] = order[n];
    // Close the sections of archives this source is not in.
    while (!open_depth.empty() && open_depth.back() >= depth) {
      ImGui::Unindent();
      ImGui::TreePop();
      open_depth.pop_back();
    }
    if (depth > static_cast<int>(open_depth.size())) continue;  // inside a closed archive
    const auto& src = sources[static_cast<size_t>(i)];
    ImGui::PushID(i);
    const bool failed = !src.error.empty();
    const bool archive = src.format == "zip";
    if (failed) ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_Framed | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (failed || src.skipped || archive) flags |= ImGuiTreeNodeFlags_DefaultOpen;
    const std::string label = depth == 0 ? src.name : src.name.substr(sources[static_cast<size_t>(parent[static_cast<size_t>(i)])].name.size() + 1);
    const bool open = ImGui::CollapsingHeader(label.c_str(), flags);
    if (failed) ImGui::PopStyleColor();
    ImGui::PopID();
    if (!open) continue;
    ImGui::Indent();
    if (failed) {
      ImGui::PushStyleColor(ImGuiCol_Text, error_color());
      ImGui::TextWrapped("%s", tr_engine(src.error).c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Text("%s: %s", tr("Format"), format_of(src).c_str());
    if (archive) {
      size_t entries = 0;
      for (int p : parent) entries += p == i;
      ImGui::TextDisabled("%s: %s", tr("Entries read as sources of their own"), fmt_count(entries).c_str());
    } else {
      ImGui::Text("%s: %s · %s: %s · %s: %s", tr("Records"), fmt_count(src.records).c_str(), tr("Messages"),
                  fmt_count(src.messages).c_str(), tr("Skipped"), fmt_count(src.skipped).c_str());
      if (src.reports) ImGui::TextDisabled("%s: %s", tr("TLS reports"), fmt_count(src.reports).c_str());
    }
    if (connector_is_transport(src.format))
      ImGui::TextDisabled("%s", tr("Here \"connector\" means the MTA's service or transport (smtp, relay, lmtp, ...)."));
    if (!src.skipped_by_reason.empty()) {
      ImGui::TextUnformatted(tr("Skipped records by reason"));
      for (const auto& [reason, count] : src.skipped_by_reason) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s: %s", tr_engine(reason).c_str(), fmt_count(count).c_str());
      }
    }
    if (!src.problems.empty()) {
      Table p;
      p.headers = {tr("Line"), tr("Reason")};
      for (const auto& pr : src.problems)
        p.rows.push_back({{fmt_count(pr.line), static_cast<double>(pr.line), true}, {tr_engine(pr.reason)}});
      ImGui::PushID(i);
      draw_table("problems", p, 200 * sc);
      ImGui::PopID();
    }
    if (!src.notes.empty()) {
      ImGui::TextUnformatted(tr("Notes"));
      // Notes are sentences, often longer than the window is wide: wrapped, never cut off.
      for (const auto& note : src.notes) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", tr_engine(note).c_str());
      }
    }
    if (archive) {
      // Its entries follow, inside this section.
      ImGui::TreePush(src.name.c_str());
      open_depth.push_back(depth);
      continue;  // stays indented
    }
    ImGui::Unindent();
  }
  while (!open_depth.empty()) {
    ImGui::Unindent();
    ImGui::TreePop();
    open_depth.pop_back();
  }
  ImGui::EndChild();
}

}  // namespace mfapp
