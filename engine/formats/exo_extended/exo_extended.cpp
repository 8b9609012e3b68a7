#include "formats/exo_extended/exo_extended.h"

#include "csv/csv_format_reader.h"
#include "formats/exo_common/exo_fields.h"
#include "ingest/session.h"
#include "model/partner.h"
#include "util/text.h"

namespace mailflow {

namespace {

class ExoExtendedReader final : public CsvFormatReader {
 public:
  explicit ExoExtendedReader(ReaderContext context)
      : CsvFormatReader(context), parser_(context.options.utc_offset_minutes) {
    context_.sink.use_date_evidence(&parser_);
  }

 private:
  bool on_header(const HeaderMap& header) override {
    if (!exo::require_columns(header,
                              {{"date_time_utc", {"datetimeutc", "datetime"}},
                               {"event_id", {"eventid"}},
                               {"source", {"source"}},
                               {"message_id", {"messageid", "networkmessageid"}}},
                              kExoExtendedFormat.name, context_.report))
      return false;
    time_ = header.find({"datetimeutc", "datetime"});
    event_ = header.find({"eventid"});
    source_ = header.find({"source"});
    connector_ = header.find({"connectorid"});
    message_id_ = header.find({"messageid"});
    network_message_id_ = header.find({"networkmessageid"});
    client_ip_ = header.find({"clientip"});
    client_hostname_ = header.find({"clienthostname"});
    server_ip_ = header.find({"serverip"});
    server_hostname_ = header.find({"serverhostname"});
    original_client_ip_ = header.find({"originalclientip"});
    total_bytes_ = header.find({"totalbytes"});
    sender_ = header.find({"senderaddress"});
    recipient_ = header.find({"recipientaddress"});
    custom_data_ = header.find({"customdata"});
    if (connector_ == HeaderMap::npos)
      context_.report.notes.push_back("The file has no connector_id column: connectors are unknown.");
    return true;
  }

  void on_row(const CsvRow& row) override {
    const std::string_view event = trim(row[event_]);
    const std::string_view source = trim(row[source_]);
    Direction direction;
    if (iequals(event, "SENDEXTERNAL") || (iequals(event, "SEND") && iequals(source, "SMTP"))) {
      direction = Direction::Outbound;
    } else if (iequals(event, "RECEIVE") && iequals(source, "SMTP")) {
      direction = Direction::Inbound;
    } else {
      const bool qualify = iequals(event, "RECEIVE") || iequals(event, "SEND");
      context_.report.skip(row.line, not_crossing_.reason(event, qualify ? source : std::string_view{}),
                           /*problem=*/false);
      return;
    }

    const std::string_view date = trim(row[time_]);
    if (date.empty()) {
      context_.report.skip(row.line, "row has no date_time_utc");
      return;
    }
    auto time = parser_.parse(date);
    if (!time) {
      exo::skip_defect(context_.report, row.line, "unreadable date", date);
      return;
    }

    MessageEvent& event_out = event_out_;  // every field a row gives is set; the rest keep their defaults
    event_out.time = *time;
    event_out.direction = direction;
    event_out.connector = connector_ != HeaderMap::npos ? std::optional(trim(row[connector_])) : std::nullopt;
    event_out.tls = TlsVersion::NoData;
    if (custom_data_ != HeaderMap::npos) {
      if (auto tls = exo::custom_data_value(row[custom_data_], "tlsversion")) event_out.tls = tls_.parse(*tls);
    }
    event_out.bytes = exo::parse_bytes(row[total_bytes_]);
    event_out.remote_host = direction == Direction::Inbound
                                ? first_of(row, {client_hostname_, client_ip_, original_client_ip_})
                                : first_of(row, {server_hostname_, server_ip_});
    event_out.remote_domain =
        remote_address_domain(event_out.remote_host, row[direction == Direction::Inbound ? sender_ : recipient_]);
    event_out.message_key = exo::message_key(row[message_id_], row[network_message_id_]);
    context_.sink.count_message(event_out, row.line, exo::further_row_reason(), context_.report);
  }

  void on_finish() override { tls_.add_note(context_.report); }
  bool take_over_rows(CsvFormatReader& range) override {
    auto& other = static_cast<ExoExtendedReader&>(range);
    if (!not_crossing_.take_over(other.not_crossing_)) return false;
    parser_.take_over(other.parser_);
    tls_.take_over(other.tls_);
    return true;
  }
  bool write_range_state(StateWriter& out) const override {
    not_crossing_.write_state(out);
    parser_.write_evidence(out);
    tls_.write_state(out);
    return true;
  }
  bool read_range_state(StateReader& in) override {
    return not_crossing_.read_state(in) && parser_.read_evidence(in) && tls_.read_state(in);
  }

  static std::string_view first_of(const CsvRow& row, std::initializer_list<size_t> columns) {
    for (size_t column : columns) {
      const std::string_view value = trim(row[column]);
      if (!value.empty()) return value;
    }
    return {};
  }

  TimestampParser parser_;
  size_t time_ = HeaderMap::npos, event_ = HeaderMap::npos, source_ = HeaderMap::npos,
         connector_ = HeaderMap::npos, message_id_ = HeaderMap::npos, network_message_id_ = HeaderMap::npos,
         client_ip_ = HeaderMap::npos, client_hostname_ = HeaderMap::npos, server_ip_ = HeaderMap::npos,
         server_hostname_ = HeaderMap::npos, original_client_ip_ = HeaderMap::npos,
         total_bytes_ = HeaderMap::npos, custom_data_ = HeaderMap::npos, sender_ = HeaderMap::npos,
         recipient_ = HeaderMap::npos;
  exo::EventReasons not_crossing_{"event is not a boundary crossing"};
  exo::TlsSpellings tls_;
  MessageEvent event_out_;  // kept, not made per row: a fresh one was zeroed whole first (rep stos)
};

}  // namespace

int sniff_exo_extended(std::string_view head) {
  const auto header = sniff_header(head);
  if (!header_has(header, {"date_time_utc", "event_id", "source", "message_id"})) return 0;
  // The extended report's own columns; the on-premises tracking log names them with '-' and a
  // "#Fields:" prefix, and is another format.
  if (header_has(header, {"connector_id", "custom_data", "network_message_id"})) return 95;
  return 80;
}

std::unique_ptr<FormatReader> make_exo_extended(ReaderContext context) {
  return std::make_unique<ExoExtendedReader>(context);
}

}  // namespace mailflow
