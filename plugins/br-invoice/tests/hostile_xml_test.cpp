// The hostile corpus (tests/corpus/) and generated oversize files: each is refused with its own failure,
// and nothing in a DTD is ever read, expanded or fetched.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kingkung/br/nfe_validator.hpp"
#include "nfe_builder.hpp"
#include "validator_support.hpp"

namespace kingkung::br {
namespace {

std::string corpus(const std::string& name) {
  std::ifstream in(std::string(KINGKUNG_BR_CORPUS_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing corpus file " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(BrHostileXml, TruncatedFileIsNotWellFormedWithItsPosition) {
  nfe_report r = validate_nfe(corpus("truncated.xml"), {});
  ASSERT_EQ(r.failures.size(), 1u) << test::all_failures(r);
  EXPECT_TRUE(r.failures[0].field.starts_with("document (line ")) << r.failures[0].field;
  EXPECT_EQ(r.failures[0].expected, "well-formed XML");
}

TEST(BrHostileXml, WrongNamespaceIsNamed) {
  nfe_report r = validate_nfe(corpus("wrong_namespace.xml"), {});
  std::optional<nfe_failure> f = test::failure_at(r, "nfeProc");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->field, "nfeProc");
  EXPECT_EQ(f->found, "namespace http://www.portalfiscal.inf.br/nfe/v2");
  EXPECT_EQ(r.failures.size(), 1u) << test::all_failures(r);
}

TEST(BrHostileXml, BillionLaughsIsRefusedForItsDoctypeWithoutExpansion) {
  nfe_report r = validate_nfe(corpus("billion_laughs.xml"), {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].field, "document (line 2, column 1)");
  EXPECT_EQ(r.failures[0].expected, "no DOCTYPE or entity declarations");
  EXPECT_EQ(r.failures[0].found, "\"<!DOCTYPE nfeProc [\"");
  EXPECT_TRUE(r.facts.access_key.empty());
}

TEST(BrHostileXml, ExternalEntityIsRefusedAndNeverRead) {
  nfe_report r = validate_nfe(corpus("external_entity.xml"), {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].expected, "no DOCTYPE or entity declarations");
  EXPECT_NE(r.failures[0].message.find("DOCTYPE"), std::string::npos);
  EXPECT_TRUE(r.facts.order_references.empty());
  EXPECT_EQ(test::all_failures(r).find("root:"), std::string::npos);
}

TEST(BrHostileXml, AnyDoctypeIsRefusedEvenWithoutEntities) {
  nfe_report r = validate_nfe(corpus("doctype_without_entities.xml"), {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].found, "\"<!DOCTYPE nfeProc SYSTEM \"http://example.invalid/nfe.dtd\">\"");
}

TEST(BrHostileXml, LowerCaseDoctypeIsRefusedToo) {
  std::string xml = "<?xml version=\"1.0\"?>\n<!doctype nfeProc>\n" + test::nfe_builder{}.xml().substr(38);
  nfe_report r = validate_nfe(xml, {});
  ASSERT_EQ(r.failures.size(), 1u) << test::all_failures(r);
  EXPECT_EQ(r.failures[0].expected, "no DOCTYPE or entity declarations");
}

TEST(BrHostileXml, UndeclaredEntityReferencesStayLiteralText) {
  nfe_report r = validate_nfe(corpus("undeclared_entity.xml"), {});
  std::optional<nfe_failure> f = test::failure_at(r, "nfeProc/protNFe/infProt/cStat");
  ASSERT_TRUE(f) << test::all_failures(r);
  EXPECT_EQ(f->found, "\"&status;\"");
}

TEST(BrHostileXml, ABinaryFileIsNotWellFormed) {
  nfe_report r = validate_nfe(corpus("not_xml.xml"), {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].expected, "well-formed XML");
}

TEST(BrHostileXml, AnEmptyFileIsNotWellFormed) {
  nfe_report r = validate_nfe("", {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].expected, "well-formed XML");
}

TEST(BrHostileXml, AFileOverOneMegabyteIsRefusedBeforeParsing) {
  test::nfe_builder b;
  std::string xml = b.xml();
  // A valid NF-e padded with a comment up to one byte over the limit: only the size can be wrong.
  std::size_t close = xml.rfind("</nfeProc>");
  xml.insert(close, "<!--" + std::string(max_nfe_bytes - xml.size() - 7 + 1, 'x') + "-->");
  ASSERT_EQ(xml.size(), max_nfe_bytes + 1);
  nfe_report r = validate_nfe(xml, {});
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].field, "file");
  EXPECT_EQ(r.failures[0].found, std::to_string(max_nfe_bytes + 1) + " bytes");
  EXPECT_TRUE(r.facts.access_key.empty());
}

TEST(BrHostileXml, AFileOfExactlyOneMegabyteIsRead) {
  test::nfe_builder b;
  std::string xml = b.xml();
  std::size_t close = xml.rfind("</nfeProc>");
  xml.insert(close, "<!--" + std::string(max_nfe_bytes - xml.size() - 7, 'x') + "-->");
  ASSERT_EQ(xml.size(), max_nfe_bytes);
  nfe_report r = validate_nfe(xml, {});
  EXPECT_TRUE(r.ok()) << test::all_failures(r);
}

TEST(BrHostileXml, LongHostileValuesAreShortenedInMessages) {
  test::nfe_builder b;
  b.id_override = std::string(5000, 'A');
  std::optional<nfe_failure> f = test::failure_at(validate_nfe(b.xml(), {}), "nfeProc/NFe/infNFe/@Id");
  ASSERT_TRUE(f);
  EXPECT_LT(f->found.size(), 120u);
  EXPECT_NE(f->found.find("5000 characters"), std::string::npos);
}

}  // namespace
}  // namespace kingkung::br
