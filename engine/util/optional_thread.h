// A thread the system may refuse: a container's limit on processes, `ulimit -u`, or a stack size
// (`ulimit -s`, which glibc gives each new thread) that no thread can be mapped with. std::thread
// then throws, which would end the program; the engine's callers instead do the work themselves,
// and the answer is the same as with one thread.
#pragma once

#include <optional>
#include <system_error>
#include <thread>
#include <utility>

namespace mailflow {

template <class Work>
std::optional<std::thread> try_start_thread(Work&& work) {
  try {
    return std::thread(std::forward<Work>(work));
  } catch (const std::system_error&) {
    return std::nullopt;
  }
}

}  // namespace mailflow
