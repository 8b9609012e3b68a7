#include "report_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include "command.h"
#include "input.h"
#include "output.h"
#include "util/text.h"

#ifndef MAILFLOW_DEFAULT_PAGE
#define MAILFLOW_DEFAULT_PAGE ""
#endif

namespace mailflow::shell {

namespace {

std::string executable_folder() {
  char path[4096];
  const ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "";
  std::string text(path, static_cast<size_t>(n));
  const size_t slash = text.rfind('/');
  return slash == std::string::npos ? "" : text.substr(0, slash);
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

bool exists(const std::string& path) { return access(path.c_str(), R_OK) == 0; }

}  // namespace

std::vector<std::string> page_candidates(const ParsedArguments& arguments) {
  if (auto page = arguments.value("page")) return {*page};
  std::vector<std::string> out;
  if (const char* env = std::getenv("MAILFLOW_PAGE"); env != nullptr && *env != '\0') out.emplace_back(env);
  if (const std::string folder = executable_folder(); !folder.empty()) {
    out.push_back(folder + "/mailflow.html");
    out.push_back(folder + "/../share/mailflow/mailflow.html");  // where the package installs it
  }
  if (*MAILFLOW_DEFAULT_PAGE != '\0') out.emplace_back(MAILFLOW_DEFAULT_PAGE);
  return out;
}

ReportState report_state_for(const RangeRequest& request, const std::optional<DateRange>& range,
                             const ConnectorChoice& choice) {
  ReportState state;
  if (request.all) {
    state.range = "all";
  } else if (!request.from && !request.to && (request.days == 7 || request.days == 30)) {
    state.range = std::to_string(request.days);
  } else if (range) {
    state.range = "custom";
    state.from = format_day(range->from);
    state.to = format_day(range->to);
  }
  if (choice.kind != ConnectorChoice::Kind::All) {
    state.page = "connectors";
    state.connector = choice;
  }
  return state;
}

int write_report_file(const ParsedArguments& arguments, const Aggregate& aggregate, const ReportState& state) {
  const std::vector<std::string> candidates = page_candidates(arguments);
  std::string page_path;
  for (const std::string& candidate : candidates) {
    if (exists(candidate)) {
      page_path = candidate;
      break;
    }
  }
  if (page_path.empty()) {
    if (arguments.has("page")) {
      std::fprintf(stderr, "mailflow: %s: cannot open (%s)\n", candidates.front().c_str(), std::strerror(ENOENT));
    } else {
      std::string looked;
      for (const std::string& c : candidates) append_listed(looked, ", ", c);
      std::fprintf(stderr,
                   "mailflow report: the page is not built: run cmake --build --preset wasm "
                   "(or give --page PATH; looked for %s)\n",
                   looked.c_str());
    }
    return kExitInputError;
  }
  std::string error;
  const std::optional<std::string> page = read_whole(page_path, error);
  if (!page) {
    std::fprintf(stderr, "mailflow: %s: %s\n", page_path.c_str(), error.c_str());
    return kExitInputError;
  }
  if (!is_report_page(*page)) {
    std::fprintf(stderr, "mailflow: %s: not the mailflow page (it has no place for a report)\n", page_path.c_str());
    return kExitInputError;
  }
  ReportOptions options;
  options.remote_hosts = !arguments.has("no-hosts");
  options.saved_at = utc_now();
  const std::string html = report_html(*page, aggregate, state, options);

  const std::string out = *arguments.value("html");
  if (out == "-") return write_stdout(html) ? kExitOk : kExitInputError;
  std::FILE* file = std::fopen(out.c_str(), "wb");
  if (file == nullptr) {
    std::fprintf(stderr, "mailflow: %s: cannot write (%s)\n", out.c_str(), std::strerror(errno));
    return kExitInputError;
  }
  const bool written = std::fwrite(html.data(), 1, html.size(), file) == html.size();
  if (std::fclose(file) != 0 || !written) {
    std::fprintf(stderr, "mailflow: %s: cannot write (%s)\n", out.c_str(), std::strerror(errno));
    return kExitInputError;
  }
  std::fprintf(stderr, "mailflow: saved the report to %s (%zu KB)\n", out.c_str(), (html.size() + 1023) / 1024);
  return kExitOk;
}

}  // namespace mailflow::shell
