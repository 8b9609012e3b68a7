#include "formats/eac_inout_report/eac_inout_report.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "csv/csv_format_reader.h"
#include "formats/eac_inout_report/apportion.h"
#include "formats/eac_inout_report/report_number.h"
#include "formats/exo_common/exo_fields.h"
#include "util/text.h"

namespace mailflow {

namespace {

struct TlsColumnNames {
  TlsVersion tls;
  std::initializer_list<std::string_view> names;  // normalized (see normalize_column_name)
};
const TlsColumnNames kTlsColumns[] = {
    {TlsVersion::None, {"notls", "withouttls", "nonetls"}}, {TlsVersion::Ssl3, {"ssl3", "ssl30", "sslv3"}},
    {TlsVersion::Tls10, {"tls10", "tlsv10"}},              {TlsVersion::Tls11, {"tls11", "tlsv11"}},
    {TlsVersion::Tls12, {"tls12", "tlsv12"}},              {TlsVersion::Tls13, {"tls13", "tlsv13"}},
};
constexpr size_t kTlsColumnCount = std::size(kTlsColumns);
constexpr size_t kTls13Column = 5;

using Counts = std::array<uint64_t, kTlsVersionCount>;  // by TlsVersion

bool is_separator(char c) { return is_space(c) || c == ':' || c == '-' || c == '|' || c == '/' || c == ','; }

// Strips separators, including the UTF-8 en and em dashes ("Inbound – Contoso").
std::string_view strip_separators(std::string_view s) {
  while (true) {
    if (!s.empty() && is_separator(s.front())) s.remove_prefix(1);
    else if (s.starts_with("\xE2\x80\x93") || s.starts_with("\xE2\x80\x94")) s.remove_prefix(3);
    else return s;
  }
}

// "Inbound - Contoso Partner" -> (inbound, "Contoso Partner"); no direction word -> nullopt.
std::optional<Direction> split_direction(std::string_view text, std::string_view& rest) {
  text = trim(text);
  size_t end = 0;
  while (end < text.size() && !is_separator(text[end]) && text[end] != '(' && static_cast<unsigned char>(text[end]) < 0x80)
    ++end;
  const auto direction = parse_direction(text.substr(0, end));
  if (!direction) return std::nullopt;
  rest = strip_separators(text.substr(end));
  // "Inbound connector: Contoso" / "Inbound (Contoso)".
  if (istarts_with(rest, "connector") && (rest.size() == 9 || is_separator(rest[9]) || rest[9] == '('))
    rest = strip_separators(rest.substr(9));
  if (rest.size() >= 2 && rest.front() == '(' && rest.back() == ')') rest = trim(rest.substr(1, rest.size() - 2));
  return direction;
}

bool names_no_connector(std::string_view name) {
  name = trim(name);
  for (std::string_view none : {"", "-", "none", "(none)", "no connector", "(no connector)", "without connector",
                                "without a connector", "no connector used", "not using a connector", "n/a"})
    if (iequals(name, none)) return true;
  return false;
}

// A row whose date is a slash date of still unknown order, kept until the end of the file.
struct HeldRow {
  Timestamp time;
  Direction direction;
  std::optional<std::string> connector;
  Counts counts;
};

class EacInoutReportReader final : public CsvFormatReader {
 public:
  explicit EacInoutReportReader(ReaderContext context) : CsvFormatReader(context) {
    // The report's dates are day labels: no zone shift (parser_ keeps offset 0).
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_columns(header, {{"Date", {"date", "day"}}}, kEacInoutReportFormat.name, context_.report))
      return false;
    date_ = header.find({"date", "day"});
    direction_ = header.find({"direction", "connectordirection", "maildirection"});
    connector_ = header.find({"connectordirectionandname", "connectornameanddirection", "directionandname",
                              "connectorname", "connector", "name"});
    volume_ = header.find({"volume", "messages", "messagecount", "total"});
    for (size_t i = 0; i < kTlsColumnCount; ++i) {
      tls_columns_[i] = HeaderMap::npos;
      for (std::string_view base : kTlsColumns[i].names) {
        const std::string plain(base), percent = plain + "%", percent_parens = plain + "(%)";
        if (size_t c = header.find({plain}); c != HeaderMap::npos) {
          tls_columns_[i] = c;
        } else if (size_t p = header.find({percent, percent_parens}); p != HeaderMap::npos) {
          tls_columns_[i] = p;
          header_percent_ = true;
        }
        if (tls_columns_[i] != HeaderMap::npos) break;
      }
      any_tls_column_ = any_tls_column_ || tls_columns_[i] != HeaderMap::npos;
    }
    if (!any_tls_column_) {
      context_.report.error = "missing column \"TLS 1.2\" (or No TLS, TLS 1.0, TLS 1.1, TLS 1.3): this " +
                              std::string(kEacInoutReportFormat.name) + " cannot be read without them";
      return false;
    }
    if (direction_ == HeaderMap::npos && connector_ == HeaderMap::npos) {
      context_.report.error = "missing column \"Connector direction and name\" (or Direction): this " +
                              std::string(kEacInoutReportFormat.name) + " cannot be read without it";
      return false;
    }
    return true;
  }

