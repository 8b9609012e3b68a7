#include "input.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "aggregate/aggregate_json.h"
#include "export/report_html.h"

namespace mailflow::shell {

namespace {

struct CloseFile {
  void operator()(std::FILE* file) const {
    if (file != stdin) std::fclose(file);
  }
};
using FilePtr = std::unique_ptr<std::FILE, CloseFile>;

void print_error(const std::string& name, std::string_view reason) {
  std::fprintf(stderr, "mailflow: %s: %.*s\n", name.c_str(), static_cast<int>(reason.size()),
               reason.data());
}

std::string display_name(const std::string& path) { return path == "-" ? "stdin" : path; }

FilePtr open_input(const std::string& path, std::string& error) {
  if (path == "-") return FilePtr(stdin);
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = std::string("cannot open (") + std::strerror(errno) + ")";
    return nullptr;
  }
  struct stat info {};
  if (fstat(fileno(file), &info) == 0 && S_ISDIR(info.st_mode)) {
    std::fclose(file);
    error = "is a folder, not a file";
    return nullptr;
  }
  return FilePtr(file);
}

// Size of a regular file, or 0 when unknown (a pipe, stdin from a terminal).
uint64_t known_size(std::FILE* file) {
  struct stat info {};
  if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) return 0;
  return static_cast<uint64_t>(info.st_size);
}

// A line on stderr, redrawn at most four times a second, only for a terminal and large inputs.
class Progress {
 public:
  Progress(std::string name, uint64_t total)
      : name_(std::move(name)), total_(total), enabled_(isatty(fileno(stderr)) != 0),
        start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }

  void update(uint64_t done) {
    if (!enabled_ || std::max(total_, done) < kProgressThreshold) return;
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double mb = static_cast<double>(done) / 1e6;
    const double rate = seconds > 0 ? mb / seconds : 0;
    if (total_ > 0) {
      const double percent = 100.0 * static_cast<double>(done) / static_cast<double>(total_);
      std::fprintf(stderr, "\r\033[Kmailflow: reading %s  %3.0f%%  %.0f MB/s", name_.c_str(),
                   percent, rate);
    } else {
      std::fprintf(stderr, "\r\033[Kmailflow: reading %s  %.0f MB  %.0f MB/s", name_.c_str(), mb, rate);
    }
    std::fflush(stderr);
  }

 private:
  std::string name_;
  uint64_t total_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

// Aggregate JSON starts with '{' and names its schema near the top; no log format does both.
bool looks_like_aggregate_json(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && head[first] == '{' &&
         head.substr(0, 4096).find(kAggregateSchema) != std::string_view::npos;
}

bool read_rest(std::FILE* file, std::string& text) {
  std::vector<char> buffer(kChunkSize);
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) text.append(buffer.data(), n);
  return std::ferror(file) == 0;
}

// A file mailflow cannot read fails the run when it was named on the command line (`required`);
// files found in a named folder are only reported: a folder of exports often holds a README too.
bool unreadable(const std::string& name, const std::string& error, bool required) {
  print_error(name, required ? error : "skipped: " + error);
  return !required;
}

// `buffer`: one for the whole run (zeroing 4 MB for each file was most of a small file's cost);
// a file parsed on a thread of its own takes each chunk's buffer and gives back one it is done
// with (Session::feed), so the chunks are read where they are parsed, not copied.
size_t read_chunk(std::FILE* file, ByteBuffer& buffer) {
  if (buffer.size() < kChunkSize) buffer.resize(kChunkSize);
  return std::fread(buffer.data(), 1, kChunkSize, file);
}

