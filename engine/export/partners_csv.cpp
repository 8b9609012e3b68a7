#include "export/partners_csv.h"

#include <array>
#include <cstdio>
#include <string_view>

#include "export/csv_cell.h"
#include "util/text.h"

namespace mailflow {

namespace {

constexpr std::string_view kLineEnd = "\r\n";

struct Column {
  std::string_view title;
  TlsVersion tls;
};
constexpr std::array<Column, 8> kTlsColumns = {{{"TLS 1.3", TlsVersion::Tls13},
                                                {"TLS 1.2", TlsVersion::Tls12},
                                                {"TLS 1.1", TlsVersion::Tls11},
                                                {"TLS 1.0", TlsVersion::Tls10},
                                                {"SSL 3.0", TlsVersion::Ssl3},
                                                {"Unknown TLS version", TlsVersion::UnknownVersion},
                                                {"No TLS", TlsVersion::None},
                                                {"No TLS data", TlsVersion::NoData}}};

std::string joined_hosts(const std::vector<PartnerHost>& hosts) {
  std::string text;
  for (const PartnerHost& h : hosts) append_listed(text, "; ", h.host);
  return text;
}

// A share as a plain decimal fraction with four places ("0.9375"): machine-readable.
std::string fraction(std::optional<double> share) {
  if (!share) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4f", *share);
  return buffer;
}

std::string_view tls_title(TlsVersion tls) {
  for (const Column& c : kTlsColumns)
    if (c.tls == tls) return c.title;
  return "";
}

std::string partner_cell(const std::string& partner, bool other) {
  return csv_cell(other ? "(other partners)" : partner.empty() ? "(not named by the source)" : partner);
}

}  // namespace

std::string partners_csv(const PartnersView& view) {
  std::string out = "Partner,Hosts,Messages,Bytes";
  for (const Column& c : kTlsColumns) (out += ',') += c.title;
  out += ",TLS protected,First day,Last day,Connectors";
  out += kLineEnd;
  for (const PartnerRow& row : view.rows) {
    out += partner_cell(row.partner, row.other);
    out += ',';
    append_csv_cell(out, joined_hosts(row.hosts));
    (out += ',') += std::to_string(row.messages());
    (out += ',') += std::to_string(row.mix.total().bytes);
    for (const Column& c : kTlsColumns) (out += ',') += std::to_string(row.mix[c.tls].messages);
    (out += ',') += fraction(row.mix.protected_share());
    (out += ',') += format_day(row.first_day);
    (out += ',') += format_day(row.last_day);
    std::string connectors;
    for (const auto& c : row.connectors) append_listed(connectors, "; ", connector_label(c));
    out += ',';
    append_csv_cell(out, connectors);
    out += kLineEnd;
  }
  return out;
}

std::string contact_list_csv(const WhatIf& result) {
  std::string out = "Partner,Hosts,Messages,Bytes,Share,Worst TLS,Last seen";
  out += kLineEnd;
  for (const WhatIfPartner& p : result.partners) {
    out += partner_cell(p.partner, p.other);
    out += ',';
    append_csv_cell(out, joined_hosts(p.hosts));
    (out += ',') += std::to_string(p.fail.messages);
    (out += ',') += std::to_string(p.fail.bytes);
    (out += ',') += fraction(p.share);
    (out += ',') += p.worst_tls ? std::string(tls_title(*p.worst_tls)) : "";
    (out += ',') += format_day(p.last_seen);
    out += kLineEnd;
  }
  return out;
}

}  // namespace mailflow
