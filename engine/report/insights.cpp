// The insight rules. Each is judged per (direction, connector) over the range, on the messages
// whose TLS state the source knows: a range with only "no-data" raises nothing.
#include "report/insights.h"

#include <algorithm>
#include <map>
#include <utility>

#include "report/number_format.h"

namespace mailflow {

int insight_rank(InsightKind kind) {
  switch (kind) {
    case InsightKind::NoTlsOver: return 0;
    case InsightKind::Tls10Over: return 1;
    case InsightKind::TlsShareWorse: return 2;
    case InsightKind::Tls11InUse: return 3;
  }
  return 4;
}

namespace {

// What the rules need of one (direction, connector): the whole range and its two halves.
struct ConnectorMixes {
  TlsMix range;
  TlsMix first_half;
  TlsMix second_half;
};

// The two halves compared by the worsening rule. With an odd number of days the middle day
// belongs to neither, so both halves cover the same number of days.
struct Halves {
  DateRange first;
  DateRange second;
};

std::optional<Halves> halves_of(DateRange range) {
  if (range.days() < 2) return std::nullopt;
  const int half = range.days() / 2;
  return Halves{{range.from, range.from + half - 1}, {range.to - half + 1, range.to}};
}

std::string range_text(DateRange range) {
  if (range.from == range.to) return "on " + format_day(range.from);
  return format_day(range.from) + " to " + format_day(range.to);
}

// "inbound mail through connector "Partner"" and its variants for the fixed connectors.
std::string mail_phrase(Direction direction, const std::optional<std::string>& connector) {
  std::string phrase(direction_key(direction));
  phrase += " mail";
  if (!connector) return phrase + " (connector unknown)";
  if (connector->empty()) return phrase + " without a connector";
  return phrase + " through connector \"" + *connector + "\"";
}

// "310 of 1,000 messages with TLS data, 2026-11-14 to 2026-11-20"
std::string figures(uint64_t count, const TlsMix& mix, DateRange range) {
  return format_count(count) + " of " + format_count(mix.messages_with_tls_data()) +
         " messages with TLS data, " + range_text(range);
}

bool above(std::optional<double> share, double threshold) { return share && *share > threshold; }

}  // namespace

std::vector<Insight> find_insights(const Aggregate& aggregate, DateRange range,
                                   const InsightThresholds& thresholds) {
  std::vector<Insight> insights;
  if (range.days() <= 0) return insights;
  const std::optional<Halves> halves = halves_of(range);

  std::map<std::pair<Direction, ConnectorId>, ConnectorMixes> mixes;
  aggregate.for_each_cell([&](const CellKey& key, const Volume& volume) {
    if (!range.contains(key.day)) return;
    ConnectorMixes& m = mixes[{key.direction, key.connector}];
    m.range.add(key.tls, volume);
    if (halves && halves->first.contains(key.day)) m.first_half.add(key.tls, volume);
    if (halves && halves->second.contains(key.day)) m.second_half.add(key.tls, volume);
  });

  const uint64_t min_messages = std::max<uint64_t>(thresholds.min_messages, 1);
  for (const auto& [key, m] : mixes) {
    // Plain variables, not a structured binding: clang 14 (the wasm build) cannot capture those.
    const Direction direction = key.first;
    const ConnectorId connector = key.second;
    if (m.range.messages_with_tls_data() < min_messages) continue;

    std::optional<std::string> name;
    if (auto n = aggregate.connector_name(connector)) name = std::string(*n);
    const std::string mail = mail_phrase(direction, name);

    // The hosts behind an insight are counted over its own days, direction and connector, so
    // they add up to at most its count.
    auto raise = [&](InsightKind kind, std::string title, std::string detail, double share,
                     uint64_t messages, TlsVersion state, DateRange days) {
      const PartnerFilter hosts_of{days, direction, ConnectorChoice::of(aggregate, connector)};
      insights.push_back(Insight{kind, direction, connector, name, std::move(title),
                                 std::move(detail), share, messages,
                                 top_remote_hosts(aggregate, hosts_of, {state}, kInsightTopHosts)});
    };

    const std::optional<double> no_tls = m.range.share(TlsVersion::None);
    if (above(no_tls, thresholds.no_tls_share)) {
      const uint64_t n = m.range[TlsVersion::None].messages;
      raise(InsightKind::NoTlsOver, "No TLS is over " + format_threshold(thresholds.no_tls_share),
            format_percent(no_tls) + " of " + mail + " had no TLS (" + figures(n, m.range, range) + ").",
            *no_tls, n, TlsVersion::None, range);
    }

    const std::optional<double> tls10 = m.range.share(TlsVersion::Tls10);
    if (above(tls10, thresholds.tls10_share)) {
      const uint64_t n = m.range[TlsVersion::Tls10].messages;
      raise(InsightKind::Tls10Over, "TLS 1.0 is above " + format_threshold(thresholds.tls10_share),
            format_percent(tls10) + " of " + mail + " used TLS 1.0 (" + figures(n, m.range, range) + ").",
            *tls10, n, TlsVersion::Tls10, range);
    }

    const std::optional<double> tls11 = m.range.share(TlsVersion::Tls11);
    if (above(tls11, thresholds.tls11_share)) {
      const uint64_t n = m.range[TlsVersion::Tls11].messages;
      raise(InsightKind::Tls11InUse, "TLS 1.1 still in use",
            format_percent(tls11) + " of " + mail + " still used TLS 1.1 (" +
                figures(n, m.range, range) + ").",
            *tls11, n, TlsVersion::Tls11, range);
    }

    if (halves && m.first_half.messages_with_tls_data() >= min_messages &&
        m.second_half.messages_with_tls_data() >= min_messages) {
      const double before = *m.first_half.protected_share();
      const double after = *m.second_half.protected_share();
      // The tolerance keeps a fall of exactly the threshold (1.00 -> 0.95) from being raised by
      // rounding.
      if (before - after > thresholds.worsening_points + 1e-9) {
        std::string detail = "The TLS-protected share of " + mail + " fell from " +
                             format_percent(before) + " (" + range_text(halves->first) + ") to " +
                             format_percent(after) + " (" + range_text(halves->second) + ").";
        raise(InsightKind::TlsShareWorse, "TLS share got worse", std::move(detail), before - after,
              m.second_half[TlsVersion::None].messages, TlsVersion::None, halves->second);
      }
    }
  }

  std::stable_sort(insights.begin(), insights.end(), [](const Insight& a, const Insight& b) {
    if (insight_rank(a.kind) != insight_rank(b.kind)) return insight_rank(a.kind) < insight_rank(b.kind);
    if (a.direction != b.direction) return a.direction < b.direction;
    return connector_name_less(a.connector_name, b.connector_name);
  });
  return insights;
}

}  // namespace mailflow
