// The sources in a few words: grouped by format ("3 Extended reports, 30 tracking logs"), the days
// each group's files cover, and why a file counted no messages. Shared by the Sources page, the
// saved report's banner and the progress panel, so they all say the same.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "util/text.h"

namespace mfapp {
namespace {

struct FormatNoun {
  const char* key;
  const char* one;
  const char* many;
};
// Short nouns for a count of files of a format (the formats' own names are long sentences).
constexpr FormatNoun kNouns[] = {
    {"exo-extended", "Extended report", "Extended reports"},
    {"exo-enhanced-summary", "enhanced summary report", "enhanced summary reports"},
    {"message-trace", "message trace", "message traces"},
    {"message-trace-json", "message trace (JSON)", "message traces (JSON)"},
    {"message-trace-detail", "trace detail", "trace details"},
    {"message-trace-detail-json", "trace detail (JSON)", "trace details (JSON)"},
    {"eac-inout-report", "EAC report", "EAC reports"},
    {"exchange-tracking", "tracking log", "tracking logs"},
    {"exchange-protocol", "protocol log", "protocol logs"},
    {"mailflow-csv", "mailflow CSV", "mailflow CSVs"},
    {"postfix", "Postfix log", "Postfix logs"},
    {"exim", "Exim log", "Exim logs"},
    {"sendmail", "Sendmail log", "Sendmail logs"},
    {"tlsrpt", "TLS report", "TLS reports"},
    {"tlsrpt-mail", "TLS report e-mail", "TLS report e-mails"},
    {"", "unreadable file", "unreadable files"},
};

const char* month_name(int month) {
  static const char* en[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return en[std::clamp(month, 1, 12) - 1];
}

}  // namespace

std::vector<SourceGroup> group_sources(const std::vector<mailflow::SourceReport>& sources) {
  std::vector<SourceGroup> groups;
  for (const auto& src : sources) {
    if (src.format == "zip") continue;  // an archive: its entries are counted by their own formats
    auto it = std::find_if(groups.begin(), groups.end(), [&](const SourceGroup& g) { return g.format == src.format; });
    if (it == groups.end()) {
      groups.push_back({src.format, src.format_name});
      it = groups.end() - 1;
    }
    ++it->files;
    it->messages += src.messages;
    if (src.first_day && src.last_day) {
      it->first_day = it->first_day ? std::min(*it->first_day, *src.first_day) : *src.first_day;
      it->last_day = it->last_day ? std::max(*it->last_day, *src.last_day) : *src.last_day;
    }
  }
  for (auto& g : groups)
    if (g.messages == 0)
      for (const auto& src : sources)
        if (src.format == g.format && src.format != "zip") {
          g.why_none = zero_messages_reason(src);
          break;
        }
  // The busiest formats first; unreadable files last.
  std::stable_sort(groups.begin(), groups.end(), [](const SourceGroup& a, const SourceGroup& b) {
    if (a.format.empty() != b.format.empty()) return b.format.empty();
    return a.files > b.files;
  });
  return groups;
}

std::string format_group_label(const SourceGroup& group) {
  for (const auto& noun : kNouns)
    if (group.format == noun.key) return fmt_plural(group.files, noun.one, noun.many);
  // A format without a short noun: its full name, counted.
  const std::string name = group.format_name.empty() ? group.format : tr_engine(group.format_name);
  return fmt_count(group.files) + " × " + name;
}

std::string sources_summary_line(const std::vector<SourceGroup>& groups) {
  std::string line;
  for (const auto& g : groups) mailflow::append_listed(line, ", ", format_group_label(g));
  return line;
}

std::string fmt_day_span(mailflow::Day first, mailflow::Day last) {
  if (last < first) std::swap(first, last);
  const auto a = mailflow::civil_from_day(first), b = mailflow::civil_from_day(last);
  char buf[64];
  if (ui_language() == mailflow::Language::De) {
    if (first == last) return fmt_day(first);
    if (a.year == b.year && a.month == b.month)
      std::snprintf(buf, sizeof buf, "%d.–%d.%02d.%d", a.day, b.day, b.month, b.year);
    else if (a.year == b.year)
      std::snprintf(buf, sizeof buf, "%d.%02d.–%d.%02d.%d", a.day, a.month, b.day, b.month, b.year);
    else
      return fmt_day(first) + "–" + fmt_day(last);
    return buf;
  }
  if (first == last) std::snprintf(buf, sizeof buf, "%d %s %d", a.day, month_name(a.month), a.year);
  else if (a.year == b.year && a.month == b.month)
    std::snprintf(buf, sizeof buf, "%d–%d %s %d", a.day, b.day, month_name(b.month), b.year);
  else if (a.year == b.year)
    std::snprintf(buf, sizeof buf, "%d %s – %d %s %d", a.day, month_name(a.month), b.day, month_name(b.month), b.year);
  else
    std::snprintf(buf, sizeof buf, "%d %s %d – %d %s %d", a.day, month_name(a.month), a.year, b.day,
                  month_name(b.month), b.year);
  return buf;
}

std::string zero_messages_reason(const mailflow::SourceReport& src) {
  if (src.messages > 0) return "";
  if (!src.error.empty()) return tr_engine(src.error);
  if (src.format == "zip") return tr("an archive: its files are listed under it");
  if (src.format == "tlsrpt" || src.format == "tlsrpt-mail")
    return std::string("TLS-RPT: ") + fmt_plural(src.reports, "report", "reports") + " · " + tr("see TLS reports");
  if (!src.counted_by.empty()) return std::string(tr("counted by")) + " " + src.counted_by;
  for (const auto& note : src.notes)
    if (note.find("counted from another file first") != std::string::npos)
      return tr("counted from another file first (the same message ids)");
  if (src.format == "exchange-protocol") return tr("sessions, joined into the tracking log");
  if (src.records == 0) return tr("no data rows");
  if (src.skipped == src.records) return tr("every record skipped (see its details)");
  return tr("no messages");
}

}  // namespace mfapp
