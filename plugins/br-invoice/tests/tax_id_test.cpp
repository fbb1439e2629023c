#include <gtest/gtest.h>

#include "kingkung/br/tax_id.hpp"
#include "nfe_builder.hpp"

namespace kingkung::br {
namespace {

TEST(BrCnpj, AcceptsThePublishedNumericVector) {
  EXPECT_TRUE(is_valid_cnpj("11222333000181"));
}

TEST(BrCnpj, AcceptsTheCnpjsEmbeddedInThePublishedAccessKeys) {
  for (const char* cnpj : {"17921427000125", "08370779000149", "07364617000135", "09191845000186"})
    EXPECT_TRUE(is_valid_cnpj(cnpj)) << cnpj;
}

TEST(BrCnpj, RejectsAWrongFirstCheckDigit) {
  EXPECT_FALSE(is_valid_cnpj("11222333000171"));
}

TEST(BrCnpj, RejectsAWrongSecondCheckDigit) {
  EXPECT_FALSE(is_valid_cnpj("11222333000182"));
}

TEST(BrCnpj, ComputesCheckDigitsOfTheAlphanumericFormat) {
  EXPECT_EQ(cnpj_check_digits("12ABC34501DE"), "35");
}

TEST(BrCnpj, AcceptsAnAlphanumericCnpjWithCorrectDigits) {
  EXPECT_TRUE(is_valid_cnpj("12ABC34501DE35"));
  EXPECT_TRUE(is_valid_cnpj(test::cnpj_from_base("A1B2C3D4E5F6")));
}

TEST(BrCnpj, RejectsAnAlphanumericCnpjWithWrongDigits) {
  EXPECT_FALSE(is_valid_cnpj("12ABC34501DE36"));
}

TEST(BrCnpj, RejectsLettersInTheCheckDigits) {
  EXPECT_FALSE(is_valid_cnpj("12ABC34501DEA5"));
}

TEST(BrCnpj, RejectsLowerCaseAndSymbolsInTheBase) {
  EXPECT_FALSE(cnpj_check_digits("12abc34501de").has_value());
  EXPECT_FALSE(cnpj_check_digits("12ABC3450#DE").has_value());
}

TEST(BrCnpj, RejectsWrongLengths) {
  EXPECT_FALSE(is_valid_cnpj("1122233300018"));
  EXPECT_FALSE(is_valid_cnpj("112223330001810"));
}

TEST(BrTaxId, NormalizeDropsPunctuationAndUpperCases) {
  EXPECT_EQ(normalize_tax_id("12.abc.345/01de-35"), "12ABC34501DE35");
  EXPECT_EQ(normalize_tax_id("529.982.247-25"), "52998224725");
}

TEST(BrCpf, AcceptsThePublishedVector) {
  EXPECT_TRUE(is_valid_cpf("52998224725"));
}

TEST(BrCpf, ComputesTheFirstCheckDigitOfThePublishedExample) {
  EXPECT_EQ(cpf_check_digits("222333666")->front(), '3');
}

TEST(BrCpf, RejectsAWrongCheckDigit) {
  EXPECT_FALSE(is_valid_cpf("52998224724"));
  EXPECT_FALSE(is_valid_cpf("52998224715"));
}

TEST(BrCpf, RejectsAllEqualDigitsThatPassTheArithmetic) {
  EXPECT_EQ(cpf_check_digits("111111111"), "11");
  EXPECT_FALSE(is_valid_cpf("11111111111"));
}

TEST(BrCpf, RejectsLettersAndWrongLengths) {
  EXPECT_FALSE(is_valid_cpf("5299822472A"));
  EXPECT_FALSE(is_valid_cpf("5299822472"));
}

TEST(BrCpf, AgreesWithTheIndependentGeneratorOnManyBases) {
  for (int base = 100000000; base < 100000000 + 2000; base += 7) {
    std::string cpf = test::cpf_from_base(std::to_string(base));
    EXPECT_TRUE(is_valid_cpf(cpf)) << cpf;
  }
}

}  // namespace
}  // namespace kingkung::br
