#include "formats/eac_inout_report/apportion.h"

#include <cmath>
#include <vector>

namespace mailflow {

void apportion(std::span<const double> shares, uint64_t total, std::span<uint64_t> counts) {
  double sum = 0;
  for (double s : shares) sum += s;
  for (auto& c : counts) c = 0;
  if (sum <= 0 || total == 0) return;

  std::vector<double> remainders(shares.size());
  uint64_t given = 0;
  for (size_t i = 0; i < shares.size(); ++i) {
    const double exact = shares[i] / sum * static_cast<double>(total);
    counts[i] = static_cast<uint64_t>(std::floor(exact));
    remainders[i] = exact - std::floor(exact);
    given += counts[i];
  }
  // Floating error can leave `given` a unit off either way; the loop settles it exactly.
  while (given < total) {
    size_t best = 0;
    for (size_t i = 1; i < shares.size(); ++i)
      if (remainders[i] > remainders[best]) best = i;
    ++counts[best];
    remainders[best] = -1;  // each share gets at most one extra message
    ++given;
    bool all_used = true;
    for (double r : remainders) all_used = all_used && r < 0;
    if (all_used)
      for (size_t i = 0; i < shares.size(); ++i) remainders[i] = shares[i] > 0 ? 0 : -1;
  }
  while (given > total) {
    size_t worst = shares.size();
    for (size_t i = 0; i < shares.size(); ++i)
      if (counts[i] > 0 && (worst == shares.size() || remainders[i] < remainders[worst])) worst = i;
    --counts[worst];
    remainders[worst] = 2;
    --given;
  }
}

}  // namespace mailflow
