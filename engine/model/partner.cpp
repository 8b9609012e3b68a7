#include "model/partner.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "util/byte_scan.h"
#include "util/text.h"

namespace mailflow {

namespace {

// The rules of the Public Suffix List's ICANN section with more than one label, and its wildcard
// ("*.ck") and exception ("!www.ck") rules, sorted (see cmake/dependencies.cmake).
constexpr std::string_view kRules[] = {
#include "public_suffix_rules.inc"
};
static_assert(std::is_sorted(std::begin(kRules), std::end(kRules)), "binary search needs the rules in byte order");

bool has_rule(std::string_view prefix, std::string_view name) {
  std::string key(prefix);
  key.append(name);
  return std::binary_search(std::begin(kRules), std::end(kRules), std::string_view(key));
}

std::string normalised(std::string_view name) {
  name = trim(name);
  while (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return ascii_lowercase(name);
}

}  // namespace

std::string organisational_domain(std::string_view host_name) {
  const std::string name = normalised(host_name);
  std::vector<size_t> label_starts{0};
  for (size_t i = 0; i < name.size(); ++i)
    if (name[i] == '.') label_starts.push_back(i + 1);
  // The public suffix is the longest matching rule; without one it is the last label (rule "*").
  size_t suffix_label = label_starts.size() - 1;
  for (size_t label = 0; label + 1 < label_starts.size(); ++label) {
    const std::string_view candidate = std::string_view(name).substr(label_starts[label]);
    const std::string_view parent = std::string_view(name).substr(label_starts[label + 1]);
    if (has_rule("!", candidate)) {
      suffix_label = label + 1;
      break;
    }
    if (has_rule("", candidate) || has_rule("*.", parent)) {
      suffix_label = label;
      break;
    }
  }
  if (suffix_label == 0) return name;
  return name.substr(label_starts[suffix_label - 1]);
}

std::string_view address_domain(std::string_view address) {
  address = trim(address);
  // A quoted local part may hold the separators: "\"name with spaces\"@example.com".
  size_t from = 0;
  if (address.starts_with('"') || address.starts_with("<\"")) {
    const size_t close = address.find('"', address.find('"') + 1);
    if (close != std::string_view::npos) from = close;
  }
  // Up to the first separator, 16 bytes at a time (find_first_of calls memchr for every character).
  address = address.substr(0, byte_scan::find_first(address, from, [](const byte_scan::Block& block) {
                                return block.match(';') | block.match(',') | block.match(' ') | block.match('\t');
                              }));
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return {};
  std::string_view domain = address.substr(at + 1);
  while (!domain.empty() && (domain.back() == '>' || domain.back() == '.')) domain.remove_suffix(1);
  return domain;
}

bool is_ip_literal(std::string_view text) {
  text = trim(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (istarts_with(text, "ipv6:")) return true;
  if (text.empty()) return false;
  if (text.find(':') != std::string_view::npos) return true;  // no host name holds a colon
  for (char c : text)
    if (!is_digit(c) && c != '.') return false;
  return true;
}

std::string host_key(std::string_view remote_host) {
  remote_host = trim(remote_host);
  if (remote_host.size() >= 2 && remote_host.front() == '[' && remote_host.back() == ']')
    remote_host = remote_host.substr(1, remote_host.size() - 2);
  return normalised(remote_host);
}

std::string_view remote_address_domain(std::string_view remote_host, std::string_view address) {
  return names_host(remote_host) ? std::string_view() : address_domain(address);
}

std::string partner_of(std::string_view remote_host, std::string_view remote_domain) {
  remote_host = trim(remote_host);
  if (!remote_host.empty() && !is_ip_literal(remote_host)) return organisational_domain(remote_host);
  if (!trim(remote_domain).empty()) return organisational_domain(remote_domain);
  return host_key(remote_host);
}

}  // namespace mailflow