  void on_row(const CsvRow& row) override {
    // Direction and connector.
    std::string_view connector_text = connector_ == HeaderMap::npos ? std::string_view{} : trim(row[connector_]);
    std::optional<Direction> direction;
    std::string_view rest;
    if (auto prefixed = split_direction(connector_text, rest)) {
      direction = prefixed;
      connector_text = rest;
    }
    if (direction_ != HeaderMap::npos) {
      std::string_view ignored;
      direction = split_direction(row[direction_], ignored);
    }
    if (!direction) {
      exo::skip_defect(context_.report, row.line, "row names no direction (inbound or outbound)",
                       direction_ != HeaderMap::npos ? row[direction_] : row[connector_]);
      return;
    }
    std::optional<std::string_view> connector;
    if (connector_ != HeaderMap::npos)
      connector = names_no_connector(connector_text) ? std::string_view{} : connector_text;

    // Date.
    const std::string_view date = trim(row[date_]);
    auto time = parser_.parse(date);
    if (!time) {
      exo::skip_defect(context_.report, row.line, "unreadable date", date);
      return;
    }

    // Numbers.
    std::array<double, kTlsColumnCount> values{};
    bool percent = header_percent_, all_whole = true;
    double sum = 0;
    for (size_t i = 0; i < kTlsColumnCount; ++i) {
      if (tls_columns_[i] == HeaderMap::npos) continue;
      auto number = parse_report_number(row[tls_columns_[i]]);
      if (!number) {
        exo::skip_defect(context_.report, row.line, "unreadable number", row[tls_columns_[i]]);
        return;
      }
      values[i] = number->value;
      percent = percent || number->percent;
      all_whole = all_whole && number->value == std::floor(number->value);
      sum += number->value;
    }
    std::optional<double> volume;
    if (volume_ != HeaderMap::npos && !trim(row[volume_]).empty()) {
      auto number = parse_report_number(row[volume_]);
      if (!number || number->value != std::floor(number->value)) {
        exo::skip_defect(context_.report, row.line, "unreadable Volume", row[volume_]);
        return;
      }
      volume = number->value;
    }
    if (!percent && volume && std::fabs(sum - *volume) >= 0.5 && std::fabs(sum - 100) <= 1.5) percent = true;

    Counts counts{};
    if (percent) {
      if (!volume) {
        context_.report.skip(row.line, "percentages without a Volume to turn them into messages");
        return;
      }
      const auto total = static_cast<uint64_t>(*volume);
      std::array<uint64_t, kTlsColumnCount> shares{};
      if (sum > 0) {
        apportion(values, total, shares);
        for (size_t i = 0; i < kTlsColumnCount; ++i) counts[static_cast<size_t>(kTlsColumns[i].tls)] = shares[i];
      } else {
        counts[static_cast<size_t>(TlsVersion::NoData)] = total;  // 0% everywhere: TLS not reported
      }
    } else {
      if (!all_whole) {
        context_.report.skip(row.line, "message counts that are not whole numbers");
        return;
      }
      uint64_t counted = 0;
      for (size_t i = 0; i < kTlsColumnCount; ++i) {
        counts[static_cast<size_t>(kTlsColumns[i].tls)] = static_cast<uint64_t>(values[i]);
        counted += static_cast<uint64_t>(values[i]);
      }
      if (volume) {
        const auto total = static_cast<uint64_t>(*volume);
        if (total > counted) {
          counts[static_cast<size_t>(remainder_tls())] += total - counted;
          if (remainder_tls() == TlsVersion::Tls13) tls13_by_remainder_ += total - counted;
        }
        if (total < counted)
          context_.report.add_problem(row.line, "the TLS columns add up to " + std::to_string(counted) +
                                                    ", more than the Volume " + std::to_string(total) +
                                                    "; counted the TLS columns");
      }
    }

    ++ingested_;
    if (time->resolved) {
      emit(day_of(time->utc_seconds), *direction, connector, counts);
    } else {
      held_.push_back(HeldRow{*time, *direction,
                              connector ? std::optional<std::string>(std::string(*connector)) : std::nullopt, counts});
    }
  }

