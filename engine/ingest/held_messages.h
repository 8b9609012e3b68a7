// Messages with a key on their way from a reader to the message table, held kHeld at a time: in a
// large table nearly every key's lookup misses the cache, and asking memory for the keys of all held
// messages before the table takes any of them overlaps those waits (a replayed batch does the same,
// RecordedEvents::replay). Only for readers that count later (FormatInfo::counts_later: they never
// ask whether a message was new); the table still gets every call in the reader's order: whoever
// gives the table anything else first counts what is held (Source::count_held).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "aggregate/source_report.h"
#include "model/message_event.h"
#include "util/prefetch.h"
#include "util/short_copy.h"

namespace mailflow {

class HeldMessages {
 public:
  static constexpr size_t kHeld = kPrefetchGroup;

  struct Held {
    MessageEvent event;  // its text in `text`
    uint64_t key = 0;    // MessageTable::key_of(event)
    uint64_t line = 0;
    const std::string* further_reason = nullptr;
    SourceReport* report = nullptr;
    std::string text;
  };

  bool full() const { return size_ == kHeld; }
  std::span<const Held> held() const { return {held_.data(), size_}; }
  void clear() { size_ = 0; }

  // Keeps a copy of `event` and its text (`further_reason` is a reader's constant, kept by address);
  // the caller makes room first (full()).
  void hold(const MessageEvent& event, uint64_t key, uint64_t line, const std::string& further_reason,
            SourceReport& report) {
    Held& h = held_[size_++];
    h.event = event;
    h.key = key, h.line = line, h.further_reason = &further_reason, h.report = &report;
    h.event.message_key = "held";  // the table takes the key, not its text
    std::string_view* views[] = {&h.event.remote_host, &h.event.remote_domain, &h.event.session_id, &h.event.peer_ip};
    size_t size = event.connector ? event.connector->size() : 0;
    for (const std::string_view* view : views) size += view->size();
    if (h.text.size() < size) h.text.resize(std::max(size, 2 * h.text.size()));
    char* at = h.text.data();
    auto copy = [&](std::string_view piece) {
      copy_short(at, piece.data(), piece.size());
      at += piece.size();
      return std::string_view(at - piece.size(), piece.size());
    };
    if (event.connector) h.event.connector = copy(*event.connector);
    for (std::string_view* view : views) *view = copy(*view);
  }

 private:
  std::array<Held, kHeld> held_;
  size_t size_ = 0;
};

}  // namespace mailflow
