// The members of one JSON object that a reader asks for by name, read in one SAX pass without
// building a document (a file may hold a million records). Member names are compared as column
// names are (normalize_column_name: case, '_', '-', '.' and spaces ignored), so PowerShell's
// `MessageId`, Graph's `messageId` and a SIEM's `message_id` are one name. Values as text:
//   strings    unescaped (`\u003c` is '<', `\/` is '/')
//   numbers    as written (integers in decimal)
//   true/false "true" / "false"
//   null       an empty value that is still there (has() is true)
//   an object  its own "value" member: Windows PowerShell 5.1 writes a DateTime that carries
//              PowerShell's type data as {"value":"\/Date(...)\/","DisplayHint":2,"DateTime":"..."}
//   an array   an empty value
// Only top-level members are looked at; the first of duplicate names wins.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mailflow {

class FlatObject {
 public:
  // `names`: the wanted names, already normalised ("receiveddatetime").
  explicit FlatObject(std::vector<std::string_view> names);

  // Reads one object; false when `text` is not one valid JSON object (the values are then unset).
  bool read(std::string_view text);
  bool has(size_t name) const { return present_[name]; }
  std::string_view value(size_t name) const { return present_[name] ? std::string_view(values_[name]) : std::string_view{}; }
  size_t size() const { return names_.size(); }

  // The wanted name `raw` (a member name as written) stands for, or npos.
  size_t find(std::string_view raw) const;
  static constexpr size_t npos = static_cast<size_t>(-1);

 private:
  struct Sax;
  // find() with a memory of the names met: records repeat the same dozen names.
  size_t slot_of(const std::string& raw);
  static constexpr size_t kMaxSeen = 64;

  std::vector<std::pair<std::string, size_t>> seen_;
  std::vector<std::string_view> names_;
  std::vector<std::string> values_;
  std::vector<bool> present_;
};

// `raw` (a name as written) equals `normalised` when case, '_', '-', '.', ' ' and '"' are ignored.
bool same_column_name(std::string_view raw, std::string_view normalised);

}  // namespace mailflow