  // Messages of Volume in none of the TLS columns. Without a TLS 1.3 column they can only be TLS 1.3
  // (No TLS and every other version have a column, and Exchange Online offers no SSL 3); with one,
  // the report does not say.
  TlsVersion remainder_tls() const {
    return tls_columns_[kTls13Column] == HeaderMap::npos ? TlsVersion::Tls13 : TlsVersion::NoData;
  }

  void emit(Day day, Direction direction, std::optional<std::string_view> connector, const Counts& counts) {
    for (TlsVersion tls : kAllTlsVersions) {
      const uint64_t n = counts[static_cast<size_t>(tls)];
      if (n == 0) continue;
      context_.sink.cells(day, direction, connector, tls, Volume{n, 0});  // the sink counts report.messages
      carried_ += n;
    }
  }

  void on_finish() override {
    const DateOrder order = parser_.proven_order() != DateOrder::Unknown ? parser_.proven_order()
                                                                          : parser_.fallback_order();
    for (const HeldRow& held : held_) {
      // Both readings were checked valid when the row was read, so day() answers.
      if (auto day = held.time.day(order)) emit(*day, held.direction, held.connector, held.counts);
    }
    held_.clear();
    if (tls13_by_remainder_)
      context_.report.notes.push_back(
          "The report has no TLS 1.3 column: " + std::to_string(tls13_by_remainder_) +
          " messages of Volume that are in none of its TLS columns are counted as TLS 1.3, the only version "
          "without a column.");
    if (context_.report.records == 0) return;
    context_.report.notes.push_back(
        "Pre-aggregated report: " + std::to_string(context_.report.records) + " rows read = " +
        std::to_string(ingested_) + " rows ingested + " + std::to_string(context_.report.skipped) +
        " rows skipped; the rows carry " + std::to_string(carried_) +
        " messages, so here `messages` counts messages, not rows.");
  }

  TimestampParser parser_{0};
  size_t date_ = HeaderMap::npos, direction_ = HeaderMap::npos, connector_ = HeaderMap::npos,
         volume_ = HeaderMap::npos;
  std::array<size_t, kTlsColumnCount> tls_columns_{};
  bool any_tls_column_ = false, header_percent_ = false;
  uint64_t ingested_ = 0, carried_ = 0, tls13_by_remainder_ = 0;
  std::vector<HeldRow> held_;
};

}  // namespace

int sniff_eac_inout_report(std::string_view head) {
  const auto header = sniff_header(head);
  if (!header_has(header, {"date"})) return 0;
  const bool tls = header_has(header, {"tls12"}) || header_has(header, {"notls"}) ||
                   header_has(header, {"tls12%"}) || header_has(header, {"tls12(%)"});
  if (!tls) return 0;
  if (header_has(header, {"connectordirectionandname"})) return 98;
  return header_has(header, {"volume"}) ? 90 : 75;
}

std::unique_ptr<FormatReader> make_eac_inout_report(ReaderContext context) {
  return std::make_unique<EacInoutReportReader>(context);
}

}  // namespace mailflow
