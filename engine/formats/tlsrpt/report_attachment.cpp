#include "formats/tlsrpt/report_attachment.h"

#include <algorithm>

namespace mailflow {

namespace {
constexpr size_t kKindBytes = 4;  // enough for the gzip and zip signatures
}  // namespace

// The entries of a zipped report are its JSON, one after the other.
class ReportAttachment::ZipEntriesToJson final : public ZipEntries {
 public:
  explicit ZipEntriesToJson(ReportAttachment& owner) : owner_(owner) {}
  ByteSink* open_entry(std::string_view) override { return &owner_.json_sink_; }
  void close_entry(std::string_view error) override {
    if (!error.empty() && owner_.error_.empty()) owner_.error_ = std::string(error);
    owner_.objects_.feed("\n");
  }
  void skip_entry(std::string_view name, std::string_view reason) override {
    owner_.report_.add_problem(owner_.line_, "zip entry " + std::string(name.substr(0, 200)) + " in report attachment " +
                                                 owner_.name_ + " skipped: " + std::string(reason));
  }

 private:
  ReportAttachment& owner_;
};

bool ReportAttachment::JsonSink::write(const uint8_t* data, size_t size) {
  self->objects_.feed(std::string_view(reinterpret_cast<const char*>(data), size));
  return true;
}

ReportAttachment::ReportAttachment(TlsRptParser& parser, SourceReport& report, std::string name, uint64_t line,
                                   std::string mail_domain)
    : parser_(parser),
      report_(report),
      name_(name.empty() ? std::string("no file name") : std::move(name)),
      line_(line),
      mail_domain_(std::move(mail_domain)),
      objects_(JsonRecords::Handler{
          [this](std::string_view object, uint64_t) {
            ++objects_seen_;
            parser_.read(object, line_, mail_domain_);
          },
          [this](uint64_t, uint64_t bytes) {
            ++objects_seen_;
            skip("report attachment larger than " + std::to_string(JsonRecords::kMaxObjectBytes >> 20) + " MiB (" +
                 std::to_string(bytes >> 20) + " MiB unpacked); TLS reports are small, so this is not one");
          },
          [this](uint64_t, std::string_view sample) {
            if (stray_.empty()) stray_ = std::string(sample);
          },
          [this](uint64_t) { cut_off_ = true; }}) {
  json_sink_.self = this;
  if (name_.size() > 200) name_ = name_.substr(0, 200) + "...";
}

ReportAttachment::~ReportAttachment() = default;

void ReportAttachment::skip(const std::string& reason, const std::string& detail) {
  parser_.skip(line_, reason, false);
  report_.add_problem(line_, reason + " (" + name_ + detail + ")");
}

bool ReportAttachment::write(const uint8_t* data, size_t size) {
  bytes_ += size;
  if (kind_ != Kind::Undecided) return pass(data, size);
  const size_t take = std::min(size, kKindBytes - head_.size());
  head_.append(reinterpret_cast<const char*>(data), take);
  if (head_.size() < kKindBytes) return true;
  decide(false);
  return pass(data + take, size - take);
}

// From the first bytes, never the labels: gzip, zip, or the JSON as it is.
void ReportAttachment::decide(bool at_end) {
  if (head_.starts_with("\x1f\x8b")) {
    kind_ = Kind::Gzip;
    gzip_ = std::make_unique<GzipStream>();
  } else if (head_.starts_with("PK\x03\x04") || (at_end && head_ == "PK")) {
    kind_ = Kind::Zip;
    entries_ = std::make_unique<ZipEntriesToJson>(*this);
    zip_ = std::make_unique<ZipStream>(*entries_);
  } else {
    kind_ = Kind::Json;
  }
  const std::string held = std::move(head_);
  head_.clear();
  pass(reinterpret_cast<const uint8_t*>(held.data()), held.size());
}

bool ReportAttachment::pass(const uint8_t* data, size_t size) {
  if (!error_.empty()) return false;
  if (size == 0) return true;
  switch (kind_) {
    case Kind::Undecided: return true;
    case Kind::Json: return json_sink_.write(data, size);
    case Kind::Gzip:
      if (!gzip_->feed(data, size, json_sink_)) error_ = gzip_->error();
      break;
    case Kind::Zip:
      if (!zip_->feed(data, size)) error_ = zip_->error();
      break;
  }
  return error_.empty();
}

void ReportAttachment::finish() {
  if (kind_ == Kind::Undecided && !head_.empty()) decide(true);
  if (error_.empty() && kind_ == Kind::Gzip && !gzip_->finish(json_sink_)) error_ = gzip_->error();
  if (error_.empty() && kind_ == Kind::Zip && !zip_->finish()) error_ = zip_->error();
  objects_.finish();
  if (!error_.empty()) {
    // GzipStream says "corrupt gzip: CRC mismatch"; the reason names the attachment's part in it.
    std::string why = "report attachment not read: " + error_;
    for (const std::string_view prefix : {"corrupt gzip: ", "corrupt zip: "})
      if (std::string_view(error_).starts_with(prefix))
        why = std::string(prefix.substr(0, prefix.size() - 2)) + " in the report attachment (" +
              error_.substr(prefix.size()) + ")";
    // The report the corrupt data cut off (or the attachment, when none came out) is skipped
    // under the corruption that cut it; reports read whole before it count.
    if (objects_seen_ == 0 || cut_off_) skip(why);
    else
      report_.add_problem(line_, why + " after " + std::to_string(objects_seen_) +
                                     (objects_seen_ == 1 ? " report (" : " reports (") + name_ + ")");
    return;
  }
  if (cut_off_) {
    skip("the report in the attachment is cut off (its JSON ends early)");
  } else if (objects_seen_ == 0) {
    if (bytes_ == 0) skip("empty report attachment");
    else skip("report attachment without a JSON report", ", which begins \"" + stray_.substr(0, 20) + "\"");
    return;
  }
  if (!stray_.empty()) report_.add_problem(line_, "text outside the JSON report in attachment " + name_);
}

}  // namespace mailflow
