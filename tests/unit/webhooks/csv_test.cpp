#include <gtest/gtest.h>

#include "kingkung/privacy/export.hpp"

namespace kingkung::privacy {
namespace {

TEST(PrivacyCsv, PlainTextIsLeftAlone) {
  EXPECT_EQ(csv_field("Camiseta azul"), "Camiseta azul");
}

TEST(PrivacyCsv, QuotesFieldsWithCommasAndDoublesQuotes) {
  EXPECT_EQ(csv_field("Rua A, 10"), "\"Rua A, 10\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
}

TEST(PrivacyCsv, QuotesFieldsWithLineBreaks) {
  EXPECT_EQ(csv_field("line1\nline2"), "\"line1\nline2\"");
  EXPECT_EQ(csv_field("a\r\nb"), "\"a\r\nb\"");
}

TEST(PrivacyCsv, NeutralisesFormulaLikeText) {
  EXPECT_EQ(csv_field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csv_field("+1 555"), "'+1 555");
  EXPECT_EQ(csv_field("-2+3"), "'-2+3");
  EXPECT_EQ(csv_field("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_field("\tcmd"), "'\tcmd");
}

TEST(PrivacyCsv, NumbersWeFormatKeepTheirSign) {
  EXPECT_EQ(csv_number("-5.00"), "-5.00");
}

}  // namespace
}  // namespace kingkung::privacy
