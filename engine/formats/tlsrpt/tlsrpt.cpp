#include "formats/tlsrpt/tlsrpt.h"

#include "formats/json_records/json_records.h"
#include "formats/tlsrpt/report_parser.h"

namespace mailflow {

namespace {

class TlsRptReader final : public FormatReader {
 public:
  explicit TlsRptReader(ReaderContext context)
      : parser_(context),
        objects_({[this](std::string_view object, uint64_t line) { parser_.read(object, line); },
                  [this](uint64_t line, uint64_t bytes) {
                    parser_.skip(line, "report larger than " + std::to_string(JsonRecords::kMaxObjectBytes >> 20) +
                                           " MiB (" + std::to_string(bytes >> 20) +
                                           " MiB); TLS reports are small, so this is not one");
                  },
                  [this](uint64_t line, std::string_view sample) {
                    parser_.skip(line, "text outside a JSON report (\"" + std::string(sample) + "\")");
                  },
                  [this](uint64_t line) { parser_.skip(line, "the last report is cut off (the file ends inside it)"); }}) {}

  void feed(std::string_view text) override { objects_.feed(text); }

  void finish() override {
    objects_.finish();
    parser_.finish();
  }

 private:
  TlsRptParser parser_;
  JsonRecords objects_;
};

// A JSON object (or array of them) near the top with the report's own field names.
int sniff(std::string_view head) {
  const size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || (head[first] != '{' && head[first] != '[')) return 0;
  const std::string_view top = head.substr(0, 8192);
  const bool policies = top.find("\"policies\"") != std::string_view::npos;
  const bool report = top.find("\"organization-name\"") != std::string_view::npos ||
                      top.find("\"report-id\"") != std::string_view::npos ||
                      top.find("\"date-range\"") != std::string_view::npos;
  return policies && report ? 95 : 0;
}

std::unique_ptr<FormatReader> make(ReaderContext context) { return std::make_unique<TlsRptReader>(context); }

}  // namespace

const FormatInfo kTlsRptFormat{"tlsrpt", "TLS-RPT report (RFC 8460)", &sniff, &make, nullptr, /*counts_later=*/true};

}  // namespace mailflow
