// One entry of a systemd journal exported with `journalctl -o json` (also `-o json-seq`, whose
// lines start with an RS byte, and `-o json-sse`, whose lines start with "data: "): one JSON object
// per line, keys in any order, every value a string — or `null` when the value was 4096 bytes or
// longer (journalctl leaves it out unless given --all), or an array of byte values when it is not
// printable UTF-8, or an array of such values when the entry has the field more than once.
//
//   {"__REALTIME_TIMESTAMP":"1795162502650438","_SOURCE_REALTIME_TIMESTAMP":"1795162502650416",
//    "SYSLOG_IDENTIFIER":"postfix/smtpd","SYSLOG_PID":"24811","_PID":"24811","_HOSTNAME":"mx1",
//    "_COMM":"smtpd","_TRANSPORT":"syslog","MESSAGE":"connect from mail.fabrikam.com[198.51.100.7]",...}
//
// The fields are read the way `journalctl -o short` prints the same entry, so that a JSON export
// and a text export of one journal give the same lines:
//   time     _SOURCE_REALTIME_TIMESTAMP (when the program logged), else __REALTIME_TIMESTAMP (when
//            journald stored it); microseconds since the epoch, UTC
//   program  SYSLOG_IDENTIFIER, else _COMM
//   pid      SYSLOG_PID (the pid in the program's own syslog tag, as a syslog file shows it), else
//            _PID (the process that sent the line; the same process for a program that calls
//            syslog(3) itself)
//   host     _HOSTNAME
//   message  MESSAGE (unescaped; a byte array becomes those bytes); for syslog lines journald has
//            already taken the "program[pid]: " tag off
// Of a field given more than once, the last value counts (as in journalctl's text outputs).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mailflow {

struct JournalEntry {
  enum class Shape {
    Entry,          // a journal entry with its time and MESSAGE
    NotJournal,     // not a JSON object, or no __REALTIME_TIMESTAMP: not a journal entry
    NoMessage,      // a journal entry without MESSAGE (journalctl's text outputs skip those too)
    MessageLeftOut  // MESSAGE is null: 4096 bytes or longer and exported without --all
  };
  Shape shape = Shape::NotJournal;
  int64_t realtime_us = 0;
  std::string_view program, host, message;
  uint32_t pid = 0;  // 0 when the entry has no (numeric) pid
};

// True when the line looks like a journal JSON entry (an object with a __REALTIME_TIMESTAMP key)
// without reading all of it: for sniffing and for telling such lines from other text.
bool looks_like_journal_json(std::string_view line);

// Reads one line. The views point into `line`, or into `scratch` for values that had to be
// unescaped; both must outlive the result. `scratch` is reused: no allocation once it has grown
// to the longest line.
JournalEntry parse_journal_json(std::string_view line, std::string& scratch);

}  // namespace mailflow
