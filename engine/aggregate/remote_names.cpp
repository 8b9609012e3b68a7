#include "aggregate/remote_names.h"

#include "model/partner.h"
#include "util/hash.h"

namespace mailflow {

RemoteNames::RemoteNames() {
  partners_.emplace_back();
  endpoints_.push_back({kOtherPartners, ""});
}

uint32_t RemoteNames::intern_partner(std::string_view partner) {
  const uint64_t key = hash64(partner, 0x9a27);
  if (const uint32_t* id = partner_ids_.find(key)) return *id;
  if (partners_.size() > kMaxPartners) return overflowed_ = true, kOtherPartners;
  const auto id = static_cast<uint32_t>(partners_.size());
  partners_.emplace_back(partner);
  partner_ids_.insert(key, id);
  return id;
}

uint64_t RemoteNames::endpoint_key(uint32_t partner_id, std::string_view host) {
  return hash64(host, partner_id * 0x9E3779B97F4A7C15ull + 1);
}

std::optional<uint32_t> RemoteNames::find(uint32_t partner_id, std::string_view host) const {
  if (const uint32_t* id = endpoint_ids_.find(endpoint_key(partner_id, host))) return *id;
  return std::nullopt;
}

uint32_t RemoteNames::intern(std::string_view partner, std::string_view host) {
  const uint32_t partner_id = intern_partner(partner);
  if (partner_id == kOtherPartners) return kOtherPartners;
  const uint64_t key = endpoint_key(partner_id, host);
  if (const uint32_t* id = endpoint_ids_.find(key)) return *id;
  if (endpoints_.size() > kMaxEndpoints) return overflowed_ = true, kOtherPartners;
  const auto id = static_cast<uint32_t>(endpoints_.size());
  endpoints_.push_back({partner_id, std::string(host)});
  endpoint_ids_.insert(key, id);
  return id;
}

uint64_t RemoteNames::side_key(std::string_view remote_host, std::string_view remote_domain) {
  // Without a domain (most rows: a reader reads the address's domain only where the host is no
  // name, remote_address_domain) the host alone decides the side, as it does for a host name.
  return remote_domain.empty() || names_host(remote_host) ? hash64(remote_host, 0x7e41)
                                                          : hash64(remote_host, hash64(remote_domain, 0x7e40));
}

uint32_t RemoteNames::intern_remote(std::string_view remote_host, std::string_view remote_domain) {
  return intern_remote(side_key(remote_host, remote_domain), remote_host, remote_domain);
}

uint32_t RemoteNames::intern_remote(uint64_t key, std::string_view remote_host, std::string_view remote_domain) {
  if (const uint32_t* id = remote_ids_.find(key)) return *id;
  const uint32_t id = intern(partner_of(remote_host, remote_domain), host_key(remote_host));
  // Bounded like the rest: past its bound a side is derived again each time it comes.
  if (remote_ids_.size() < kMaxRemoteSides) remote_ids_.insert(key, id);
  return id;
}

}  // namespace mailflow
