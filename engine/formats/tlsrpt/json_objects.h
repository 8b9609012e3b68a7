// Cuts a stream of text into top-level JSON objects: one report per file, NDJSON (one per line),
// objects simply concatenated, or a JSON array of them. Only the object boundaries are found here
// (strings and escapes respected); each object is then parsed whole, which is cheap because a
// TLS report is small. An object larger than kMaxObjectBytes is not kept: it is reported by its
// size and skipped, so a hostile file cannot make the reader hold it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace mailflow {

class JsonObjects {
 public:
  static constexpr size_t kMaxObjectBytes = 16u << 20;

  struct Handler {
    std::function<void(std::string_view object, uint64_t line)> object;
    std::function<void(uint64_t line, uint64_t bytes)> oversized;
    // Text outside any object other than whitespace, ',' '[' ']': one call per line it is on.
    std::function<void(uint64_t line, std::string_view sample)> stray;
    std::function<void(uint64_t line)> unterminated;  // at finish(), inside an object
  };

  explicit JsonObjects(Handler handler) : handler_(std::move(handler)) {}
  void feed(std::string_view text);
  void finish();

 private:
  Handler handler_;
  std::string object_;
  uint64_t line_ = 1;
  uint64_t object_line_ = 0;
  uint64_t object_bytes_ = 0;
  int depth_ = 0;  // 0: outside any object
  bool in_string_ = false, escape_ = false;
  std::string stray_;  // stray text on the current line
  uint64_t stray_line_ = 0;
};

}  // namespace mailflow
