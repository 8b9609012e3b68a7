#include "ingest/recorded_events.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <type_traits>

#include "ingest/message_table.h"
#include "util/hash.h"
#include "util/prefetch.h"
#include "util/short_copy.h"
#include "util/text.h"

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
  texts_.clear();
  text_.clear();
  reasons_.clear();
  connectors_.clear();
  remotes_.clear();
  connector_numbers_.clear();
  connector_memo_.clear();
}

RecordedEvents::Text RecordedEvents::keep(std::string_view text) {
  const Text kept{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(text.size())};
  if (text.empty()) return kept;  // most messages name no session or peer
  text_.resize(text_.size() + text.size());
  copy_short(text_.data() + kept.offset, text.data(), text.size());
  return kept;
}

uint32_t RecordedEvents::reason_index(std::string_view reason) {
  // A reader has one or two reasons for further rows: the last one is nearly always the one.
  // Compared inline (same_name): a string's == called memcmp for every message in wasm.
  for (size_t i = reasons_.size(); i-- > 0;)
    if (same_name(reasons_[i], reason)) return static_cast<uint32_t>(i);
  reasons_.emplace_back(reason);
  return static_cast<uint32_t>(reasons_.size() - 1);
}

// A name whose hash is another name's (one in 2^64) gets a number of its own, unindexed: the
// replay interns it like any other, so nothing is mixed up.
uint32_t RecordedEvents::number_connector(std::optional<std::string_view> name) {
  if (!name) return kNoName;
  const auto name_of = [this](uint32_t number) { return view(connectors_[number]); };
  if (const uint32_t number = connector_memo_.find(*name, name_of); number != NameMemo::kNone) return number;
  const uint64_t hash = hash64(*name, 0xc0);
  const uint32_t* known = connector_numbers_.find(hash);
  if (known && same_name(view(connectors_[*known]), *name)) return connector_memo_.put(*name, *known), *known;
  const auto number = static_cast<uint32_t>(connectors_.size());
  connectors_.push_back(keep(*name));
  if (!known) connector_numbers_.insert(hash, number);
  connector_memo_.put(*name, number);
  return number;
}

uint32_t RecordedEvents::keep_remote(std::string_view host, std::string_view domain) {
  if (host.empty() && domain.empty()) return kNoName;
  remotes_.push_back({keep(host), keep(domain)});
  return static_cast<uint32_t>(remotes_.size() - 1);
}

bool RecordedEvents::keep_texts(std::string_view session_id, std::string_view peer_ip) {
  if (session_id.empty() && peer_ip.empty()) return false;
  texts_.push_back({keep(session_id), keep(peer_ip)});
  return true;
}

void RecordedEvents::add_message(const MessageEvent& event, std::string_view further_reason) {
  Entry& e = entries_.emplace_back();
  e.kind = Kind::Message;
  e.tls_from_session = event.tls_from_session;
  e.has_bytes = event.bytes.has_value();
  e.size_later = event.size_later;
  e.saw_start = false;
  e.direction = event.direction;
  e.tls = event.tls;
  e.resolved = event.time.resolved;
  e.first = event.time.first;
  e.second = event.time.second;
  e.year = static_cast<int16_t>(event.time.year);
  e.utc_seconds = event.time.utc_seconds;
  e.connector = number_connector(event.connector);
  e.remote = keep_remote(event.remote_host, event.remote_domain);
  e.reason = static_cast<uint16_t>(reason_index(further_reason));
  e.has_texts = keep_texts(event.session_id, event.peer_ip);
  e.words.message = {event.bytes.value_or(0), MessageTable::key_of(event)};
}

void RecordedEvents::add_tls_session(const TlsSessionEvidence& session) {
  Entry& e = entries_.emplace_back();
  e.kind = Kind::TlsSession;
  e.tls_from_session = false;
  e.has_bytes = session.tls.has_value();
  e.size_later = false;
  e.saw_start = session.saw_start;
  e.direction = session.direction;
  e.tls = session.tls.value_or(TlsVersion::NoData);
  e.resolved = true;
  e.first = e.second = 0;
  e.year = 0;
  e.utc_seconds = 0;
  e.connector = number_connector(session.connector);
  e.remote = kNoName;
  e.reason = 0;
  e.has_texts = keep_texts(session.session_id, session.peer_ip);
  e.words.session = {session.first_seconds, session.last_seconds};
}

