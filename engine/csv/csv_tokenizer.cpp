#include "csv/csv_tokenizer.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "util/text.h"

namespace mailflow {

namespace {
constexpr size_t npos = std::string_view::npos;
constexpr size_t kBlockBytes = byte_scan::kBlockBytes;
// A record is indexed while it is scanned up to this length; a longer one is skipped anyway.
constexpr size_t kIndexedBytes = CsvTokenizer::kMaxRecordBytes + kBlockBytes;
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

// Index of the first set bit at or after `from`; a sentinel bit guarantees there is one.
size_t next_bit(const std::vector<uint64_t>& bits, size_t from) {
  size_t word_index = from / 64;
  uint64_t word = bits[word_index] & (~uint64_t{0} << (from % 64));
  while (word == 0) word = bits[++word_index];
  return word_index * 64 + static_cast<size_t>(std::countr_zero(word));
}
}  // namespace

template <bool kIndex>
size_t CsvTokenizer::find_record_end(std::string_view text, size_t pos) {
  if constexpr (kIndex) {
    const size_t words = (std::min(text.size() - pos, kIndexedBytes) + kBlockBytes) / 64 + 1;
    if (quote_bits_.size() < words) {
      quote_bits_.resize(words);
      delimiter_bits_.resize(words);
    }
  }
  const char* const data = text.data();
  size_t at = pos;
  for (; at + kBlockBytes <= text.size(); at += kBlockBytes) {
    const byte_scan::Block block(data + at);
    if constexpr (kIndex) {
      if (at - pos >= kIndexedBytes) return find_record_end<false>(text, at);  // over-long anyway
      index_block(block, at - pos);
    }
    const size_t end = scan_block(block, quoted_, line_);
    if (end != npos) return at + end;
  }
  if (at == text.size()) return npos;
  char tail[kBlockBytes] = {};  // zero bytes are neither quotes nor line breaks
  std::memcpy(tail, data + at, text.size() - at);
  const byte_scan::Block block(tail);
  if constexpr (kIndex) index_block(block, at - pos);  // emit masks out what lies past the record
  const size_t end = scan_block(block, quoted_, line_);
  return end == npos ? npos : at + end;
}

// The rest of an over-long record, scanned with its quotes as any record is (and nothing kept), so
// reading resumes where it would had the record come in one piece: the answer never depends on
// where the chunks were cut.
void CsvTokenizer::discard_overlong(std::string_view text, size_t& pos) {
  const size_t end = find_record_end<false>(text, pos);
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
    const size_t end = find_record_end<false>(text, 0);
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
      index_record(carry_);
      emit(carry_, record_line_);
      carry_.clear();
      pos = end;
    }
  }
  while (pos < text.size()) {
    record_line_ = line_;
    const size_t end = find_record_end<true>(text, pos);
    if (end == npos) {
      if (text.size() - pos > kMaxRecordBytes) {
        handler_.on_bad_record(record_line_, kOverlong);
        skipping_ = true;
        return;
      }
      carry_.assign(text.data() + pos, text.size() - pos);
      return;
    }
    if (end - pos > kMaxRecordBytes) handler_.on_bad_record(record_line_, kOverlong);
    else emit(text.substr(pos, end - pos), record_line_);
    pos = end;
  }
}

void CsvTokenizer::finish() {
  if (carry_.empty()) return;
  if (quoted_) {
    handler_.on_bad_record(record_line_, "unterminated quote: the file ends inside a quoted field");
  } else {
    index_record(carry_);
    emit(carry_, record_line_);
  }
  carry_.clear();
  quoted_ = false;
}

void CsvTokenizer::index_block(const byte_scan::Block& block, size_t offset) {
  // Blocks are 16-bit pieces of the 64-bit words (little-endian), written bytewise.
  const auto quotes = static_cast<uint16_t>(block.match('"'));
  const auto delimiters = static_cast<uint16_t>(block.match(delimiter_));
  std::memcpy(reinterpret_cast<char*>(quote_bits_.data()) + offset / 8, &quotes, sizeof quotes);
  std::memcpy(reinterpret_cast<char*>(delimiter_bits_.data()) + offset / 8, &delimiters, sizeof delimiters);
}

void CsvTokenizer::index_record(std::string_view record) {
  const size_t words = record.size() / 64 + 1;
  if (quote_bits_.size() < words) {
    quote_bits_.resize(words);
    delimiter_bits_.resize(words);
  }
  const size_t full_blocks_end = record.size() - record.size() % kBlockBytes;
  for (size_t at = 0; at < full_blocks_end; at += kBlockBytes) index_block(byte_scan::Block(record.data() + at), at);
  char tail[kBlockBytes] = {};
  std::memcpy(tail, record.data() + full_blocks_end, record.size() - full_blocks_end);
  index_block(byte_scan::Block(tail), full_blocks_end);
}

void CsvTokenizer::emit(std::string_view record, uint64_t start_line) {
  if (!record.empty() && record.back() == '\n') record.remove_suffix(1);
  if (!record.empty() && record.back() == '\r') record.remove_suffix(1);
  if (record.empty()) return;  // blank lines are not records

  // Bits past the record (its line break, the next record's start, padding) give way to a
  // sentinel bit at its end, so every search for the next quote or delimiter stops there.
  const size_t last_word = record.size() / 64;
  const uint64_t sentinel = uint64_t{1} << (record.size() % 64);
  quote_bits_[last_word] = (quote_bits_[last_word] & (sentinel - 1)) | sentinel;
  delimiter_bits_[last_word] = (delimiter_bits_[last_word] & (sentinel - 1)) | sentinel;

  fields_.clear();
  unescaped_.clear();
  reserve_at_least(unescaped_, record.size());  // views into it must never move
  const size_t end = record.size();
  size_t pos = 0;
  while (true) {
    if (fields_.size() == kMaxFields) {
      handler_.on_bad_record(start_line, "more than 4096 fields in one record");
      return;
    }
    if (pos < end && record[pos] == '"') {
      // Quoted field: copy only when it holds a doubled quote or text after the closing quote.
      const size_t content = ++pos;
      const size_t quote = next_bit(quote_bits_, pos);
      if (quote < end && (quote + 1 == end || record[quote + 1] == delimiter_)) {
        fields_.push_back(record.substr(content, quote - content));
        pos = quote + 1;
      } else {
        pos = unescape_field(record, content);
      }
    } else {
      const size_t stop = next_bit(delimiter_bits_, pos);
      fields_.push_back(record.substr(pos, stop - pos));
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

size_t CsvTokenizer::unescape_field(std::string_view record, size_t pos) {
  const size_t end = record.size(), start = unescaped_.size();
  bool in_quotes = true;
  while (pos < end) {
    if (in_quotes) {
      const size_t quote = next_bit(quote_bits_, pos);
      unescaped_.append(record.data() + pos, quote - pos);
      if (quote == end) {
        pos = end;
      } else if (quote + 1 < end && record[quote + 1] == '"') {
        unescaped_.push_back('"');
        pos = quote + 2;
      } else {
        in_quotes = false;
        pos = quote + 1;
      }
    } else {
      // Outside quotes the field runs to the next delimiter; a quote there opens quotes again.
      const size_t stop = std::min(next_bit(quote_bits_, pos), next_bit(delimiter_bits_, pos));
      unescaped_.append(record.data() + pos, stop - pos);
      pos = stop;
      if (stop == end || record[stop] == delimiter_) break;
      in_quotes = true;
      ++pos;
    }
  }
  fields_.emplace_back(unescaped_.data() + start, unescaped_.size() - start);
  return pos;
}

}  // namespace mailflow
