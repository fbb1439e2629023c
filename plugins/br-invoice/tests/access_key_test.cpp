#include <gtest/gtest.h>

#include "kingkung/br/access_key.hpp"
#include "nfe_builder.hpp"

namespace kingkung::br {
namespace {

TEST(BrAccessKey, AcceptsThePublishedKeys) {
  EXPECT_TRUE(is_valid_access_key("13181017921427000125650010000000309887251170"));
  EXPECT_TRUE(is_valid_access_key("33150308370779000149550010001100931002410775"));
}

TEST(BrAccessKey, ComputesCheckDigitZeroWhenTheRemainderIsBelowTwo) {
  EXPECT_EQ(access_key_check_digit("1318101792142700012565001000000030988725117"), '0');
}

TEST(BrAccessKey, RejectsAChangedCheckDigit) {
  EXPECT_FALSE(is_valid_access_key("33150308370779000149550010001100931002410776"));
}

TEST(BrAccessKey, RejectsTwoSwappedDigits) {
  EXPECT_FALSE(is_valid_access_key("31350308370779000149550010001100931002410775"));
}

TEST(BrAccessKey, RejectsWrongLengthAndLettersOutsideTheCnpj) {
  EXPECT_FALSE(is_valid_access_key("3315030837077900014955001000110093100241077"));
  EXPECT_FALSE(is_valid_access_key("A3150308370779000149550010001100931002410775"));
}

TEST(BrAccessKey, SplitsTheFieldsInOrder) {
  auto parts = split_access_key("33150308370779000149550010001100931002410775");
  ASSERT_TRUE(parts);
  EXPECT_EQ(parts->state_code, "33");
  EXPECT_EQ(parts->year_month, "1503");
  EXPECT_EQ(parts->issuer_cnpj, "08370779000149");
  EXPECT_EQ(parts->model, "55");
  EXPECT_EQ(parts->series, "001");
  EXPECT_EQ(parts->number, "000110093");
  EXPECT_EQ(parts->emission_type, "1");
  EXPECT_EQ(parts->random_code, "00241077");
  EXPECT_EQ(parts->check_digit, '5');
}

TEST(BrAccessKey, AcceptsAnAlphanumericIssuerCnpj) {
  test::nfe_builder b;
  b.issuer_cnpj = "12ABC34501DE35";
  EXPECT_TRUE(is_valid_access_key(b.key()));
  EXPECT_EQ(split_access_key(b.key())->issuer_cnpj, "12ABC34501DE35");
}

TEST(BrAccessKey, RejectsLettersInTheCnpjCheckDigitPositions) {
  test::nfe_builder b;
  b.issuer_cnpj = "1122233300018A";
  EXPECT_FALSE(split_access_key(b.key()).has_value());
  EXPECT_FALSE(is_valid_access_key(b.key()));
}

}  // namespace
}  // namespace kingkung::br
