// Insights per connector, with Microsoft's wording and thresholds as defaults ("No TLS is over
// 25%", "TLS 1.0 is above 50%") and ours (TLS 1.1 still in use, TLS share got worse over the
// range), each with the remote hosts behind it so the admin knows whom to call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/partners.h"
#include "report/views.h"

namespace mailflow {

struct InsightThresholds {
  double no_tls_share = 0.25;     // "No TLS is over 25%"
  double tls10_share = 0.50;      // "TLS 1.0 is above 50%"
  double tls11_share = 0.0;       // TLS 1.1 still in use: any share above this
  double worsening_points = 0.05; // TLS share fell by more than this between halves of the range
  uint64_t min_messages = 1;      // connectors with fewer messages with TLS data are not judged
};

enum class InsightKind { NoTlsOver, Tls10Over, Tls11InUse, TlsShareWorse };

// How serious a kind is, 0 = most serious: mail without TLS, then TLS 1.0, then a protected share
// that fell, then TLS 1.1. Insights are listed in this order.
int insight_rank(InsightKind kind);

inline constexpr size_t kInsightTopHosts = 10;

struct Insight {
  InsightKind kind;
  Direction direction;
  ConnectorId connector;
  std::optional<std::string> connector_name;  // nullopt = unknown, "" = no connector
  std::string title;                          // "No TLS is over 25%"
  std::string detail;                         // one sentence with the figures
  double share = 0;                           // the share that raised it (0..1); for
                                              // TlsShareWorse the fall (first half - second)
  uint64_t messages = 0;                      // messages behind it (for TlsShareWorse: those
                                              // without TLS in the second half)
  std::vector<RemoteHostCount> top_hosts;     // who sends/receives that mail, heaviest first
};

// Judges every (direction, connector) with mail in the range, in a fixed order: rank, direction,
// connector (unknown, no connector, then by name). A connector whose mail in the range has no TLS
// data is never judged. The top hosts are those of the mail the insight counts (its TLS state,
// direction, connector and days: for "TLS share got worse" the second half), exactly from the
// partner table, at most kInsightTopHosts; past the table's bound "other partners" is one of them.
std::vector<Insight> find_insights(const Aggregate& aggregate, DateRange range,
                                   const InsightThresholds& thresholds = {});

}  // namespace mailflow
