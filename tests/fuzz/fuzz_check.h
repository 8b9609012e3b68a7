// What a harness does when a promise is broken: say which, show where two answers differ, abort.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace mailflow::fuzz {

[[noreturn]] inline void fail(const char* promise, const std::string& a = {}, const std::string& b = {}) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  const size_t from = at > 200 ? at - 200 : 0;
  std::fprintf(stderr, "broken promise: %s\n  first: ...%s\n  other: ...%s\n", promise,
               a.substr(from, 400).c_str(), b.substr(from, 400).c_str());
  std::abort();
}

}  // namespace mailflow::fuzz
