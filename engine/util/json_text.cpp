#include "util/json_text.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mailflow {

namespace {

using Json = nlohmann::ordered_json;

// Builds the document bottom-up: open containers on a stack, each finished value moved into the
// container below it.
class LinearBuilder {
 public:
  Json take() { return std::move(root_); }

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool value) { return put(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return put(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return put(Json(value)); }
  bool number_float(Json::number_float_t value, const std::string&) { return put(Json(value)); }
  bool string(std::string& value) { return put(Json(std::move(value))); }
  bool binary(Json::binary_t& value) { return put(Json::binary(std::move(value))); }
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool key(std::string& name) {
    keys_.back() = std::move(name);
    return true;
  }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

 private:
  bool open(Json container) {
    open_.push_back(std::move(container));
    keys_.emplace_back();
    return true;
  }
  bool close() {
    Json done = std::move(open_.back());
    open_.pop_back();
    keys_.pop_back();
    return put(std::move(done));
  }
  bool put(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
    } else if (Json& into = open_.back(); into.is_array()) {
      into.get_ref<Json::array_t&>().push_back(std::move(value));
    } else {
      // ordered_map is a vector of members: appended without looking for the name.
      auto& members = static_cast<std::vector<Json::object_t::value_type>&>(into.get_ref<Json::object_t&>());
      members.emplace_back(std::move(keys_.back()), std::move(value));
    }
    return true;
  }

  std::vector<Json> open_;
  std::vector<std::string> keys_;  // beside open_: the name of the member being read
  Json root_;
};

}  // namespace

Json parse_json(std::string_view text) {
  LinearBuilder builder;
  if (!Json::sax_parse(text, &builder, nlohmann::detail::input_format_t::json, /*strict=*/true,
                       /*ignore_comments=*/false))
    return Json(Json::value_t::discarded);
  return builder.take();
}

void append_json_string(std::string& out, std::string_view text) {
  // Printable ASCII needs no escape: most host and connector names, written without a JSON value.
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; });
  if (!plain) {
    out += Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

}  // namespace mailflow
