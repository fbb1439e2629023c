#include <gtest/gtest.h>

#include "kingkung/br/nfe_validator.hpp"
#include "kingkung/br/tax_id.hpp"
#include "nfe_builder.hpp"
#include "validator_support.hpp"

namespace kingkung::br {
namespace {

using test::failure_at;
using test::nfe_builder;

constexpr std::string_view id_field = "nfeProc/NFe/infNFe/@Id";

nfe_expectations expect_order(std::string buyer, std::string total) {
  nfe_expectations e;
  e.emitter_cnpj = "11.222.333/0001-81";
  e.recipient_tax_id = std::move(buyer);
  e.total = amount::parse(total);
  return e;
}

TEST(BrNfeValidator, AcceptsAnAuthorisedNfeMatchingTheOrder) {
  nfe_builder b;
  nfe_report r = validate_nfe(b.xml(), expect_order("529.982.247-25", "150.00"));
  EXPECT_TRUE(r.ok()) << test::all_failures(r);
  EXPECT_EQ(r.facts.access_key, b.key());
  EXPECT_EQ(r.facts.protocol_status, "100");
}

TEST(BrNfeValidator, AcceptsAnAlphanumericIssuerCnpj) {
  nfe_builder b;
  b.issuer_cnpj = test::cnpj_from_base("12ABC34501DE");
  nfe_expectations e;
  e.emitter_cnpj = "12.ABC.345/01DE-35";
  nfe_report r = validate_nfe(b.xml(), e);
  EXPECT_TRUE(r.ok()) << test::all_failures(r);
}

TEST(BrNfeValidator, AcceptsAnNfeWithoutExpectations) {
  EXPECT_TRUE(validate_nfe(nfe_builder{}.xml(), {}).ok());
}

TEST(BrNfeValidator, RejectsAnIdWithoutTheNfePrefix) {
  nfe_builder b;
  b.id_override = b.key();
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), id_field);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"" + b.key() + "\"");
  EXPECT_NE(f->expected.find("44-digit"), std::string::npos);
}

TEST(BrNfeValidator, RejectsAKeyOfFortyThreeDigits) {
  nfe_builder b;
  b.id_override = "NFe" + b.key().substr(1);
  ASSERT_TRUE(failure_at(validate_nfe(b.xml(), {}), id_field));
}

TEST(BrNfeValidator, RejectsAMissingId) {
  nfe_builder b;
  b.id_override = "";
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), id_field);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "missing");
}

TEST(BrNfeValidator, RejectsAWrongCheckDigitNamingTheRightOne) {
  nfe_builder b;
  std::string key = b.key();
  char wrong = key.back() == '9' ? '0' : static_cast<char>(key.back() + 1);
  b.id_override = "NFe" + key.substr(0, 43) + wrong;
  b.protocol_key = key.substr(0, 43) + wrong;
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, std::string(id_field) + " (check digit");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->expected, std::string(1, key.back()));
  EXPECT_EQ(f->found, std::string(1, wrong));
  EXPECT_EQ(r.failures.size(), 1u) << test::all_failures(r);
}

TEST(BrNfeValidator, RejectsAnNfceKeyOfModel65) {
  nfe_builder b;
  b.model = "65";
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, std::string(id_field) + " (model");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->found, "65");
  EXPECT_EQ(f->expected, "55 (NF-e)");
}

TEST(BrNfeValidator, RejectsAKeyWhoseEmbeddedCnpjHasWrongCheckDigits) {
  nfe_builder b;
  b.issuer_cnpj = "11222333000182";
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, std::string(id_field) + " (issuer CNPJ");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->expected, "11222333000181");
  EXPECT_EQ(f->found, "11222333000182");
}

TEST(BrNfeValidator, RejectsAnAlphanumericEmbeddedCnpjWithWrongCheckDigits) {
  nfe_builder b;
  b.issuer_cnpj = "12ABC34501DE36";
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, std::string(id_field) + " (issuer CNPJ");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->expected, "12ABC34501DE35");
}

