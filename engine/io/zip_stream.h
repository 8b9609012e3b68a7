// zip archives (PKWARE APPNOTE 6.3), read front to back as a stream: each local file header, its
// data (stored or deflate, with or without a data descriptor after it, Zip64 sizes in the local
// extra field), and the central directory at the end is ignored. Reading from the front is what
// a browser stream allows (no seeking), and it never holds an entry in memory.
//
// Entries go to the owner one at a time (ZipEntries): it says where an entry's bytes go, and is
// told how the entry ended (CRC and length checked). Folders, encrypted entries and compression
// methods other than stored/deflate are skipped with a reason. An entry whose end is only marked
// by a data descriptor must be deflate (its end is where the deflate data ends); a stored one
// cannot be delimited without the central directory and stops the archive with a message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/byte_sink.h"
#include "io/inflate.h"

namespace mailflow {

class ZipEntries {
 public:
  virtual ~ZipEntries() = default;
  // A file entry starts: where its bytes go. nullptr reads the entry without keeping its bytes.
  virtual ByteSink* open_entry(std::string_view name) = 0;
  // The entry opened last ended: `error` is empty when it was read whole and its CRC matched.
  virtual void close_entry(std::string_view error) = 0;
  // An entry that is not read (a folder, an encrypted file, an unsupported method).
  virtual void skip_entry(std::string_view name, std::string_view reason) = 0;
};

class ZipStream {
 public:
  static constexpr uint64_t kMaxEntries = 10000;

  explicit ZipStream(ZipEntries& entries, ExpansionLimit limit = {});

  // False once the archive cannot be read on; error() says why.
  bool feed(const uint8_t* data, size_t size);
  bool finish();

  const std::string& error() const { return error_; }
  uint64_t entries() const { return entries_; }  // local headers met, folders and skipped ones included
  bool capped() const { return capped_; }        // stopped at kMaxEntries

 private:
  enum class State { Signature, Header, Name, Extra, Stored, Deflate, Skip, Descriptor, End, Failed };

  // Passes an entry's bytes on (until the owner refuses them) and checks its CRC.
  struct EntrySink final : ByteSink {
    ByteSink* next = nullptr;
    uint32_t crc = 0;
    uint64_t size = 0;
    bool write(const uint8_t* data, size_t n) override;
  };

  bool consume(const uint8_t* p, size_t n);
  bool gather(const uint8_t*& p, size_t& n, size_t want);
  bool signature();
  bool start_entry();
  bool end_entry(bool from_descriptor);
  bool entry_failed(std::string message);
  bool fail(std::string message);

  ZipEntries& owner_;
  Inflater inflater_;
  EntrySink sink_;
  State state_ = State::Signature;
  std::vector<uint8_t> buf_;  // the header part being gathered
  uint64_t offset_ = 0;       // archive bytes consumed, for messages

  // The current entry.
  std::string name_;
  uint16_t flags_ = 0, method_ = 0, name_length_ = 0, extra_length_ = 0;
  uint32_t crc_ = 0;
  uint64_t compressed_ = 0, size_ = 0;
  bool zip64_ = false;
  bool open_ = false;       // the owner was given open_entry
  uint64_t left_ = 0;       // compressed bytes left (stored, skip, deflate with known size)
  bool sized_ = false;      // compressed size known from the header
  std::string entry_error_; // decided before the end (e.g. corrupt deflate data): skip to the end

  uint64_t entries_ = 0;
  bool capped_ = false;
  std::string error_;
};

}  // namespace mailflow
