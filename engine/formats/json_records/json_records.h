// Cuts a stream of JSON text into records, the objects a reader parses one at a time, without ever
// holding the whole document. A file may hold
//   - one object, several objects concatenated, or one per line (NDJSON);
//   - a JSON array of them (top-level brackets are looked through);
//   - envelopes: a top-level object that holds its records in an array member, as Microsoft Graph
//     and OData pages do: `{"@odata.context":...,"value":[{...},{...}],"@odata.nextLink":...}`, one
//     page per file, concatenated, one per line or in an array; OData v2's `{"d":{"results":[...]}}`.
//     Only when the reader names such members (Envelopes::array_names): the array's objects then
//     become records one by one, and the envelope's own members are reported apart, so a page of
//     5000 objects (or a script's single `{"value":[...]}` of a million) costs one object at a time.
// Only boundaries are found here (strings and escapes respected); each record is then parsed whole
// by the reader. A record larger than the limit is not kept: it is reported by its size and
// skipped, so a hostile file cannot make the reader hold it. Lines are counted for every record.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mailflow {

class JsonRecords {
 public:
  static constexpr size_t kMaxObjectBytes = 16u << 20;
  static constexpr size_t kMaxEnvelopeBytes = 64u << 10;

  struct Handler {
    std::function<void(std::string_view object, uint64_t line)> object;
    std::function<void(uint64_t line, uint64_t bytes)> oversized;
    // Text outside any object other than whitespace, ',' '[' ']': one call per line it is on.
    std::function<void(uint64_t line, std::string_view sample)> stray;
    std::function<void(uint64_t line)> unterminated;  // at finish(), inside an object
  };

  struct Envelopes {
    // Array members whose objects are records: in a top-level object, or in an object directly
    // inside it. Compared as written ("value", "results"). Empty: every top-level object is a record.
    std::vector<std::string> array_names;
    // At the end of each envelope: its own members as JSON text with the record array written as
    // `[]` (empty text when they exceed kMaxEnvelopeBytes), the line it starts on, how many
    // records its array held, and whether it was complete (false: the file ended inside it).
    std::function<void(std::string_view members, uint64_t line, uint64_t records, bool complete)> closed;
  };

  explicit JsonRecords(Handler handler, Envelopes envelopes = {}, size_t max_object_bytes = kMaxObjectBytes);
  void feed(std::string_view text);
  void finish();

 private:
  // Where the scan is: between records (at the top level, or inside an envelope's record array), in
  // a record, or in a top-level object that may turn out to be an envelope (members are watched).
  enum class Where : uint8_t { Between, Record, Outer };
  static constexpr int kWatchedDepth = 2;  // envelopes' record arrays sit at most this deep

  size_t between(std::string_view text, size_t i);
  size_t in_record(std::string_view text, size_t i);
  size_t in_outer(std::string_view text, size_t i);
  void start_record(uint64_t line);
  void end_record();
  void end_outer();
  void reset_outer();
  void flush_stray();
  bool watched() const;  // at an object's member level at most kWatchedDepth deep, inside objects only
  bool names_records_array(std::string_view key) const;

  Handler handler_;
  Envelopes envelopes_;
  size_t max_object_bytes_;
  uint64_t line_ = 1;
  Where where_ = Where::Between;

  // The record being cut.
  std::string record_;
  uint64_t record_line_ = 0, record_bytes_ = 0;
  int64_t record_depth_ = 0;
  bool in_string_ = false, escape_ = false;

  // The top-level object around, until it closes: a record itself, or an envelope.
  bool envelope_ = false;  // its record array was found
  bool outer_kept_ = true;  // false once its text exceeded the limit
  std::string outer_;
  uint64_t outer_line_ = 0, outer_bytes_ = 0, envelope_records_ = 0;
  int64_t outer_depth_ = 0;
  bool outer_in_string_ = false, outer_escape_ = false;
  bool container_is_object_[kWatchedDepth + 1] = {};  // by depth, for the members that are watched
  bool expect_key_ = false;   // a member name comes next
  bool reading_key_ = false;  // inside a watched member name
  bool key_ready_ = false;    // a watched member name just ended
  bool after_colon_ = false;  // the value of the member just named comes next
  bool key_names_array_ = false;
  std::string key_;
  int64_t array_depth_ = 0;  // inside the envelope's record array: its brackets (0 = not inside)
  bool between_in_string_ = false, between_escape_ = false;  // a stray string inside the array

  std::string stray_;  // stray text on the current line
  uint64_t stray_line_ = 0;
};

}  // namespace mailflow
