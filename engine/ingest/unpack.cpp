#include "ingest/unpack.h"

#include <vector>

#include "ingest/source.h"

namespace mailflow {

namespace {
constexpr size_t kMagicBytes = 4;
constexpr size_t kMaxSkipNotes = 20;
}  // namespace

// The archive's entries, each fed to a source of its own as the archive streams by.
class Unpacker::Entries final : public ZipEntries {
 public:
  explicit Entries(Unpacker& owner) : owner_(owner) {}

  ByteSink* open_entry(std::string_view name) override {
    current_ = owner_.spawn_(owner_.report_.name + "/" + std::string(name));
    children_.push_back(current_);
    sink_.target = current_;
    ++files_;
    return &sink_;
  }
  void close_entry(std::string_view error) override {
    if (!current_) return;
    current_->finish_with_error(std::string(error));
    current_ = nullptr;
  }
  void skip_entry(std::string_view name, std::string_view reason) override {
    if (reason == "a folder") {
      ++folders_;
      return;
    }
    ++skipped_;
    const std::string text = "entry \"" + std::string(name.substr(0, 200)) + "\" not read: " + std::string(reason);
    owner_.report_.add_problem(0, text);
    if (skipped_ <= kMaxSkipNotes) owner_.report_.notes.push_back(text);
  }
  void cancel() {
    for (Source* child : children_) child->cancel();
  }

  uint64_t files_ = 0, folders_ = 0, skipped_ = 0;

 private:
  struct ChildSink final : ByteSink {
    Source* target = nullptr;
    bool write(const uint8_t* data, size_t size) override {
      target->feed(data, size);
      return target->report().error.empty();
    }
  };

  Unpacker& owner_;
  Source* current_ = nullptr;
  std::vector<Source*> children_;
  ChildSink sink_;
};

bool Unpacker::PlainSink::write(const uint8_t* data, size_t size) {
  self->unpacked_ += size;
  self->plain_(data, size);
  return self->report_.error.empty();
}

Unpacker::Unpacker(SourceReport& report, PlainFn plain) : report_(report), plain_(std::move(plain)) {
  sink_.self = this;
}
Unpacker::~Unpacker() = default;

void Unpacker::allow_archives(SpawnFn spawn, int depth) {
  spawn_ = std::move(spawn);
  depth_ = depth;
}

void Unpacker::set_error(const std::string& error) {
  if (report_.error.empty()) report_.error = error;
}

void Unpacker::feed(const uint8_t* data, size_t size) {
  if (kind_ == Kind::Undecided) {
    const size_t take = std::min(size, kMagicBytes - held_.size());
    held_.append(reinterpret_cast<const char*>(data), take);
    data += take, size -= take;
    if (held_.size() < kMagicBytes) return;
    decide();
  }
  pass(data, size);
}

void Unpacker::decide() {
  const std::string_view head = held_;
  if (head.starts_with("\x1f\x8b")) {
    kind_ = Kind::Gzip;
    gzip_ = std::make_unique<GzipStream>();
  } else if (head.starts_with(std::string_view("PK\x03\x04", 4)) || head.starts_with(std::string_view("PK\x05\x06", 4))) {
    kind_ = Kind::Zip;
    report_.format = "zip";
    report_.format_name = "zip archive";
    if (!spawn_) set_error("a zip archive, which can only be read through a session");
    else if (depth_ >= kMaxArchiveDepth)
      set_error("a zip archive inside " + std::to_string(depth_) + " archives; unzip the outer ones first");
    entries_ = std::make_unique<Entries>(*this);
    zip_ = std::make_unique<ZipStream>(*entries_);
  } else {
    kind_ = Kind::Plain;
  }
  std::string held;
  held.swap(held_);
  pass(reinterpret_cast<const uint8_t*>(held.data()), held.size());
}

void Unpacker::pass(const uint8_t* data, size_t size) {
  if (size == 0 || !report_.error.empty()) return;
  switch (kind_) {
    case Kind::Undecided: break;
    case Kind::Plain: plain_(data, size); break;
    case Kind::Gzip:
      if (!gzip_->feed(data, size, sink_)) set_error(gzip_->error());
      break;
    case Kind::Zip:
      if (!zip_->feed(data, size)) set_error(zip_->error());
      break;
  }
}

void Unpacker::finish() {
  if (kind_ == Kind::Undecided) decide();
  if (!report_.error.empty()) {
    if (entries_) entries_->close_entry("the archive could not be read to the end of this entry");
    return;
  }
  if (kind_ == Kind::Gzip) {
    if (!gzip_->finish(sink_)) set_error(gzip_->error());
    std::string note = "unpacked from gzip: " + std::to_string(report_.bytes_read) + " bytes to " +
                       std::to_string(unpacked_);
    if (gzip_->members() > 1) note += " (" + std::to_string(gzip_->members()) + " gzip members)";
    report_.notes.push_back(note);
    if (gzip_->trailing_bytes())
      report_.notes.push_back(std::to_string(gzip_->trailing_bytes()) + " bytes after the end of the gzip data were ignored");
  } else if (kind_ == Kind::Zip) {
    if (!zip_->finish()) set_error(zip_->error());
    if (zip_->entries() == 0 && report_.error.empty()) set_error("an empty zip archive");
    std::string note = "zip archive: " + std::to_string(entries_->files_) +
                       (entries_->files_ == 1 ? " file read as a source of its own" : " files read as sources of their own");
    if (entries_->folders_) note += "; " + std::to_string(entries_->folders_) + " folder entries skipped";
    if (entries_->skipped_) note += "; " + std::to_string(entries_->skipped_) + " entries not read (see the problems)";
    report_.notes.push_back(note);
    if (zip_->capped())
      report_.notes.push_back("stopped after " + std::to_string(ZipStream::kMaxEntries) +
                              " entries (a limit against hostile archives); the rest of the archive was not read");
  }
}

void Unpacker::cancel() {
  if (entries_) entries_->cancel();
}

}  // namespace mailflow