TEST(BrNfeValidator, RejectsADocumentWithoutAuthorisationProtocol) {
  nfe_builder b;
  b.with_protocol = false;
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, "nfeProc/protNFe/infProt/cStat");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->found, "no authorisation protocol");
}

TEST(BrNfeValidator, RejectsAProtocolStatusOtherThan100) {
  nfe_builder b;
  b.protocol_status = "302";
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), "nfeProc/protNFe/infProt/cStat");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"302\"");
  EXPECT_EQ(f->expected, "100 (authorised use)");
}

TEST(BrNfeValidator, RejectsAProtocolForAnotherKey) {
  nfe_builder b;
  nfe_builder other;
  other.number = "000009999";
  b.protocol_key = other.key();
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), "nfeProc/protNFe/infProt/chNFe");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->expected, b.key());
  EXPECT_EQ(f->found, "\"" + other.key() + "\"");
}

TEST(BrNfeValidator, RejectsAnEmitterOtherThanTheShopsCnpj) {
  nfe_builder b;
  nfe_expectations e;
  e.emitter_cnpj = test::cnpj_from_base("083707790001");
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), e), "nfeProc/NFe/infNFe/emit/CNPJ");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"11222333000181\"");
  EXPECT_NE(f->expected.find("08370779000149"), std::string::npos);
}

TEST(BrNfeValidator, RejectsAnEmitterCnpjThatDiffersFromTheKey) {
  nfe_builder b;
  b.emitter_cnpj = test::cnpj_from_base("083707790001");
  nfe_report r = validate_nfe(b.xml(), {});
  std::optional<nfe_failure> f = failure_at(r, "nfeProc/NFe/infNFe/emit/CNPJ");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_NE(f->expected.find("11222333000181"), std::string::npos);
}

TEST(BrNfeValidator, RejectsAnInvalidRecipientCpf) {
  nfe_builder b;
  b.recipient_cpf = "52998224724";
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), "nfeProc/NFe/infNFe/dest/CPF");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"52998224724\"");
}

TEST(BrNfeValidator, RejectsARecipientOtherThanTheBuyer) {
  nfe_builder b;
  std::string buyer = test::cpf_from_base("222333666");
  std::optional<nfe_failure> f =
      failure_at(validate_nfe(b.xml(), expect_order(buyer, "150.00")), "nfeProc/NFe/infNFe/dest/CPF");
  ASSERT_TRUE(f);
  EXPECT_NE(f->expected.find(buyer), std::string::npos);
  EXPECT_EQ(f->found, "\"52998224725\"");
}

TEST(BrNfeValidator, AcceptsACompanyRecipientMatchingTheBuyersCnpj) {
  nfe_builder b;
  b.recipient_cpf.reset();
  b.recipient_cnpj = test::cnpj_from_base("A1B2C3D4E5F6");
  EXPECT_TRUE(validate_nfe(b.xml(), expect_order(*b.recipient_cnpj, "150.00")).ok());
}

TEST(BrNfeValidator, RejectsARecipientCnpjWithWrongCheckDigits) {
  nfe_builder b;
  b.recipient_cpf.reset();
  b.recipient_cnpj = "11222333000180";
  ASSERT_TRUE(failure_at(validate_nfe(b.xml(), {}), "nfeProc/NFe/infNFe/dest/CNPJ"));
}

TEST(BrNfeValidator, AcceptsATotalWithinTheTolerance) {
  nfe_builder b;
  b.total = "150.01";
  EXPECT_TRUE(validate_nfe(b.xml(), expect_order("52998224725", "150.00")).ok());
}

TEST(BrNfeValidator, RejectsATotalJustOutsideTheTolerance) {
  nfe_builder b;
  b.total = "150.02";
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), expect_order("52998224725", "150.00")),
                                            "nfeProc/NFe/infNFe/total/ICMSTot/vNF");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "150.02");
  EXPECT_EQ(f->expected, "150.00 (the order total, within 0.01)");
}

