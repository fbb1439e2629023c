#include <gtest/gtest.h>

#include "kingkung/mx/amount.hpp"

namespace kingkung::mx {
namespace {

TEST(MxAmount, ParsesDecimalTextIntoTenThousandths) {
  EXPECT_EQ(parse_amount("229.90"), 2299000);
  EXPECT_EQ(parse_amount("12"), 120000);
  EXPECT_EQ(parse_amount("0.0001"), 1);
}

TEST(MxAmount, RefusesSignsExponentsAndTooManyDecimals) {
  EXPECT_FALSE(parse_amount("-1.00"));
  EXPECT_FALSE(parse_amount("1e3"));
  EXPECT_FALSE(parse_amount("1.23456"));
  EXPECT_FALSE(parse_amount("1."));
  EXPECT_FALSE(parse_amount(""));
  EXPECT_FALSE(parse_amount("1,000.00"));
  EXPECT_FALSE(parse_amount("99999999999999999999"));
}

TEST(MxAmount, FormatsWithTwoDecimalsAtLeast) {
  EXPECT_EQ(format_amount(2299000), "229.90");
  EXPECT_EQ(format_amount(25000000), "2500.00");
  EXPECT_EQ(format_amount(12345), "1.2345");
}

}  // namespace
}  // namespace kingkung::mx
