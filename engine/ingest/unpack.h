// The decompression stage of a source, before text decoding: from the first bytes (never the
// name) it tells gzip (1f 8b), a zip archive (PK 03 04, or PK 05 06 for an empty one) and plain
// input apart.
//   plain  the bytes go on to the source's text decoder unchanged;
//   gzip   they are inflated on the way (io/gzip_stream.h), the source keeps its name, a note
//          says it was unpacked;
//   zip    every file entry becomes a source of its own, named "archive.zip/inner.csv", created
//          through the session as the entry is met and fed while the archive streams by; the
//          archive's own source reads nothing itself and says which entries it skipped. An entry
//          may itself be gzip or a zip (up to kMaxArchiveDepth archives deep).
// Corrupt compressed data sets the source's error ("corrupt gzip: CRC mismatch"); what was read
// before stays counted. A decompression bomb is stopped by the expansion guard of io/inflate.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "aggregate/source_report.h"
#include "io/byte_sink.h"
#include "io/gzip_stream.h"
#include "io/zip_stream.h"

namespace mailflow {

class Source;

class Unpacker {
 public:
  static constexpr int kMaxArchiveDepth = 3;
  using PlainFn = std::function<void(const uint8_t* data, size_t size)>;
  // Creates the source of an archive entry (a Session service).
  using SpawnFn = std::function<Source*(std::string name)>;

  Unpacker(SourceReport& report, PlainFn plain);
  ~Unpacker();
  Unpacker(const Unpacker&) = delete;
  Unpacker& operator=(const Unpacker&) = delete;

  // Without this, a zip archive is refused (a source outside any session).
  void allow_archives(SpawnFn spawn, int depth);

  void feed(const uint8_t* data, size_t size);
  void finish();
  void cancel();  // also cancels the entries' sources
  bool is_archive() const { return kind_ == Kind::Zip; }
  // Plain input, its first bytes passed on: every later byte goes on unchanged.
  bool passes_through() const { return kind_ == Kind::Plain && held_.empty(); }

 private:
  enum class Kind { Undecided, Plain, Gzip, Zip };
  class Entries;
  struct PlainSink final : ByteSink {
    Unpacker* self = nullptr;
    bool write(const uint8_t* data, size_t size) override;
  };

  void decide();
  void pass(const uint8_t* data, size_t size);
  void set_error(const std::string& error);

  SourceReport& report_;
  PlainFn plain_;
  SpawnFn spawn_;
  int depth_ = 0;
  Kind kind_ = Kind::Undecided;
  std::string held_;  // the first bytes, until there are enough to decide
  PlainSink sink_;
  uint64_t unpacked_ = 0;
  std::unique_ptr<GzipStream> gzip_;
  std::unique_ptr<Entries> entries_;
  std::unique_ptr<ZipStream> zip_;
};

}  // namespace mailflow
