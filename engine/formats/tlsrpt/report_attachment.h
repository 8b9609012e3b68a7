// One report attachment of a TLS report e-mail, after its transfer encoding (base64) is undone:
// the bytes tell what it holds, whatever its Content-Type says (senders label gzip'd reports
// application/gzip or application/octet-stream too): gzip (1f 8b, RFC 8460's
// application/tlsrpt+gzip), a zip archive (PK, application/tlsrpt+zip) whose entries are the JSON,
// or the JSON itself. Unpacked as it streams (io/gzip_stream.h, io/zip_stream.h, with their
// decompression-bomb guard) into the JSON splitter, whose objects go to the report parser.
//
// Accounting: each JSON object is a record (a report counted or skipped, by TlsRptParser). An
// attachment that yields no object is one skipped record, with why: corrupt gzip or zip, empty,
// or not JSON. Problems carry the line the attachment's header starts on and its file name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "formats/json_records/json_records.h"
#include "formats/tlsrpt/report_parser.h"
#include "io/byte_sink.h"
#include "io/gzip_stream.h"
#include "io/zip_stream.h"

namespace mailflow {

class ReportAttachment final : public ByteSink {
 public:
  // `mail_domain`: the e-mail's TLS-Report-Domain header (see TlsRptParser::read).
  ReportAttachment(TlsRptParser& parser, SourceReport& report, std::string name, uint64_t line,
                   std::string mail_domain);
  ~ReportAttachment() override;

  bool write(const uint8_t* data, size_t size) override;  // the decoded attachment
  void finish();

 private:
  enum class Kind { Undecided, Json, Gzip, Zip };
  struct JsonSink final : ByteSink {
    ReportAttachment* self = nullptr;
    bool write(const uint8_t* data, size_t size) override;
  };
  class ZipEntriesToJson;

  void decide(bool at_end);
  bool pass(const uint8_t* data, size_t size);
  // One skipped record; its problem names the attachment (and `detail`).
  void skip(const std::string& reason, const std::string& detail = {});

  TlsRptParser& parser_;
  SourceReport& report_;
  std::string name_;
  uint64_t line_;
  std::string mail_domain_;
  Kind kind_ = Kind::Undecided;
  std::string head_;  // the first bytes, until they tell the kind
  uint64_t bytes_ = 0;
  JsonSink json_sink_;
  JsonRecords objects_;
  std::unique_ptr<GzipStream> gzip_;
  std::unique_ptr<ZipEntriesToJson> entries_;
  std::unique_ptr<ZipStream> zip_;
  std::string error_;            // why the unpacking stopped
  uint64_t objects_seen_ = 0;    // JSON objects met (each is a record)
  bool cut_off_ = false;         // the last object ends with the data: a record, skipped at finish()
  std::string stray_;            // a sample of text outside any JSON object
};

}  // namespace mailflow
