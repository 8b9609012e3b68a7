#include "ingest/recorded_events.h"

#include <cstring>
#include <type_traits>

#include "ingest/message_table.h"

namespace mailflow {

void ReplayTally::add_further_row(std::string_view reason) {
  for (auto& [known, records] : further_rows)
    if (known == reason) return void(++records);
  further_rows.emplace_back(std::string(reason), 1);
}

void ReplayTally::add_to(SourceReport& report) const {
  report.messages += messages;
  for (const auto& [reason, records] : further_rows) report.skip_benign(reason, records);
}

void RecordedEvents::clear() {
  entries_.clear();
  text_.clear();
  reasons_.clear();
}

RecordedEvents::Text RecordedEvents::keep(std::string_view text) {
  const Text kept{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(text.size())};
  text_.append(text);
  return kept;
}

uint32_t RecordedEvents::reason_index(std::string_view reason) {
  // A reader has one or two reasons for further rows: the last one is nearly always the one.
  for (size_t i = reasons_.size(); i-- > 0;)
    if (reasons_[i] == reason) return static_cast<uint32_t>(i);
  reasons_.emplace_back(reason);
  return static_cast<uint32_t>(reasons_.size() - 1);
}

void RecordedEvents::add_message(const MessageEvent& event, uint64_t line, std::string_view further_reason) {
  Entry& e = entries_.emplace_back();
  e.kind = Kind::Message;
  e.has_connector = event.connector.has_value();
  e.tls_from_session = event.tls_from_session;
  e.has_bytes = event.bytes.has_value();
  e.saw_start = false;
  e.direction = event.direction;
  e.tls = event.tls;
  e.reason = reason_index(further_reason);
  e.time = event.time;
  e.first_seconds = e.last_seconds = 0;
  e.bytes = event.bytes.value_or(0);
  e.line = line;
  e.key = MessageTable::key_of(event);
  e.text[0] = keep(event.connector.value_or(std::string_view()));
  e.text[1] = keep(event.remote_host);
  e.text[2] = keep(event.remote_domain);
  e.text[3] = keep(event.message_key);
  e.text[4] = keep(event.session_id);
  e.text[5] = keep(event.peer_ip);
}

void RecordedEvents::add_tls_session(const TlsSessionEvidence& session) {
  Entry& e = entries_.emplace_back();
  e.kind = Kind::TlsSession;
  e.has_connector = true;
  e.tls_from_session = false;
  e.has_bytes = session.tls.has_value();
  e.saw_start = session.saw_start;
  e.direction = session.direction;
  e.tls = session.tls.value_or(TlsVersion::NoData);
  e.reason = 0;
  e.time = {};
  e.first_seconds = session.first_seconds;
  e.last_seconds = session.last_seconds;
  e.bytes = 0;
  e.line = 0;
  e.key = 0;
  e.text[0] = keep(session.session_id);
  e.text[1] = keep(session.connector);
  e.text[2] = keep(session.peer_ip);
}

void RecordedEvents::replay(MessageTable& table, size_t source, ReplayTally& tally) const {
  constexpr size_t kPrefetchAhead = 8;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (i + kPrefetchAhead < entries_.size() && entries_[i + kPrefetchAhead].kind == Kind::Message)
      table.prefetch(entries_[i + kPrefetchAhead].key);
    const Entry& e = entries_[i];
    if (e.kind == Kind::TlsSession) {
      TlsSessionEvidence session;
      session.session_id = view(e.text[0]);
      session.direction = e.direction;
      session.connector = view(e.text[1]);
      session.peer_ip = view(e.text[2]);
      session.first_seconds = e.first_seconds;
      session.last_seconds = e.last_seconds;
      if (e.has_bytes) session.tls = e.tls;
      session.saw_start = e.saw_start;
      table.add_tls_session(session, source);
      continue;
    }
    MessageEvent event;
    event.time = e.time;
    event.direction = e.direction;
    if (e.has_connector) event.connector = view(e.text[0]);
    event.tls = e.tls;
    if (e.has_bytes) event.bytes = e.bytes;
    event.remote_host = view(e.text[1]);
    event.remote_domain = view(e.text[2]);
    event.message_key = view(e.text[3]);
    event.tls_from_session = e.tls_from_session;
    event.session_id = view(e.text[4]);
    event.peer_ip = view(e.text[5]);
    if (table.add(event, source, e.key)) ++tally.messages;
    else tally.add_further_row(reasons_[e.reason]);
  }
}

namespace {
constexpr uint32_t kBatchMagic = 0x4552464d;  // "MFRE"

void put_u32(std::string& out, uint32_t value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); }
bool get_u32(std::string_view& in, uint32_t& value) {
  if (in.size() < sizeof value) return false;
  std::memcpy(&value, in.data(), sizeof value);
  in.remove_prefix(sizeof value);
  return true;
}
}  // namespace

// Magic, entry count, text size, reason count; the entries as they lie in memory (both ends run the
// same build); the text; each reason with its size.
void RecordedEvents::write_to(std::string& out) const {
  static_assert(std::is_trivially_copyable_v<Entry>);
  put_u32(out, kBatchMagic);
  put_u32(out, static_cast<uint32_t>(entries_.size()));
  put_u32(out, static_cast<uint32_t>(text_.size()));
  put_u32(out, static_cast<uint32_t>(reasons_.size()));
  out.append(reinterpret_cast<const char*>(entries_.data()), entries_.size() * sizeof(Entry));
  out.append(text_);
  for (const auto& reason : reasons_) {
    put_u32(out, static_cast<uint32_t>(reason.size()));
    out.append(reason);
  }
}

bool RecordedEvents::read_from(std::string_view& in) {
  clear();
  uint32_t magic = 0, entries = 0, text = 0, reasons = 0;
  if (!get_u32(in, magic) || magic != kBatchMagic || !get_u32(in, entries) || !get_u32(in, text) ||
      !get_u32(in, reasons) || in.size() / sizeof(Entry) < entries || in.size() - entries * sizeof(Entry) < text)
    return false;
  entries_.resize(entries);
  std::memcpy(entries_.data(), in.data(), entries * sizeof(Entry));
  in.remove_prefix(entries * sizeof(Entry));
  text_.assign(in.substr(0, text));
  in.remove_prefix(text);
  for (uint32_t i = 0; i < reasons; ++i) {
    uint32_t size = 0;
    if (!get_u32(in, size) || in.size() < size) return clear(), false;
    reasons_.emplace_back(in.substr(0, size));
    in.remove_prefix(size);
  }
  // Never trust a view or an enum that would read outside the batch.
  for (const Entry& e : entries_) {
    bool valid = (e.kind == Kind::Message || e.kind == Kind::TlsSession) && e.direction <= Direction::Outbound &&
                 e.tls <= TlsVersion::NoData && (e.kind != Kind::Message || e.reason < reasons_.size());
    for (const Text& t : e.text) valid = valid && t.offset <= text_.size() && t.size <= text_.size() - t.offset;
    if (!valid) return clear(), false;
  }
  return true;
}

}  // namespace mailflow
