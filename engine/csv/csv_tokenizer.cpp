#include "csv/csv_tokenizer.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "util/byte_scan.h"
#include "util/text.h"

namespace mailflow {

namespace {
constexpr size_t npos = std::string_view::npos;
constexpr size_t kBlockBytes = byte_scan::kBlockBytes;
// Small enough for the window and its bits to stay in the cache while its records are split.
constexpr size_t kWindowBytes = 64u << 10;
// Separator offsets: a window's (at most one a byte), the stop after them, and a block's writes past
// them; a record's of a long window, up to the field limit, fit in that too.
constexpr size_t kSeparatorRoom = kWindowBytes + 1 + 64;
static_assert(CsvTokenizer::kMaxFields + 2 + 64 <= kSeparatorRoom);
constexpr std::string_view kOverlong =
    "record longer than 16 MiB (a line without line breaks, or an unterminated quote); skipped to where it ends";

// Advances the record scan over one block: returns the offset just past the first line break
// outside quotes, or npos; counts the line breaks passed and tracks whether the scan is inside
// quotes (a doubled quote toggles twice, which is the same).
size_t scan_block(const byte_scan::Block& block, bool& quoted, uint64_t& line) {
  const uint32_t quotes = block.match('"'), newlines = block.match('\n');
  const uint32_t inside = byte_scan::prefix_xor16(quotes) ^ (quoted ? 0xFFFFu : 0u);
  const uint32_t ends = newlines & ~inside;
  if (ends == 0) {
    if (newlines) line += static_cast<uint64_t>(byte_scan::popcount16(newlines));
    quoted = (inside >> 15) != 0;  // the state after the block's last byte
    return npos;
  }
  const int end = std::countr_zero(ends);
  line += static_cast<uint64_t>(byte_scan::popcount16(newlines & ((1u << end) - 1))) + 1;
  quoted = false;
  return static_cast<size_t>(end) + 1;
}

// Index of the first set bit in [from, end), or `end` when there is none.
size_t next_bit(const std::vector<uint64_t>& bits, size_t from, size_t end) {
  if (from >= end) return end;
  size_t word_index = from / 64;
  const size_t last_word = (end - 1) / 64;
  uint64_t word = bits[word_index] & (~uint64_t{0} << (from % 64));
  while (word == 0) {
    if (++word_index > last_word) return end;
    word = bits[word_index];
  }
  return std::min(end, word_index * 64 + static_cast<size_t>(std::countr_zero(word)));
}

// Writes the offsets of a block's separator bits (`base` + bit) at `out` and returns the end of them.
// Eight are written whatever their count (a block rarely holds more), so the count decides only how
// far the pointer moves; the top bit or'ed in keeps the bit count off zero, which natively costs a
// branch a count.
[[gnu::always_inline]] inline uint32_t* append_offsets(uint32_t* out, uint64_t bits, uint32_t base) {
  const int count = static_cast<int>(byte_scan::popcount64(bits));
  auto next = [&] {
    const auto offset = base + static_cast<uint32_t>(std::countr_zero(bits | uint64_t{1} << 63));
    bits &= bits - 1;
    return offset;
  };
  for (int i = 0; i < 8; ++i) out[i] = next();
  for (int i = 8; i < count; ++i) out[i] = next();
  return out + count;
}

// Moves `separator` past the offsets below `end`: the separators of a record not split by emit().
void skip_separators(const uint32_t*& separator, size_t end) {
  while (*separator < end) ++separator;
}

// Set bits in [from, end). Inlined: emit() asks it of every record (a call cost as much as the
// count of a record's two or three words).
[[gnu::always_inline]] inline uint64_t count_bits(const std::vector<uint64_t>& bits, size_t from, size_t end) {
  if (from >= end) return 0;
  const size_t first_word = from / 64, last_word = (end - 1) / 64;
  const uint64_t first_mask = ~uint64_t{0} << (from % 64);
  const uint64_t last_mask = ~uint64_t{0} >> (63 - (end - 1) % 64);
  if (first_word == last_word) return byte_scan::popcount64(bits[first_word] & first_mask & last_mask);
  uint64_t count = byte_scan::popcount64(bits[first_word] & first_mask);
  for (size_t w = first_word + 1; w < last_word; ++w) count += byte_scan::popcount64(bits[w]);
  return count + byte_scan::popcount64(bits[last_word] & last_mask);
}
}  // namespace

size_t CsvTokenizer::find_record_end(std::string_view text, size_t pos) {
  const char* const data = text.data();
  size_t at = pos;
  for (; at + kBlockBytes <= text.size(); at += kBlockBytes) {
    const size_t end = scan_block(byte_scan::Block(data + at), quoted_, line_);
    if (end != npos) return at + end;
  }
  if (at == text.size()) return npos;
  char tail[kBlockBytes] = {};  // zero bytes are neither quotes nor line breaks
  std::memcpy(tail, data + at, text.size() - at);
  const size_t end = scan_block(byte_scan::Block(tail), quoted_, line_);
  return end == npos ? npos : at + end;
}

void CsvTokenizer::index_window(const char* text, size_t size) {
  const size_t words = size / 64 + 1;
  if (index_.quotes.size() < words) {
    for (auto* bits : {&index_.quotes, &index_.delimiters, &index_.separator_bits, &index_.ends, &index_.quoted_newlines})
      bits->resize(words);
  }
  if (index_.separators.size() < kSeparatorRoom) index_.separators.resize(kSeparatorRoom);
  // A window of a long record keeps its separators as bits, made offsets a record at a time
  // (separators_of): as offsets, a 16 MiB record of commas would take 64 MiB.
  const bool as_offsets = index_.separators_as_offsets = size <= kWindowBytes;
  uint32_t* separator = index_.separators.data();
  uint64_t inside_before = 0;  // all ones when the byte before the block lies inside quotes
  uint64_t quoted_newlines = 0;
  auto index_block = [&](const byte_scan::Block64& block, size_t word) __attribute__((always_inline)) {
    const uint64_t quotes = block.match('"'), delimiters = block.match(delimiter_), newlines = block.match('\n');
    const uint64_t inside = byte_scan::prefix_xor64(quotes) ^ inside_before;
    inside_before = uint64_t{0} - (inside >> 63);
    index_.quotes[word] = quotes;
    index_.delimiters[word] = delimiters;
    index_.ends[word] = newlines & ~inside;
    index_.quoted_newlines[word] = newlines & inside;
    quoted_newlines |= newlines & inside;
    if (as_offsets) separator = append_offsets(separator, delimiters & ~inside, static_cast<uint32_t>(word * 64));
    else index_.separator_bits[word] = delimiters & ~inside;
  };
  size_t at = 0;
  for (; at + 64 <= size; at += 64) index_block(byte_scan::Block64(text + at), at / 64);
  if (at < size) {
    char tail[64] = {};  // zero bytes are neither quotes nor line breaks; bits past `size` are not read
    std::memcpy(tail, text + at, size - at);
    index_block(byte_scan::Block64(tail), at / 64);
  }
  if (as_offsets) *separator = kNoSeparator;
  index_.any_quoted_newline = quoted_newlines != 0;
  // The tail's zero padding lies outside quotes as its last real byte does.
  index_.ends_inside_quotes = inside_before != 0;
}

// The rest of an over-long record, scanned with its quotes as any record is (and nothing kept), so
// reading resumes where it would had the record come in one piece: the answer never depends on
// where the chunks were cut.
void CsvTokenizer::discard_overlong(std::string_view text, size_t& pos) {
  const size_t end = find_record_end(text, pos);
  pos = end == npos ? text.size() : end;
  skipping_ = end == npos;
}

void CsvTokenizer::feed(std::string_view text) {
  size_t pos = 0;
  if (skipping_) {
    discard_overlong(text, pos);
    if (skipping_) return;
  }
  if (!carry_.empty()) {
    const size_t end = find_record_end(text, 0);
    const size_t take = end == npos ? text.size() : end;
    if (carry_.size() + take > kMaxRecordBytes) {
      handler_.on_bad_record(record_line_, kOverlong);
      carry_.clear();
      carry_.shrink_to_fit();
      if (end == npos) {
        skipping_ = true;  // the scan above reached the end of the text: the state is carried on
        return;
      }
      pos = end;
    } else {
      carry_.append(text.data(), take);
      if (end == npos) return;
      emit_whole(carry_);
      carry_.clear();
      pos = end;
    }
  }
  pos = split_records(text, pos);
  if (pos == text.size()) return;
  // A record that goes on past the text: kept for the next chunk, unless it is too long already.
  if (text.size() - pos > kMaxRecordBytes) {
    handler_.on_bad_record(record_line_, kOverlong);
    skipping_ = true;
    return;
  }
  carry_.assign(text.data() + pos, text.size() - pos);
}

size_t CsvTokenizer::split_records(std::string_view text, size_t pos) {
  size_t window_bytes = kWindowBytes;
  while (pos < text.size()) {
    const size_t size = std::min(text.size() - pos, window_bytes);
    index_window(text.data() + pos, size);
    const uint32_t* separator = index_.separators.data();
    size_t at = 0;
    for (size_t end; (end = next_bit(index_.ends, at, size)) < size; at = end + 1) {
      record_line_ = line_;
      line_ += 1 + (index_.any_quoted_newline ? count_bits(index_.quoted_newlines, at, end) : 0);
      if (!index_.separators_as_offsets) separator = separators_of(at, end + 1);
      if (end + 1 - at > kMaxRecordBytes) {
        handler_.on_bad_record(record_line_, kOverlong);
        skip_separators(separator, end);
      } else {
        emit(text.data() + pos, at, end + 1, record_line_, separator);
      }
    }
    if (at > 0) {  // the next window starts with the next record
      pos += at;
      window_bytes = kWindowBytes;
      continue;
    }
    // No record ends in the window: the record at `pos` is longer.
    record_line_ = line_;
    if (pos + size == text.size()) {  // it goes on past the text, as the scan state says
      quoted_ = index_.ends_inside_quotes;
      if (index_.any_quoted_newline) line_ += count_bits(index_.quoted_newlines, 0, size);
      return pos;
    }
    if (size < kMaxRecordBytes) {
      window_bytes *= 2;
      continue;
    }
    // Too long to keep: found to its end without being indexed (its lines counted on the way).
    quoted_ = false;
    const size_t end = find_record_end(text, pos);
    if (end == npos) return pos;
    handler_.on_bad_record(record_line_, kOverlong);
    pos = end;
  }
  return pos;
}

void CsvTokenizer::finish() {
  if (carry_.empty()) return;
  if (quoted_) {
    handler_.on_bad_record(record_line_, "unterminated quote: the file ends inside a quoted field");
  } else {
    emit_whole(carry_);
  }
  carry_.clear();
  quoted_ = false;
}

void CsvTokenizer::emit_whole(std::string_view record) {
  index_window(record.data(), record.size());
  const uint32_t* separator =
      index_.separators_as_offsets ? index_.separators.data() : separators_of(0, record.size());
  emit(record.data(), 0, record.size(), record_line_, separator);
}

const uint32_t* CsvTokenizer::separators_of(size_t begin, size_t end) {
  uint32_t* const first = index_.separators.data();
  uint32_t* out = first;
  uint32_t* const enough = first + kMaxFields + 2;  // past the limit: the record is skipped anyway
  for (size_t word = begin / 64; begin < end && word <= (end - 1) / 64 && out < enough; ++word) {
    const uint64_t bits = index_.separator_bits[word] & (word == begin / 64 ? ~uint64_t{0} << (begin % 64) : ~uint64_t{0});
    out = append_offsets(out, bits, static_cast<uint32_t>(word * 64));
  }
  *out = kNoSeparator;
  return first;
}

// Fields split at the delimiters outside quotes. When every field is plain (no quote) or plainly
// quoted (quotes only at both ends) this is the split of the byte-at-a-time reading: checked at
// once, as the record's quotes being exactly two per quoted field.
void CsvTokenizer::emit(const char* window, size_t begin, size_t end, uint64_t start_line,
                        const uint32_t*& separator) {
  // A record's separators lie before its line break, so the stripped end bounds them too.
  if (end > begin && window[end - 1] == '\n') --end;
  if (end > begin && window[end - 1] == '\r') --end;
  if (end == begin) return;  // blank lines are not records (and hold no separator)

  // Written through a local pointer, not push_back: the vector's own end would be stored and
  // loaded again for every field. The room grows when a record needs more.
  if (plain_fields_.size() < 64) plain_fields_.resize(64);
  std::string_view* fields = plain_fields_.data();
  size_t room = plain_fields_.size();  // a local: the vector's own size would be loaded again per field
  size_t count = 0;
  uint64_t plain_quotes = 0;
  size_t start = begin;
  // Appends the field [start, stop); false when it is not plain.
  auto add_field = [&](size_t stop) {
    if (start == stop || window[start] != '"') {
      fields[count++] = std::string_view(window + start, stop - start);
      return true;
    }
    if (stop - start < 2 || window[stop - 1] != '"') return false;
    fields[count++] = std::string_view(window + start + 1, stop - start - 2);
    plain_quotes += 2;
    return true;
  };
  for (; *separator < end; ++separator) {
    if (count + 2 > room) [[unlikely]] {
      if (count >= kMaxFields) break;  // reported below; the room stays bounded on hostile input
      room = std::min(room * 2, kMaxFields + 2);
      plain_fields_.resize(room);
      fields = plain_fields_.data();
    }
    if (!add_field(*separator)) {
      skip_separators(separator, end);
      return emit_irregular(window, begin, end, start_line);
    }
    start = *separator + 1;
  }
  // As the byte-at-a-time reading: a trailing empty field is taken even past the limit.
  if (count > kMaxFields || (count == kMaxFields && start != end)) {
    skip_separators(separator, end);
    handler_.on_bad_record(start_line, "more than 4096 fields in one record");
    return;
  }
  if (!add_field(end) || count_bits(index_.quotes, begin, end) != plain_quotes)
    return emit_irregular(window, begin, end, start_line);
  handler_.on_record(std::span<const std::string_view>(fields, count), start_line);
}

void CsvTokenizer::emit_irregular(const char* window, size_t begin, size_t end, uint64_t start_line) {
  fields_.clear();
  unescaped_.clear();
  reserve_at_least(unescaped_, end - begin);  // views into it must never move
  size_t pos = begin;
  while (true) {
    if (fields_.size() == kMaxFields) {
      handler_.on_bad_record(start_line, "more than 4096 fields in one record");
      return;
    }
    if (pos < end && window[pos] == '"') {
      // Quoted field: copy only when it holds a doubled quote or text after the closing quote.
      const size_t content = ++pos;
      const size_t quote = next_bit(index_.quotes, pos, end);
      if (quote < end && (quote + 1 == end || window[quote + 1] == delimiter_)) {
        fields_.emplace_back(window + content, quote - content);
        pos = quote + 1;
      } else {
        pos = unescape_field(window, content, end);
      }
    } else {
      const size_t stop = next_bit(index_.delimiters, pos, end);
      fields_.emplace_back(window + pos, stop - pos);
      pos = stop;
    }
    if (pos >= end) break;
    ++pos;  // the delimiter
    if (pos == end) {
      fields_.emplace_back();
      break;
    }
  }
  handler_.on_record(fields_, start_line);
}

size_t CsvTokenizer::unescape_field(const char* window, size_t pos, size_t end) {
  const size_t start = unescaped_.size();
  bool in_quotes = true;
  while (pos < end) {
    if (in_quotes) {
      const size_t quote = next_bit(index_.quotes, pos, end);
      unescaped_.append(window + pos, quote - pos);
      if (quote == end) {
        pos = end;
      } else if (quote + 1 < end && window[quote + 1] == '"') {
        unescaped_.push_back('"');
        pos = quote + 2;
      } else {
        in_quotes = false;
        pos = quote + 1;
      }
    } else {
      // Outside quotes the field runs to the next delimiter; a quote there opens quotes again.
      const size_t stop = std::min(next_bit(index_.quotes, pos, end), next_bit(index_.delimiters, pos, end));
      unescaped_.append(window + pos, stop - pos);
      pos = stop;
      if (stop == end || window[stop] == delimiter_) break;
      in_quotes = true;
      ++pos;
    }
  }
  fields_.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
  return pos;
}

}  // namespace mailflow