bool RecordedEvents::fill_later_sizes(std::span<const std::optional<uint64_t>>& sizes) {
  for (Entry& e : entries_) {
    if (e.kind != Kind::Message || !e.size_later) continue;
    if (sizes.empty()) return false;
    e.size_later = false;
    e.has_bytes = sizes.front().has_value();
    e.words.message.bytes = sizes.front().value_or(0);
    sizes = sizes.subspan(1);
  }
  return true;
}

ConnectorId RecordedEvents::Names::connector(Aggregate& table) {
  if (connector_number == kNoName) return kUnknownConnector;
  uint32_t& id = connector_ids[connector_number];
  if (id == kUnresolved) id = table.intern_connector(batch.view(batch.connectors_[connector_number]));
  return id;
}

uint32_t RecordedEvents::Names::remote(RemoteNames& table) {
  const Remote& r = batch.remotes_[remote_number];
  return table.intern_remote(side_key, batch.view(r.host), batch.view(r.domain));
}

void RecordedEvents::replay(MessageTable& table, size_t source, ReplayTally& tally) const {
  // The keys and remote sides of a group of messages are asked for together, a group ahead
  // (util/prefetch.h); the sides' keys are kept until their group is counted.
  std::array<uint64_t, 2 * kPrefetchGroup> side_keys{};
  auto ask_for_group = [&](size_t from) {
    for (size_t j = from; j < std::min(entries_.size(), from + kPrefetchGroup); ++j) {
      const Entry& e = entries_[j];
      if (e.kind != Kind::Message) continue;
      table.prefetch(e.words.message.key);
      if (e.remote == kNoName) continue;
      const Remote& r = remotes_[e.remote];
      const uint64_t side_key = RemoteNames::side_key(view(r.host), view(r.domain));
      side_keys[j % side_keys.size()] = side_key;
      table.prefetch_side(side_key);
    }
  };
  std::vector<uint32_t> connector_ids(connectors_.size(), Names::kUnresolved);
  // One event for all entries: a fresh one per entry was zeroed (176 bytes, `rep stos`) each time.
  MessageEvent event;
  ask_for_group(0);
  size_t next_texts = 0;
  for (size_t i = 0; i < entries_.size(); ++i) {
    if (i % kPrefetchGroup == 0) ask_for_group(i + kPrefetchGroup);
    const Entry& e = entries_[i];
    const Texts texts = e.has_texts ? texts_[next_texts++] : Texts{};
    if (e.kind == Kind::TlsSession) {
      TlsSessionEvidence session;
      session.session_id = view(texts.session_id);
      session.direction = e.direction;
      session.connector = view(connectors_[e.connector]);
      session.peer_ip = view(texts.peer_ip);
      session.first_seconds = e.words.session.first_seconds;
      session.last_seconds = e.words.session.last_seconds;
      if (e.has_bytes) session.tls = e.tls;
      session.saw_start = e.saw_start;
      table.add_tls_session(session, source);
      continue;
    }
    // The names go to the table as numbers (Names); the connector's text also for the TLS join.
    // Every field an entry holds is set, for every entry.
    event.time = e.stamp();
    event.direction = e.direction;
    event.connector = e.connector != kNoName ? std::optional(view(connectors_[e.connector])) : std::nullopt;
    event.tls = e.tls;
    event.bytes = e.has_bytes ? std::optional(e.words.message.bytes) : std::nullopt;
    event.tls_from_session = e.tls_from_session;
    event.session_id = view(texts.session_id);
    event.peer_ip = view(texts.peer_ip);
    Names names{*this, connector_ids, e.connector, e.remote, side_keys[i % side_keys.size()]};
    if (table.add(event, source, e.words.message.key, names)) ++tally.messages;
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

std::string RecordedEvents::take_written(std::string& out) {
  std::string written;
  written.reserve(out.size() + out.size() / 4);  // a quarter more in case the next take more
  written.swap(out);
  return written;
}

// Magic, entry count, text size, reason count, connector, remote name and session text count; the
// entries as they lie in memory (both ends run the same build); the text; each reason with its
// size; the names' and session texts' views into the text.
void RecordedEvents::write_to(std::string& out) const {
  static_assert(std::is_trivially_copyable_v<Entry> && std::is_trivially_copyable_v<Remote> &&
                std::is_trivially_copyable_v<Texts>);
  put_u32(out, kBatchMagic);
  put_u32(out, static_cast<uint32_t>(entries_.size()));
  put_u32(out, static_cast<uint32_t>(text_.size()));
  put_u32(out, static_cast<uint32_t>(reasons_.size()));
  put_u32(out, static_cast<uint32_t>(connectors_.size()));
  put_u32(out, static_cast<uint32_t>(remotes_.size()));
  put_u32(out, static_cast<uint32_t>(texts_.size()));
  out.append(reinterpret_cast<const char*>(entries_.data()), entries_.size() * sizeof(Entry));
  out.append(text_.data(), text_.size());
  for (const auto& reason : reasons_) {
    put_u32(out, static_cast<uint32_t>(reason.size()));
    out.append(reason);
  }
  out.append(reinterpret_cast<const char*>(connectors_.data()), connectors_.size() * sizeof(Text));
  out.append(reinterpret_cast<const char*>(remotes_.data()), remotes_.size() * sizeof(Remote));
  out.append(reinterpret_cast<const char*>(texts_.data()), texts_.size() * sizeof(Texts));
}

namespace {
template <class T>
bool get_array(std::string_view& in, uint32_t count, std::vector<T>& out) {
  if (in.size() / sizeof(T) < count) return false;
  out.resize(count);
  if (count) std::memcpy(out.data(), in.data(), count * sizeof(T));  // no null pointer to memcpy
  in.remove_prefix(count * sizeof(T));
  return true;
}
}  // namespace

bool RecordedEvents::read_from(std::string_view& in) {
  clear();
  uint32_t magic = 0, entries = 0, text = 0, reasons = 0, connectors = 0, remotes = 0, texts = 0;
  if (!get_u32(in, magic) || magic != kBatchMagic || !get_u32(in, entries) || !get_u32(in, text) ||
      !get_u32(in, reasons) || !get_u32(in, connectors) || !get_u32(in, remotes) || !get_u32(in, texts) ||
      !get_array(in, entries, entries_) || in.size() < text)
    return clear(), false;
  text_.assign(in.data(), in.data() + text);
  in.remove_prefix(text);
  for (uint32_t i = 0; i < reasons; ++i) {
    uint32_t size = 0;
    if (!get_u32(in, size) || in.size() < size) return clear(), false;
    reasons_.emplace_back(in.substr(0, size));
    in.remove_prefix(size);
  }
  if (!get_array(in, connectors, connectors_) || !get_array(in, remotes, remotes_) || !get_array(in, texts, texts_))
    return clear(), false;
  // Never trust a view, a number or an enum that would read outside the batch.
  auto inside = [this](const Text& t) { return t.offset <= text_.size() && t.size <= text_.size() - t.offset; };
  bool valid = true;
  for (const Text& t : connectors_) valid = valid && inside(t);
  for (const Remote& r : remotes_) valid = valid && inside(r.host) && inside(r.domain);
  for (const Texts& t : texts_) valid = valid && inside(t.session_id) && inside(t.peer_ip);
  size_t entries_with_texts = 0;
  for (const Entry& e : entries_) {
    entries_with_texts += e.has_texts;
    valid = valid && (e.kind == Kind::Message || e.kind == Kind::TlsSession) && !e.size_later &&
            e.direction <= Direction::Outbound &&
            e.tls <= TlsVersion::NoData &&
            (e.connector < connectors_.size() || (e.kind == Kind::Message && e.connector == kNoName)) &&
            (e.kind != Kind::Message || (e.reason < reasons_.size() &&
                                         (e.remote == kNoName || e.remote < remotes_.size())));
  }
  if (!valid || entries_with_texts != texts_.size()) return clear(), false;
  return true;
}

}  // namespace mailflow
