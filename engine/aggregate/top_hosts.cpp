#include "aggregate/top_hosts.h"

#include <algorithm>

namespace mailflow {

void TopHosts::add(std::string_view host, uint64_t count, uint64_t error) {
  if (host.empty() || count == 0) return;
  for (auto& e : entries_) {
    if (e.host == host) {
      e.messages += count;
      e.error += error;
      return;
    }
  }
  if (entries_.size() < capacity_) {
    entries_.push_back({std::string(host), count, error});
    return;
  }
  // Replace the lightest entry; the newcomer inherits its count as possible overestimate.
  auto lightest = std::min_element(entries_.begin(), entries_.end(), [](const HostCount& a, const HostCount& b) {
    return a.messages != b.messages ? a.messages < b.messages : a.host > b.host;
  });
  lightest->host.assign(host);
  lightest->error = lightest->messages + error;
  lightest->messages += count;
}

void TopHosts::merge(const TopHosts& other) {
  // Combine both sketches exactly, then keep the heaviest `capacity_` entries. Hosts missing from
  // one side may have had up to that side's smallest count there, which bounds the error.
  std::vector<HostCount> combined = entries_;
  for (const auto& e : other.entries_) {
    auto it = std::find_if(combined.begin(), combined.end(), [&](const HostCount& c) { return c.host == e.host; });
    if (it == combined.end()) combined.push_back(e);
    else it->messages += e.messages, it->error += e.error;
  }
  std::sort(combined.begin(), combined.end(), [](const HostCount& a, const HostCount& b) {
    return a.messages != b.messages ? a.messages > b.messages : a.host < b.host;
  });
  if (combined.size() > capacity_) combined.resize(capacity_);
  entries_ = std::move(combined);
}

std::vector<HostCount> TopHosts::top(size_t n) const {
  std::vector<HostCount> sorted = entries_;
  std::sort(sorted.begin(), sorted.end(), [](const HostCount& a, const HostCount& b) {
    return a.messages != b.messages ? a.messages > b.messages : a.host < b.host;
  });
  if (sorted.size() > n) sorted.resize(n);
  return sorted;
}

void TopHosts::restore(HostCount entry) {
  if (entries_.size() < capacity_) entries_.push_back(std::move(entry));
}

}  // namespace mailflow
