// The values of MIME header fields that decide how a body is read (RFC 2045, 2183, 2231):
// Content-Type "type/subtype; name=value; ...", Content-Disposition "attachment; filename=...",
// Content-Transfer-Encoding. Lenient, as mail readers must be: parameters quoted or not, names in
// any case, RFC 2231 "name*=utf-8''..." and split "name*0=...; name*1=..." joined; a value that
// breaks the grammar is read as far as it goes. Header names and values are ASCII text here; the
// caller has unfolded continuation lines.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailflow {

struct HeaderValue {
  std::string value;  // the part before the first ';', trimmed and lower-cased ("multipart/report")
  std::vector<std::pair<std::string, std::string>> params;  // names lower-cased, values as written
  // The parameter's value; empty when absent.
  std::string_view param(std::string_view name) const;
};

HeaderValue parse_header_value(std::string_view text);

enum class TransferEncoding { Identity, Base64, QuotedPrintable };
// "base64", "quoted-printable"; anything else (7bit, 8bit, binary, unknown) is read as written.
TransferEncoding parse_transfer_encoding(std::string_view text);

// A header field name as RFC 5322 allows it (printable ASCII but ':'), at most 76 characters.
bool is_field_name(std::string_view name);

}  // namespace mailflow
