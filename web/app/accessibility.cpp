// The canvas is opaque to screen readers (imgui#4122), so the page keeps an aria-live text summary
// of what is on screen, built from the same view description the app fills while drawing.
#include <cstdio>

#include "app/app.h"

namespace mfapp {
namespace {

std::string share_text(const nlohmann::json& mix) {
  if (!mix.is_object() || mix["protected_share"].is_null()) return "";
  return ", " + fmt_percent(mix["protected_share"].get<double>()) + " " + tr("TLS protected");
}

std::string mix_text(const char* label, const nlohmann::json& mix) {
  if (!mix.is_object()) return "";
  return std::string(tr(label)) + ": " + fmt_plural(mix.value("messages", uint64_t{0}), "message", "messages") + share_text(mix) + ". ";
}

}  // namespace

std::string accessible_summary(const nlohmann::json& v) {
  std::string out;
  if (v.value("example", false)) out += std::string(tr("Example data")) + ". ";
  const std::string view = v.value("view", "");
  if (v.contains("card") && v["card"].contains("empty_shown")) out += v["card"].value("empty_shown", "") + " ";
  if (v.contains("card") && v["card"].contains("range")) {
    const auto& c = v["card"];
    out += std::string(tr("Outbound and inbound mail flow")) + ", " + tr("Last 7 days") + " (" +
           fmt_day_text(c["range"].value("from", "")) + " – " + fmt_day_text(c["range"].value("to", "")) + "). ";
    out += mix_text("Inbound", c["inbound"]) + mix_text("Outbound", c["outbound"]);
    if (c.contains("tls_hint_shown")) out += c.value("tls_hint_shown", "") + " ";
  }
  if (view == "tls-flyout" && v.contains("flyout")) {
    const auto& f = v["flyout"];
    out += std::string(tr("Message protected in transit (by TLS)")) + ". ";
    out += mix_text("Inbound", f.value("inbound", nlohmann::json())) + mix_text("Outbound", f.value("outbound", nlohmann::json()));
  }
  if (view == "connector-report") {
    out += std::string(tr("Connector report")) + ": " + v.value("connector_label", "") + ". ";
    if (v.contains("totals")) out += mix_text("Inbound", v["totals"]["inbound"]) + mix_text("Outbound", v["totals"]["outbound"]);
  }
  if (view == "tls-reports" && v.contains("tls_reports")) {
    const auto& t = v["tls_reports"];
    out += std::string(tr("TLS reports")) + ". ";
    if (t.contains("totals")) {
      const auto& c = t["totals"];
      out += fmt_plural(c.value("sessions", uint64_t{0}), "session", "sessions") + ", " +
             fmt_count(c.value("failed", uint64_t{0})) + " " + tr("failed") +
             (c["success_share"].is_number() ? ", " + fmt_percent(c["success_share"].get<double>(), 2) + " " + tr("successful") : std::string()) + ". ";
    }
    out += std::string(tr(t.value("note", "").c_str())) + " ";
    if (t.contains("domains") && !t["domains"].empty()) {
      out += tr("Policy domains:");
      for (const auto& d : t["domains"])
        out += " " + d.value("domain", "") + ": " + fmt_plural(d.value("sessions", uint64_t{0}), "session", "sessions") + ", " +
               fmt_count(d.value("failed", uint64_t{0})) + " " + tr("failed") + ".";
      out += " ";
    }
    if (t.contains("failure_types") && !t["failure_types"].empty()) {
      out += std::string(tr("Failure types")) + ":";
      for (const auto& f : t["failure_types"]) {
        const std::string result = f.value("result", "");
        out += " " + std::string(result == mailflow::TlsReports::kNoDetails ? tr("(failure without details)") : result.c_str()) +
               ": " + fmt_count(f.value("sessions", uint64_t{0})) + ".";
      }
      out += " ";
    }
  }
  if (view == "partners" && v.contains("totals")) {
    // The partner table as a list (the first ten, heaviest first) and the what-if's figures.
    const auto& t = v["totals"];
    out += std::string(tr("Partners")) + ": " + fmt_plural(t.value("partners", uint64_t{0}), "partner", "partners") +
           ", " + fmt_plural(t.value("messages", uint64_t{0}), "message", "messages") + share_text(t) + ". ";
    size_t listed = 0;
    for (const auto& p : v.value("partners", nlohmann::json::array())) {
      if (listed++ == 10) break;
      out += (p.value("other", false) ? std::string(tr("(other partners)")) : p.value("partner", "")) + ": " +
             fmt_plural(p.value("messages", uint64_t{0}), "message", "messages") + "; ";
    }
    if (v.contains("what_if") && v["what_if"].is_object()) {
      const auto& w = v["what_if"];
      out += std::string(tr("Would be refused")) + ": " + fmt_plural(w["fail"].value("messages", uint64_t{0}), "message", "messages") +
             "; " + tr("Cannot tell") + ": " + fmt_count(w["cannot_tell"].value("messages", uint64_t{0})) + "; " +
             tr("Would pass") + ": " + fmt_count(w["pass"].value("messages", uint64_t{0})) + ". ";
      if (w["concentration"].is_object()) out += w["concentration"].value("text_shown", "") + ". ";
    }
  }
  if (v.contains("range"))
    out += std::string(tr("Range")) + ": " + fmt_day_text(v["range"].value("from", "")) + " – " +
           fmt_day_text(v["range"].value("to", "")) + ". ";
  if (v.contains("insights") && v["insights"].is_array()) {
    if (v["insights"].empty()) out += tr("No insights for this range.");
    for (const auto& in : v["insights"]) {
      std::string conn = in["connector"].is_null() ? tr("(unknown connector)")
                         : in["connector"].get<std::string>().empty() ? tr("(no connector)")
                                                                      : in["connector"].get<std::string>();
      out += std::string(tr("Insights")) + ": " + in.value("title_shown", "") + " (" + conn + ", " +
             tr(in.value("direction", "") == "inbound" ? "Inbound" : "Outbound") + "). " + in.value("detail_shown", "") + " ";
    }
  }
  // TLS-RPT failures beside the insights (the dashboard and the TLS reports page).
  for (const auto& in : v.value("tlsrpt_insights", nlohmann::json::array())) out += in.value("text_shown", "") + ". ";
  if (v.contains("sources_summary") && !v["sources_summary"].get<std::string>().empty())
    out += std::string(tr("Sources")) + ": " + v["sources_summary"].get<std::string>() + ". ";
  if (view == "sources") {
    for (const auto& g : v.value("source_groups", nlohmann::json::array())) {
      out += g.value("label", "");
      if (!g.value("days_shown", "").empty()) out += ", " + g.value("days_shown", "");
      out += ", " + fmt_plural(g.value("messages", uint64_t{0}), "message", "messages");
      if (g.contains("no_messages_because")) out += " (" + g.value("no_messages_because", "") + ")";
      out += ". ";
    }
  }
  if (v.contains("sources") && view == "sources") {
    for (const auto& src : v["sources"]) {
      out += src.value("name", "") + ": ";
      if (!src.value("error", "").empty()) {
        out += src.value("error_shown", "") + ". ";
        continue;
      }
      if (src.contains("entries")) out += std::string(tr("archive with entries")) + " " + fmt_count(src["entries"].size()) + ". ";
      else out += src.value("format_name_shown", "") + ", " + fmt_plural(src.value("messages", uint64_t{0}), "message", "messages") + ". ";
      // What became of the rest, and what the user should know, as the Sources page lists it.
      if (src.contains("skipped_by_reason_shown") && !src["skipped_by_reason_shown"].empty()) {
        out += std::string(tr("Skipped records by reason")) + ":";
        for (const auto& [reason, count] : src["skipped_by_reason_shown"].items())
          out += " " + reason + ": " + fmt_count(count.get<uint64_t>()) + ";";
        out += " ";
      }
      if (src.contains("notes_shown") && !src["notes_shown"].empty()) {
        out += std::string(tr("Notes")) + ":";
        for (const auto& note : src["notes_shown"]) out += " " + note.get<std::string>() + ";";
        out += " ";
      }
    }
  }
  return out;
}

}  // namespace mfapp