bool read_one(const std::string& path, FilePtr file, Session& session, bool required, ByteBuffer& buffer) {
  const std::string name = display_name(path);
  size_t n = read_chunk(file.get(), buffer);
  const std::string_view head(reinterpret_cast<const char*>(buffer.data()), n);

  if (looks_like_saved_report(head)) {
    std::string text(head);
    if (!read_rest(file.get(), text)) {
      print_error(name, std::string("read failed (") + std::strerror(errno) + ")");
      return false;
    }
    std::string error;
    std::optional<SavedReport> report = read_saved_report(text, error);
    if (!report) return unreadable(name, error, required);
    session.add_aggregate(std::move(report->aggregate));
    return true;
  }
  if (looks_like_aggregate_json(head)) {
    std::string text(head);
    if (!read_rest(file.get(), text)) {
      print_error(name, std::string("read failed (") + std::strerror(errno) + ")");
      return false;
    }
    std::string error;
    std::optional<Aggregate> aggregate = aggregate_from_json(text, error);
    if (!aggregate) return unreadable(name, "not a valid mailflow aggregate (" + error + ")", required);
    session.add_aggregate(std::move(*aggregate));
    return true;
  }

  // Sources are named by the file's name alone, as the page names them: no folder paths end up in
  // an aggregate or a report file meant for sharing.
  const Session::SourceId id = session.add_source(name == "-" ? "stdin" : std::filesystem::path(name).filename().string());
  Progress progress(name, known_size(file.get()));
  uint64_t done = n;
  // The format is chosen from the first 64 KB of text: fed alone, the file's parse thread starts
  // after them and parses the rest of the first chunk, where the whole chunk was parsed here first.
  const size_t first = std::min(n, kFirstFeed);
  if (first > 0) session.feed(id, buffer.data(), first);
  if (n > first) session.feed(id, buffer.data() + first, n - first);
  progress.update(done);
  // A short read was the end (or an error). The rest may be read on the file's parse thread.
  bool at_end = n < kChunkSize;
  session.read_rest(id, buffer, [&](ByteBuffer& chunk) -> size_t {
    if (at_end) return 0;
    const size_t size = read_chunk(file.get(), chunk);
    at_end = size < kChunkSize;
    done += size;
    progress.update(done);
    return size;
  });
  if (std::ferror(file.get()) != 0) {
    print_error(name, std::string("read failed (") + std::strerror(errno) + ")");
    session.cancel(id);
    return false;
  }
  session.finish(id);
  if (const std::string& error = session.report(id).error; !error.empty()) return unreadable(name, error, required);
  return true;
}

// A folder stands for the files below it (sorted, hidden ones left out but Maildir++ folders);
// anything else for itself.
struct Input {
  std::string path;
  bool required;
};
std::vector<Input> expand_folders(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<Input> inputs;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (path == "-" || !fs::is_directory(path, ec)) {
      inputs.push_back({path, true});
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string file_name = it->path().filename().string();
      // Hidden files and folders are left out, except a Maildir++ folder (`.TLS-Reports/` with
      // cur/ and new/), where admins file report e-mails.
      if (file_name.starts_with(".")) {
        if (it->is_directory(ec) && !fs::is_directory(it->path() / "cur", ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec)) found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    for (auto& f : found) inputs.push_back({std::move(f), false});
  }
  return inputs;
}

}  // namespace

bool read_inputs(const std::vector<std::string>& paths, Session& session) {
  const std::vector<Input> inputs = expand_folders(paths);
  // Open everything first: a missing file is reported before minutes of reading the others.
  std::vector<FilePtr> files;
  bool ok = true;
  size_t stdin_uses = 0;
  for (const Input& input : inputs) {
    std::string error;
    if (input.path == "-" && ++stdin_uses > 1) {
      print_error("stdin", "given more than once");
      ok = false;
    }
    files.push_back(open_input(input.path, error));
    if (!files.back()) {
      print_error(display_name(input.path), error);
      ok = false;
    }
  }
  if (!ok) return false;
  // The result is not written when one input fails, so the rest need not be read.
  ByteBuffer buffer;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!read_one(inputs[i].path, std::move(files[i]), session, inputs[i].required, buffer)) return false;
  }
  return true;
}

std::optional<std::string> read_whole(const std::string& path, std::string& error) {
  FilePtr file = open_input(path, error);
  if (!file) return std::nullopt;
  std::string text;
  if (!read_rest(file.get(), text)) {
    error = std::string("read failed (") + std::strerror(errno) + ")";
    return std::nullopt;
  }
  return text;
}

std::optional<Aggregate> load_aggregate_file(const std::string& path) {
  std::string error;
  const std::optional<std::string> text = read_whole(path, error);
  if (!text) {
    print_error(display_name(path), error);
    return std::nullopt;
  }
  if (looks_like_saved_report(std::string_view(*text).substr(0, kChunkSize))) {
    std::optional<SavedReport> report = read_saved_report(*text, error);
    if (!report) {
      print_error(display_name(path), error);
      return std::nullopt;
    }
    return std::move(report->aggregate);
  }
  std::optional<Aggregate> aggregate = aggregate_from_json(*text, error);
  if (!aggregate) print_error(display_name(path), "not a valid mailflow aggregate (" + error + ")");
  return aggregate;
}

}  // namespace mailflow::shell
