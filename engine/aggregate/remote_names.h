// The remote sides of messages, interned: each (partner, host) pair is an endpoint id, each
// partner name a partner id (model/partner.h says what a partner is). Bounded, so a hostile file
// cannot grow it: past kMaxPartners partners or kMaxEndpoints endpoints, new ones get
// kOtherPartners, the honest "other partners" that the views show as one row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/flat_map64.h"

namespace mailflow {

class RemoteNames {
 public:
  static constexpr size_t kMaxPartners = 100'000;
  static constexpr size_t kMaxEndpoints = 400'000;
  static constexpr size_t kMaxRemoteSides = 4 * kMaxEndpoints;  // (remote_host, remote_domain) pairs remembered
  static constexpr uint32_t kOtherPartners = 0;  // endpoint and partner id

  RemoteNames();

  // The endpoint of a message's remote side, as a reader names it (MessageEvent::remote_host and
  // remote_domain). The partner is derived once per distinct pair, so this is one hash lookup
  // for a side seen before.
  uint32_t intern_remote(std::string_view remote_host, std::string_view remote_domain);
  // The same with the side's key (side_key) worked out already, on a parse thread, which also lets
  // the side's lookup be asked of memory ahead (prefetch_side).
  static uint64_t side_key(std::string_view remote_host, std::string_view remote_domain);
  uint32_t intern_remote(uint64_t side_key, std::string_view remote_host, std::string_view remote_domain);
  void prefetch_side(uint64_t side_key) const { remote_ids_.prefetch_slot(side_key); }
  // The endpoint of a partner and one of its hosts ("" when only the partner is known).
  uint32_t intern(std::string_view partner, std::string_view host);
  // The endpoint of a partner's host when it is interned.
  std::optional<uint32_t> find(uint32_t partner_id, std::string_view host) const;

  std::string_view partner(uint32_t endpoint) const { return partners_[endpoints_[endpoint].partner]; }
  uint32_t partner_id(uint32_t endpoint) const { return endpoints_[endpoint].partner; }
  std::string_view partner_name(uint32_t partner_id) const { return partners_[partner_id]; }
  std::string_view host(uint32_t endpoint) const { return endpoints_[endpoint].host; }
  size_t endpoint_count() const { return endpoints_.size(); }
  size_t partner_count() const { return partners_.size(); }
  // Some partner or endpoint was past a bound and counted under kOtherPartners.
  bool overflowed() const { return overflowed_; }

 private:
  struct Endpoint {
    uint32_t partner;
    std::string host;
  };
  uint32_t intern_partner(std::string_view partner);
  static uint64_t endpoint_key(uint32_t partner_id, std::string_view host);

  std::vector<std::string> partners_;  // [0] = other partners
  FlatMap64<uint32_t> partner_ids_;    // by hash64 of the name
  std::vector<Endpoint> endpoints_;    // [0] = other partners
  FlatMap64<uint32_t> endpoint_ids_;   // by hash of partner id and host
  FlatMap64<uint32_t> remote_ids_;     // by hash of (remote_host, remote_domain) as read
  bool overflowed_ = false;
};

}  // namespace mailflow
