// The lines of mail text (RFC 5322 messages, mbox files), from chunks cut anywhere, in bounded
// memory. Mail lines are short, except base64 written as one line (some report senders do) or
// hostile input: so a line is not held whole. It is handed out as pieces, each saying whether it
// starts and whether it ends its line, without the line break (CRLF or LF).
//
// What a consumer may count on, whatever the chunk cuts: a line of at most kHeldBytes bytes comes
// as one piece (so a MIME boundary or an mbox "From " line is always seen whole), and a longer
// line's first piece holds at least its first kHeldBytes bytes. Lines spanning two chunks are
// copied into one reused buffer up to kHeldBytes; the rest of a long line is passed on in place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mailflow {

class MailLines {
 public:
  static constexpr size_t kHeldBytes = 1024;

  class Consumer {
   public:
    virtual ~Consumer() = default;
    // `line`: the 1-based number of the line the piece belongs to.
    virtual void piece(std::string_view data, bool starts_line, bool ends_line, uint64_t line) = 0;
  };

  explicit MailLines(Consumer& consumer) : consumer_(consumer) {}
  void feed(std::string_view text);
  void finish();  // a last line without a line break ends here

 private:
  void emit(std::string_view data, bool ends);
  void emit_held(std::string_view data);  // a piece that does not end its line

  Consumer& consumer_;
  std::string held_;        // the start of the current line (up to kHeldBytes), not yet handed out
  bool in_line_ = false;    // a piece of the current line was handed out
  bool held_cr_ = false;    // a CR at the end of what was handed out: the line break, if LF follows
  uint64_t line_ = 1;
};

}  // namespace mailflow
