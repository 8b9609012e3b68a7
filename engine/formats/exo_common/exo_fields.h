// Field helpers shared by the Exchange Online / Microsoft 365 readers. They live in one place so
// that every EXO export gives a message the same key: a message trace, its trace detail and an
// extended report dropped together then join into one message per direction.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aggregate/source_report.h"
#include "csv/csv_format_reader.h"
#include "model/tls_version.h"

namespace mailflow::exo {

// The join key of a message: the Internet Message-ID as written, trimmed, without its angle
// brackets; the network message id (MessageTraceId) when the Message-ID is empty.
std::string_view message_key(std::string_view message_id, std::string_view network_message_id);


// The value of `key` in Exchange custom data, `S:key=value;S:other=...`. Entries start at the
// beginning or after a ';' that is followed by a one-letter type and ':' ("S:", "I:", ...), so a
// value may itself hold ';' (`S:InboundConnectorData=Name=X;ConnectorType=Partner`), '|', '='
// and en-US dates. The key is compared without case. nullopt when the key is absent.
std::optional<std::string_view> custom_data_value(std::string_view custom_data, std::string_view key);

// `Name=` inside a connector entry of custom data ("Name=Inbound from Fabrikam;ConnectorType=...").
std::string_view connector_name_in(std::string_view connector_data);

// A byte size column; nullopt when empty or not a number.
std::optional<uint64_t> parse_bytes(std::string_view text);

// The TLS state named by a `tlsversion` value. A value mailflow does not know still says the
// connection used TLS, so it becomes UnknownVersion and is remembered for a note.
class TlsSpellings {
 public:
  TlsVersion parse(std::string_view value);
  // "N rows name a TLS version mailflow does not know ("X", "Y"); counted as TLS of unknown version."
  void add_note(SourceReport& report) const;
  // Adds what `later` (of the file's next range) saw, as if this had parsed it.
  void take_over(const TlsSpellings& later);
  // What take_over reads, as bytes (a range parsed in another page worker).
  void write_state(StateWriter& out) const;
  bool read_state(StateReader& in);

 private:
  static constexpr size_t kMaxExamples = 3;
  uint64_t unknown_ = 0;
  std::vector<std::string> examples_;
};

// Skip reasons that name an event ("event is not a boundary crossing (DELIVER)"). The extended
// report skips most of its rows, so the strings are built once per event name, not per row; the
// number of names is bounded so a hostile file cannot grow the report without limit.
class EventReasons {
 public:
  explicit EventReasons(std::string prefix, std::string empty_name = "no event")
      : prefix_(std::move(prefix)), empty_name_(std::move(empty_name)) {}
  // "<prefix> (<qualifier> <event>)", e.g. qualifier "STOREDRIVER", event "RECEIVE".
  const std::string& reason(std::string_view event_name, std::string_view qualifier = {});
  // Adds the names `later` (of the file's next range) met, as if this had met them; false, changing
  // nothing, when a name would then be told apart differently (past the bound of names).
  bool take_over(const EventReasons& later);
  void write_state(StateWriter& out) const;
  bool read_state(StateReader& in);

 private:
  static constexpr size_t kMaxNames = 32;
  static constexpr size_t kMaxNameLength = 40;
  std::string prefix_;
  std::string empty_name_;
  std::vector<std::pair<std::string, std::string>> names_;  // event name -> reason
  std::string other_;
};

// The reason for a row that only added facts to a message already counted.
const std::string& further_row_reason();

// A field of an export and the names it goes by as a CSV column or a JSON member, normalised as
// normalize_column_name() writes them ("receiveddatetime"); PowerShell's name first, then Graph's.
// The CSV and JSON readers of one export look fields up in the same table, so both shapes map alike.
struct FieldNames {
  std::string_view shown;                 // as people know it, for messages: "Received"
  std::array<std::string_view, 3> names;  // empty entries are unused
};
// The column of `field` in `header` (the first of its names the header has), or HeaderMap::npos.
size_t find_column(const HeaderMap& header, const FieldNames& field);
// Checks that the header has every one of `required`; on the first one missing sets report.error
// naming it, and returns false.
bool require_fields(const HeaderMap& header, std::span<const FieldNames* const> required,
                    std::string_view format_name, SourceReport& report);

// Checks that the header has each required column (a list of aliases each); on the first one
// missing sets report.error naming it, and returns false.
struct RequiredColumn {
  std::string_view name;  // as the user knows it, for the message
  std::initializer_list<std::string_view> aliases;
};
bool require_columns(const HeaderMap& header, std::initializer_list<RequiredColumn> required,
                     std::string_view format_name, SourceReport& report);

// Skips a defective row: counted under the plain `reason` (so a file full of different bad values
// does not grow the report), with the problem text quoting a bounded part of the value:
// `unreadable date "2026-13-45"`.
void skip_defect(SourceReport& report, uint64_t line, const std::string& reason, std::string_view value);

}  // namespace mailflow::exo