TEST(BrNfeValidator, UsesTheConfiguredTolerance) {
  nfe_builder b;
  b.total = "150.40";
  nfe_expectations e = expect_order("52998224725", "150.00");
  e.total_tolerance = *amount::parse("0.50");
  EXPECT_TRUE(validate_nfe(b.xml(), e).ok());
  e.total_tolerance = *amount::parse("0.39");
  EXPECT_FALSE(validate_nfe(b.xml(), e).ok());
}

TEST(BrNfeValidator, RejectsATotalThatIsNotADecimal) {
  nfe_builder b;
  b.total = "1.5e2";
  std::optional<nfe_failure> f =
      failure_at(validate_nfe(b.xml(), {}), "nfeProc/NFe/infNFe/total/ICMSTot/vNF");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"1.5e2\"");
}

TEST(BrNfeValidator, ListsEveryFailureAtOnce) {
  nfe_builder b;
  b.model = "65";
  b.protocol_status = "110";
  b.total = "99.00";
  nfe_report r = validate_nfe(b.xml(), expect_order(test::cpf_from_base("222333666"), "150.00"));
  EXPECT_TRUE(failure_at(r, std::string(id_field) + " (model"));
  EXPECT_TRUE(failure_at(r, "nfeProc/protNFe/infProt/cStat"));
  EXPECT_TRUE(failure_at(r, "nfeProc/NFe/infNFe/dest/CPF"));
  EXPECT_TRUE(failure_at(r, "nfeProc/NFe/infNFe/total/ICMSTot/vNF"));
  EXPECT_EQ(r.failures.size(), 4u) << test::all_failures(r);
}

TEST(BrNfeValidator, RejectsAnotherRootElement) {
  std::optional<nfe_failure> f =
      failure_at(validate_nfe("<invoice xmlns=\"http://www.portalfiscal.inf.br/nfe\"/>", {}), "/");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "\"invoice\"");
}

TEST(BrNfeValidator, AcceptsPrefixedElementsInTheNfeNamespace) {
  nfe_builder b;
  std::string xml = b.xml();
  std::string prefixed =
      "<?xml version=\"1.0\"?><n:nfeProc xmlns:n=\"http://www.portalfiscal.inf.br/nfe\">"
      "<n:NFe><n:infNFe Id=\"NFe" +
      b.key() +
      "\"><n:emit><n:CNPJ>11222333000181</n:CNPJ></n:emit>"
      "<n:total><n:ICMSTot><n:vNF>10.00</n:vNF></n:ICMSTot></n:total></n:infNFe></n:NFe>"
      "<n:protNFe><n:infProt><n:chNFe>" +
      b.key() +
      "</n:chNFe><n:cStat>100</n:cStat>"
      "</n:infProt></n:protNFe></n:nfeProc>";
  nfe_report r = validate_nfe(prefixed, {});
  EXPECT_TRUE(r.ok()) << test::all_failures(r);
}

TEST(BrNfeValidator, RejectsTheWrongNamespace) {
  nfe_builder b;
  b.namespace_uri = "http://example.com/not-nfe";
  std::optional<nfe_failure> f = failure_at(validate_nfe(b.xml(), {}), "nfeProc");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->found, "namespace http://example.com/not-nfe");
  EXPECT_EQ(f->expected, "namespace http://www.portalfiscal.inf.br/nfe");
}

TEST(BrNfeValidator, CollectsOrderReferences) {
  nfe_builder b;
  b.order_reference = "576123456789012345";
  nfe_report r = validate_nfe(b.xml(), {});
  ASSERT_EQ(r.facts.order_references.size(), 1u);
  EXPECT_EQ(r.facts.order_references[0], "576123456789012345");
}

TEST(BrNfeValidator, DescribeSaysFieldExpectedAndFound) {
  nfe_failure f{"a/b", "1", "2", "Wrong."};
  EXPECT_EQ(describe(f), "a/b: expected 1, found 2. Wrong.");
}

}  // namespace
}  // namespace kingkung::br
