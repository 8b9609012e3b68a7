#include "util/text.h"

#include <gtest/gtest.h>

#include "util/short_copy.h"

#include <string>
#include <vector>

namespace mailflow {
namespace {

// Up to 19 digits need no overflow check; the 20-digit numbers around 2^64 take the checked way.
TEST(Text, WholeNumbersUpToTheirLimit) {
  EXPECT_EQ(parse_u64("0"), 0u);
  EXPECT_EQ(parse_u64(" 32061 "), 32061u);
  EXPECT_EQ(parse_u64("0000000000000000042"), 42u);
  EXPECT_EQ(parse_u64("9999999999999999999"), 9999999999999999999u);
  EXPECT_EQ(parse_u64("18446744073709551615"), 18446744073709551615u);
  EXPECT_EQ(parse_u64("00000000000000000000018446744073709551615"), 18446744073709551615u);
  for (const char* bad : {"", " ", "18446744073709551616", "99999999999999999999", "-1", "+1", "1.5", "12a", "1 2",
                          "123456789012345678/", ":"})
    EXPECT_FALSE(parse_u64(bad).has_value()) << bad;
}

// A short copy in overlapping pieces writes each of its bytes, at every size and offset, and not one
// byte before or after them.
TEST(Text, ShortCopiesWriteExactlyTheirBytes) {
  std::string source;
  for (int i = 0; i < 200; ++i) source += static_cast<char>('!' + i % 90);
  for (size_t size = 0; size <= 130; ++size)
    for (size_t from : {size_t{0}, size_t{1}, size_t{7}, size_t{13}}) {
      std::string target(size + 32, '#');
      copy_short(target.data() + 16, source.data() + from, size);
      EXPECT_EQ(target.substr(0, 16), std::string(16, '#')) << size;
      EXPECT_EQ(target.substr(16, size), source.substr(from, size)) << size << " from " << from;
      EXPECT_EQ(target.substr(16 + size), std::string(16, '#')) << size;
    }
}

// Names are compared a word at a time from eight bytes on: a difference in any byte, the last
// word's too, and a difference in length tell two names apart.
TEST(Text, SameNameAtEveryLengthAndPlace) {
  for (size_t size = 0; size <= 24; ++size) {
    std::string name;
    for (size_t i = 0; i < size; ++i) name += static_cast<char>('a' + i);
    EXPECT_TRUE(same_name(name, std::string(name))) << size;
    EXPECT_FALSE(same_name(name, name + "x")) << size;
    for (size_t at = 0; at < size; ++at) {
      std::string other = name;
      other[at] = 'Z';
      EXPECT_FALSE(same_name(name, other)) << size << " at " << at;
    }
  }
}

// Names sorted a word at a time sort as their views do: a difference in any byte (bytes past 127
// after ASCII, as UTF-8 wants), before or after a word's end, and a name before its longer self.
TEST(Text, TextLessOrdersAsTheViewsDo) {
  const std::string letters = "a-A\x7f\x80\xff";
  std::vector<std::string> names = {""};
  for (size_t size = 1; size <= 17; ++size)
    for (size_t at = 0; at < size; ++at)
      for (char c : letters) {
        std::string name(size, 'm');
        name[at] = c;
        names.push_back(name);
      }
  for (const std::string& a : names)
    for (const std::string& b : names)
      if (text_less(a, b) != (std::string_view(a) < std::string_view(b))) ADD_FAILURE() << '"' << a << "\" < \"" << b << '"';
}

}  // namespace
}  // namespace mailflow
