// A reader's or a source's state as bytes, for a state that crosses between page workers (which
// share no memory): numbers as 8 bytes, texts with their length. Reading checks every length and
// never reads past the end; a reader that failed stays failed.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mailflow {

class StateWriter {
 public:
  void number(uint64_t value) { out_.append(reinterpret_cast<const char*>(&value), sizeof value); }
  void text(std::string_view value) {
    number(value.size());
    out_.append(value);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class StateReader {
 public:
  explicit StateReader(std::string_view in) : in_(in) {}
  bool number(uint64_t& value) {
    if (failed_ || in_.size() < sizeof value) return failed_ = true, false;
    std::memcpy(&value, in_.data(), sizeof value);
    in_.remove_prefix(sizeof value);
    return true;
  }
  template <class T>  // a narrower number, or an enum: false when the value does not fit
  bool number_as(T& value) {
    uint64_t wide = 0;
    if (!number(wide) || wide != static_cast<uint64_t>(static_cast<T>(wide))) return failed_ = true, false;
    value = static_cast<T>(wide);
    return true;
  }
  bool text(std::string_view& value) {
    uint64_t size = 0;
    if (!number(size) || size > in_.size()) return failed_ = true, false;
    value = in_.substr(0, static_cast<size_t>(size));
    in_.remove_prefix(static_cast<size_t>(size));
    return true;
  }
  bool text(std::string& value) {
    std::string_view view;
    if (!text(view)) return false;
    value.assign(view);
    return true;
  }
  bool at_end() const { return !failed_ && in_.empty(); }

 private:
  std::string_view in_;
  bool failed_ = false;
};

}  // namespace mailflow
