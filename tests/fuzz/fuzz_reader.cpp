// One format's reader on arbitrary decoded text, bypassing sniffing so the fuzzer explores the
// reader itself (MAILFLOW_FUZZ_FORMAT names it). The text is fed in two pieces cut where the first
// byte says, and the records must all be accounted for.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "formats/format_reader.h"

namespace {

class CountingSink final : public mailflow::EventSink {
 public:
  bool message(const mailflow::MessageEvent& event) override {
    if (event.time.resolved) (void)mailflow::day_of(event.time.utc_seconds);
    return true;
  }
  void cells(mailflow::Day, mailflow::Direction, std::optional<std::string_view>, mailflow::TlsVersion,
             mailflow::Volume) override {}
  void use_date_evidence(const mailflow::TimestampParser*) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const mailflow::FormatInfo* format = mailflow::find_format(MAILFLOW_FUZZ_FORMAT);
  if (!format) std::abort();
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  (void)format->sniff(text);
  mailflow::SourceReport report;
  CountingSink sink;
  mailflow::SessionOptions options;
  auto reader = format->make(mailflow::ReaderContext{report, sink, options});
  const size_t cut = std::min<size_t>(data[0] * 31u, text.size());
  reader->feed(text.substr(0, cut));
  reader->feed(text.substr(cut));
  reader->finish();
  return 0;
}
