// The heaviest remote hosts of a stream, in bounded memory: a Space-Saving sketch (Metwally,
// Agrawal, El Abbadi 2005). With capacity k, every host whose true count exceeds N/k is kept, and a
// kept host's count is overestimated by at most `error`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mailflow {

struct HostCount {
  std::string host;
  uint64_t messages = 0;
  uint64_t error = 0;  // upper bound of the overestimate
};

class TopHosts {
 public:
  static constexpr size_t kDefaultCapacity = 32;
  explicit TopHosts(size_t capacity = kDefaultCapacity) : capacity_(capacity) {}

  // `error`: how much `count` may already overestimate (a count read back from a saved sketch).
  void add(std::string_view host, uint64_t count = 1, uint64_t error = 0);
  void merge(const TopHosts& other);

  // Heaviest first; ties by host name so the order never depends on arrival.
  std::vector<HostCount> top(size_t n) const;
  const std::vector<HostCount>& entries() const { return entries_; }
  void restore(HostCount entry);  // loading from JSON

 private:
  size_t capacity_;
  std::vector<HostCount> entries_;  // small: a linear scan beats hashing at this size
};

}  // namespace mailflow
