#include <gtest/gtest.h>

#include "kingkung/br/amount.hpp"
#include "kingkung/br/base64.hpp"

namespace kingkung::br {
namespace {

TEST(BrAmount, ParsesWholeAndFractionalAmountsExactly) {
  EXPECT_EQ(amount::parse("150")->units(), 1500000);
  EXPECT_EQ(amount::parse("150.01")->units(), 1500100);
  EXPECT_EQ(amount::parse("-0.0001")->units(), -1);
}

TEST(BrAmount, RejectsExponentsSeparatorsAndTooManyDecimals) {
  for (const char* bad : {"", "1e2", "1,50", "1.", ".5", "1.23456", " 1", "+1", "--1"})
    EXPECT_FALSE(amount::parse(bad).has_value()) << bad;
}

TEST(BrAmount, PrintsAtLeastTwoDecimals) {
  EXPECT_EQ(amount::parse("150")->to_string(), "150.00");
  EXPECT_EQ(amount::parse("0.0125")->to_string(), "0.0125");
  EXPECT_EQ(amount::parse("-2.5")->to_string(), "-2.50");
}

TEST(BrBase64, RoundTripsEveryPaddingLength) {
  for (std::string text : {"a", "ab", "abc", "abcd", "<nfeProc/>\n\xff"}) {
    EXPECT_EQ(base64_decode(base64_encode(text)), text);
  }
  EXPECT_EQ(base64_encode("ab"), "YWI=");
}

TEST(BrBase64, SkipsLineBreaks) {
  EXPECT_EQ(base64_decode("YW\r\nJj"), "abc");
}

TEST(BrBase64, RejectsForeignCharactersAndBadPadding) {
  EXPECT_FALSE(base64_decode("YW*j").has_value());
  EXPECT_FALSE(base64_decode("YW=j").has_value());
  EXPECT_FALSE(base64_decode("YWJ").has_value());
}

}  // namespace
}  // namespace kingkung::br
