// Every format mailflow reads. Sniffing asks each and takes the highest score; on a tie the one
// listed first wins, so more specific formats come first.
#include <array>

#include "formats/format_reader.h"
#include "formats/eac_inout_report/eac_inout_report.h"
#include "formats/exo_enhanced_summary/exo_enhanced_summary.h"
#include "formats/exchange_protocol/exchange_protocol.h"
#include "formats/exchange_tracking/exchange_tracking.h"
#include "formats/exim/exim.h"
#include "formats/exo_extended/exo_extended.h"
#include "formats/mailflow_csv/mailflow_csv.h"
#include "formats/message_trace/message_trace.h"
#include "formats/message_trace_detail/message_trace_detail.h"
#include "formats/message_trace_json/message_trace_json.h"
#include "formats/postfix/postfix.h"
#include "formats/sendmail/sendmail.h"
#include "formats/tlsrpt/tlsrpt.h"
#include "formats/tlsrpt/report_mail.h"

namespace mailflow {

namespace {
const FormatInfo* const kFormats[] = {
    &kExoExtendedFormat,     &kExoEnhancedSummaryFormat, &kMessageTraceDetailFormat,
    &kMessageTraceFormat,    &kEacInoutReportFormat,     &kMailflowCsvFormat, &kTlsRptFormat,
    &kExchangeTrackingFormat, &kExchangeProtocolFormat,  &kPostfixFormat,
    &kEximFormat,             &kSendmailFormat,
    &kTlsRptMailFormat,
    &kMessageTraceJsonFormat, &kMessageTraceDetailJsonFormat,
};
}  // namespace

std::span<const FormatInfo* const> all_formats() { return kFormats; }

const FormatInfo* find_format(std::string_view key) {
  for (const FormatInfo* f : kFormats)
    if (f->key == key) return f;
  return nullptr;
}

}  // namespace mailflow
