// Small field readers shared by the Postfix, Sendmail and Exim readers: `key=value` lists, the
// `host[ip]:port` / `host [ip]` address forms, and a bounded table of per-process facts.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace mailflow {

// The value of `key=` in a ", "-separated list ("to=<a@b>, relay=mx[1.2.3.4]:25, delay=1"): from
// after '=' to the next ", " (or the end). The key must start the text or follow ", " or ": ".
// Empty when absent.
std::string_view list_value(std::string_view text, std::string_view key);

// "mx.example[203.0.113.5]:25" / "mx.example [203.0.113.5]" -> "203.0.113.5"; "" when no brackets.
std::string_view bracketed_ip(std::string_view address);
// "mx.example[203.0.113.5]:25" / "mx.example. [203.0.113.5]" / "mx.example (helo.name) [ip]"
// -> "mx.example"; "(helo.name) [ip]" -> "helo.name"; "" for "[ip]" only.
std::string_view host_name_of(std::string_view address);
// 127.0.0.0/8 and ::1: a content filter or a local re-injection, never a boundary crossing.
bool is_loopback(std::string_view ip);

// "4F1C23A0B2: client=..." -> "4F1C23A0B2" (and `rest` = "client=..."); "" when the message does not
// start with a queue id (letters and digits, 5 to 20 of them, then ": ").
std::string_view leading_queue_id(std::string_view message, std::string_view& rest);

// Per-key facts with a hard cap on entries, in two generations: new keys go to the young one; when
// it holds kCap / 2 the old one is dropped and the young one becomes old; a key found in the old
// one moves back to the young one. So what was used lately stays, whatever the log's length, and
// `overflows` counts the entries dropped unused. Keys are 64-bit hashes.
template <class Value, size_t kCap>
class BoundedTable {
 public:
  Value* find(uint64_t key) {
    if (auto it = young_.find(key); it != young_.end()) return &it->second;
    auto it = old_.find(key);
    if (it == old_.end()) return nullptr;
    Value value = std::move(it->second);
    old_.erase(it);
    Value& moved = make_room()[key];
    moved = std::move(value);
    return &moved;
  }
  Value& at(uint64_t key) {
    if (Value* v = find(key)) return *v;
    return make_room()[key];
  }
  void erase(uint64_t key) {
    young_.erase(key);
    old_.erase(key);
  }
  uint64_t overflows() const { return overflows_; }
  static constexpr size_t cap() { return kCap; }

 private:
  std::unordered_map<uint64_t, Value>& make_room() {
    if (young_.size() >= kCap / 2) {
      overflows_ += old_.size();
      old_.clear();
      old_.swap(young_);
    }
    return young_;
  }
  std::unordered_map<uint64_t, Value> young_, old_;
  uint64_t overflows_ = 0;
};

}  // namespace mailflow
