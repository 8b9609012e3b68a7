#include "export/aggregate_binary.h"

#include <cstring>

#include "aggregate/aggregate_json.h"

namespace mailflow {
namespace {

constexpr std::string_view kMagic = "MFAGGBIN";
constexpr uint32_t kVersion = 1;
// Fixed-size records: a phase's count is checked against the bytes left before reading it.
constexpr size_t kRowBytes = 4 + 1 + 1 + 4 + 8 + 8;
constexpr size_t kCellBytes = kRowBytes + 4;

// `v` little-endian at `p`, whatever the host (compilers merge the bytes into one store).
template <class T>
char* put_le(char* p, T v) {
  for (size_t i = 0; i < sizeof(T); ++i) p[i] = static_cast<char>((static_cast<uint64_t>(v) >> (8 * i)) & 0xFF);
  return p + sizeof(T);
}

class Writer {
 public:
  template <class T>
  void number(T v) {
    char bytes[sizeof(T)];
    put_le(bytes, v);
    out_.append(bytes, sizeof(T));
  }
  void text(std::string_view s) {
    number(static_cast<uint32_t>(s.size()));
    out_.append(s);
  }
  // Room for `bytes` more, written through the pointer: the rows and cells are most of an image
  // (5.5 MB for a month of 800,000 messages), a byte at a time through the string was slow.
  char* extend(size_t bytes) {
    const size_t at = out_.size();
    out_.resize(at + bytes);
    return out_.data() + at;
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

char* put_cell_key(char* p, int32_t day, Direction direction, TlsVersion tls, ConnectorId connector) {
  p = put_le(p, day);
  p = put_le(p, static_cast<uint8_t>(direction));
  p = put_le(p, static_cast<uint8_t>(tls));
  return put_le(p, static_cast<uint32_t>(connector));
}

char* put_volume(char* p, const Volume& v) { return put_le(put_le(p, v.messages), v.bytes); }

}  // namespace

std::string aggregate_to_binary(const Aggregate& aggregate) {
  Writer w;
  w.out().append(kMagic);
  w.number(kVersion);
  {  // The sources and TLS reports through the JSON writer: one writer of their many fields.
    Aggregate header;
    for (const auto& s : aggregate.sources()) header.add_source(s);
    header.tls_reports() = aggregate.tls_reports();
    w.text(aggregate_to_json(header));
  }
  w.number(static_cast<uint32_t>(aggregate.connector_count()));
  for (size_t id = 0; id < aggregate.connector_count(); ++id) {
    const auto name = aggregate.connector_name(static_cast<ConnectorId>(id));
    w.number(static_cast<uint8_t>(name ? 1 : 0));
    w.text(name.value_or(""));
  }
  size_t rows = 0;
  aggregate.for_each_cell([&](const CellKey&, const Volume&) { ++rows; });
  w.number(static_cast<uint32_t>(rows));
  char* row = w.extend(rows * kRowBytes);
  aggregate.for_each_cell([&](const CellKey& k, const Volume& v) {
    row = put_volume(put_cell_key(row, k.day, k.direction, k.tls, k.connector), v);
  });
  const PartnerTable& partners = aggregate.partners();
  w.number(static_cast<uint8_t>(partners.overflowed() ? 1 : 0));
  const RemoteNames& names = partners.names();
  w.number(static_cast<uint32_t>(names.endpoint_count() - 1));
  for (uint32_t e = 1; e < names.endpoint_count(); ++e) {
    w.text(names.partner(e));
    w.text(names.host(e));
  }
  size_t cells = 0;
  partners.for_each([&](const PartnerCellKey&, const Volume&) { ++cells; });
  w.number(static_cast<uint32_t>(cells));
  char* cell = w.extend(cells * kCellBytes);
  partners.for_each([&](const PartnerCellKey& k, const Volume& v) {
    cell = put_volume(put_le(put_cell_key(cell, k.day, k.direction, k.tls, k.connector), k.endpoint), v);
  });
  return std::move(w.out());
}

namespace {

template <class T>
T read_le(const std::string& b, size_t at) {
  uint64_t v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<uint64_t>(static_cast<uint8_t>(b[at + i])) << (8 * i);
  return static_cast<T>(v);
}

bool valid_day(int32_t day) { return day > -800'000 && day < 3'000'000; }  // years 1 to 9999 and a margin

}  // namespace

bool AggregateBinaryReader::fail(std::string message) {
  error_ = "the dashboard's data is damaged: " + message;
  phase_ = Phase::Header;
  left_ = 0;
  return false;
}

bool AggregateBinaryReader::read_count(uint32_t& n) {
  if (bytes_.size() - at_ < 4) return fail("it ends early");
  n = read_le<uint32_t>(bytes_, at_);
  at_ += 4;
  return true;
}

bool AggregateBinaryReader::start() {
  if (bytes_.size() < kMagic.size() + 4 || std::string_view(bytes_).substr(0, kMagic.size()) != kMagic)
    return fail("not a mailflow image");
  at_ = kMagic.size();
  if (read_le<uint32_t>(bytes_, at_) != kVersion) return fail("an unknown version");
  at_ += 4;
  uint32_t n = 0;
  if (!read_count(n) || bytes_.size() - at_ < n) return fail("the header ends early");
  std::string json_error;
  auto header = aggregate_from_json(std::string_view(bytes_).substr(at_, n), json_error);
  if (!header) return fail(json_error);
  aggregate_ = std::move(*header);
  at_ += n;
  if (!read_count(n)) return false;
  connector_of_.clear();
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t len = 0;
    if (bytes_.size() - at_ < 1) return fail("a connector name ends early");
    const bool named = bytes_[at_++] != 0;
    if (!read_count(len) || bytes_.size() - at_ < len) return fail("a connector name ends early");
    const std::string_view name(bytes_.data() + at_, len);
    at_ += len;
    connector_of_.push_back(aggregate_.intern_connector(named ? std::optional<std::string_view>(name) : std::nullopt));
  }
  phase_ = Phase::Rows;
  if (!read_count(left_)) return false;
  if ((bytes_.size() - at_) / kRowBytes < left_) return fail("the rows end early");
  return true;
}

bool AggregateBinaryReader::next_phase() {
  switch (phase_) {
    case Phase::Rows: {
      if (bytes_.size() - at_ < 1) return fail("it ends early");
      if (bytes_[at_++] != 0) aggregate_.partners().mark_overflowed();
      phase_ = Phase::Endpoints;
      endpoint_of_.assign(1, RemoteNames::kOtherPartners);
      return read_count(left_);
    }
    case Phase::Endpoints:
      phase_ = Phase::Cells;
      if (!read_count(left_)) return false;
      if ((bytes_.size() - at_) / kCellBytes < left_) return fail("the partner cells end early");
      return true;
    case Phase::Cells:
      phase_ = Phase::Done;
      if (at_ != bytes_.size()) return fail("it has bytes after its end");
      return true;
    default: return true;
  }
}

bool AggregateBinaryReader::step(size_t items) {
  if (!error_.empty()) return false;
  while (items > 0 && phase_ != Phase::Done && phase_ != Phase::Header) {
    if (left_ == 0) {
      if (!next_phase()) return false;
      continue;
    }
    --items;
    --left_;
    if (phase_ == Phase::Endpoints) {
      uint32_t len = 0;
      if (!read_count(len) || bytes_.size() - at_ < len) return fail("a partner name ends early");
      const std::string_view partner(bytes_.data() + at_, len);
      at_ += len;
      if (!read_count(len) || bytes_.size() - at_ < len) return fail("a host name ends early");
      const std::string_view host(bytes_.data() + at_, len);
      at_ += len;
      endpoint_of_.push_back(aggregate_.partners().names().intern(partner, host));
      continue;
    }
    // A row or a partner cell (their counts were checked against the bytes left).
    const int32_t day = read_le<int32_t>(bytes_, at_);
    const uint8_t direction = static_cast<uint8_t>(bytes_[at_ + 4]);
    const uint8_t tls = static_cast<uint8_t>(bytes_[at_ + 5]);
    const uint32_t connector = read_le<uint32_t>(bytes_, at_ + 6);
    at_ += 10;
    uint32_t endpoint = 0;
    if (phase_ == Phase::Cells) {
      endpoint = read_le<uint32_t>(bytes_, at_);
      at_ += 4;
    }
    const Volume volume{read_le<uint64_t>(bytes_, at_), read_le<uint64_t>(bytes_, at_ + 8)};
    at_ += 16;
    if (!valid_day(day) || direction > 1 || tls >= kAllTlsVersions.size() || connector >= connector_of_.size())
      return fail("a row has a value out of range");
    const Direction d = direction == 0 ? Direction::Inbound : Direction::Outbound;
    if (phase_ == Phase::Rows) {
      aggregate_.add({day, d, connector_of_[connector], kAllTlsVersions[tls]}, volume);
    } else {
      if (endpoint >= endpoint_of_.size()) return fail("a partner cell names no known partner");
      // Each cell once, as the image was written from a table's cells.
      aggregate_.partners().add_new(
          {day, d, connector_of_[connector], kAllTlsVersions[tls], endpoint_of_[endpoint]}, volume);
    }
  }
  if (phase_ != Phase::Done && left_ == 0 && phase_ == Phase::Cells) return next_phase();
  return true;
}

}  // namespace mailflow
