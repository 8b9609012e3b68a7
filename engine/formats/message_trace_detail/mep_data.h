// The `Data` column of a message trace detail: `<root><MEP Name="ClientIP" String="198.51.100.7" />
// <MEP Name="CustomData" Blob="S:..." /></root>`, sometimes URI-escaped as a whole (`%3Croot%3E...`,
// MTD-RWS). Read with a small bounded scanner, not an XML library: only `<MEP .../>` elements and
// their attributes matter, each element's first attribute other than Name (String, Blob, Integer,
// Long, ...) is its value, and XML entities (&amp; &quot; &#38; ...) in values are decoded.
// Malformed text ends the scan; it never reads past the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mailflow {

class MepData {
 public:
  // Reads `data`; afterwards value() answers for its elements. Views stay valid until the next call.
  void read(std::string_view data);
  // The value of the element named `name` (case-insensitive); nullopt when there is none.
  std::optional<std::string_view> value(std::string_view name) const;

 private:
  static constexpr size_t kMaxElements = 64;  // a detail row carries a handful; bound the work
  struct Element {
    std::string_view name;
    std::string_view value;
  };
  std::string_view decoded_attribute(std::string_view raw);

  std::string unescaped_;  // the URI-decoded text, when the field was escaped
  std::string values_;     // entity-decoded values; reserved up front so views never move
  Element elements_[kMaxElements];
  size_t count_ = 0;
};

}  // namespace mailflow
