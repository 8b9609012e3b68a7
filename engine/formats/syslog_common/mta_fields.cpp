#include "formats/syslog_common/mta_fields.h"

#include "util/byte_scan.h"
#include "util/text.h"

namespace mailflow {

// Found inline, 16 bytes at a time (byte_scan): in wasm each string_view::find was a call to a
// byte loop, and a Postfix line is asked for two to five keys.
std::string_view list_value(std::string_view text, std::string_view key) {
  using byte_scan::find_text;
  if (key.empty()) return {};
  for (size_t at = find_text(text, key); at != std::string_view::npos; at = find_text(text, key, at + 1)) {
    const size_t after = at + key.size();
    const bool starts = at == 0 || (at >= 2 && (text[at - 2] == ',' || text[at - 2] == ':') && text[at - 1] == ' ');
    if (starts && after < text.size() && text[after] == '=') {
      std::string_view value = text.substr(after + 1);
      const size_t end = byte_scan::find_text(value, ", ");
      return end == std::string_view::npos ? value : value.substr(0, end);
    }
  }
  return {};
}

std::string_view bracketed_ip(std::string_view address) {
  const size_t open = byte_scan::find_byte(address, '[');
  const size_t close = byte_scan::find_byte(address, ']', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return {};
  std::string_view ip = address.substr(open + 1, close - open - 1);
  if (istarts_with(ip, "IPv6:")) ip.remove_prefix(5);
  return ip;
}

std::string_view host_name_of(std::string_view address) {
  const size_t open = byte_scan::find_byte(address, '[');
  std::string_view host = trim(address.substr(0, open));
  if (host.empty() && open == std::string_view::npos) host = trim(address);
  // Exim writes the HELO name in parentheses after a verified name: "mx.example.com (helo) [ip]".
  if (const size_t helo = byte_scan::find_text(host, " ("); helo != std::string_view::npos) host = trim(host.substr(0, helo));
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.size() >= 2 && host.front() == '(' && host.back() == ')') host = host.substr(1, host.size() - 2);
  if (iequals(host, "unknown")) return {};
  return host;
}

bool is_loopback(std::string_view ip) { return starts_with_text(ip, "127.") || same_text(ip, "::1"); }

std::string_view leading_queue_id(std::string_view message, std::string_view& rest) {
  const size_t colon = message.find(": ");
  if (colon == std::string_view::npos || colon < 5 || colon > 20) return {};
  for (size_t i = 0; i < colon; ++i) {
    const char c = message[i];
    if (!is_digit(c) && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return {};
  }
  rest = message.substr(colon + 2);
  return message.substr(0, colon);
}

}  // namespace mailflow
