#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include <sstream>

#include "kingkung/privacy/correction.hpp"
#include "kingkung/privacy/export.hpp"
#include "kingkung/storage/audit_repository.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "privacy_test_data.hpp"

namespace kingkung::privacy {
namespace {

namespace json = boost::json;
using namespace privacy_test;

class PrivacyExport : public test::database_test {
 protected:
  void SetUp() override {
    test::database_test::SetUp();
    if (HasFatalFailure()) return;
    seller_ = test::add_seller(db(), "Loja Um");
    other_seller_ = test::add_seller(db(), "Loja Dois");
    user_ = add_user(db(), seller_, "owner@loja.example");
    add_user(db(), other_seller_, "owner@dois.example");
    add_shop_with_buyer_data(db(), seller_, "shop-a", "A1");
    add_shop_with_buyer_data(db(), other_seller_, "shop-b", "B2");
  }

  std::string export_json(std::int64_t seller) {
    std::ostringstream out;
    auto r = export_seller(db(), seller, out, actor::cli(), t0);
    EXPECT_TRUE(r.ok()) << r.err().message;
    return out.str();
  }

  std::int64_t seller_ = 0;
  std::int64_t other_seller_ = 0;
  std::int64_t user_ = 0;
};

TEST_P(PrivacyExport, JsonParsesAndHoldsTheSellersOrdersWithLines) {
  auto doc = json::parse(export_json(seller_)).as_object();
  EXPECT_EQ(doc.at("seller").at("name").as_string(), "Loja Um");
  const auto& orders = doc.at("orders").as_array();
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].at("shop_id").as_string(), "shop-a");
  EXPECT_EQ(orders[0].at("lines").as_array().size(), 2u);
  EXPECT_EQ(orders[0].at("payment").at("total_amount").as_string(), "229.90");
  EXPECT_EQ(orders[0].at("recipient").at("name").as_string(), markers_for("A1").name);
}

TEST_P(PrivacyExport, JsonHoldsProductsPackagesInvoicesUsersAndShops) {
  auto doc = json::parse(export_json(seller_)).as_object();
  ASSERT_EQ(doc.at("products").as_array().size(), 1u);
  EXPECT_EQ(doc.at("products").at(0).at("skus").at(0).at("price").as_string(), "19.90");
  EXPECT_EQ(doc.at("products").at(0).at("skus").at(0).at("inventory").at(0).at("quantity").as_int64(), 7);
  ASSERT_EQ(doc.at("packages").as_array().size(), 1u);
  EXPECT_EQ(doc.at("packages").at(0).at("order_ids").at(0).as_string(), "shop-a-order-1");
  ASSERT_EQ(doc.at("invoices").as_array().size(), 1u);
  ASSERT_EQ(doc.at("users").as_array().size(), 1u);
  EXPECT_EQ(doc.at("users").at(0).at("email").as_string(), "owner@loja.example");
  ASSERT_EQ(doc.at("shops").as_array().size(), 1u);
  EXPECT_EQ(doc.at("shops").at(0).at("id").as_string(), "shop-a");
}

TEST_P(PrivacyExport, JsonHoldsNothingOfAnotherSeller) {
  std::string text = export_json(seller_);
  EXPECT_EQ(text.find("shop-b"), std::string::npos);
  for (const auto& m : markers_for("B2").all()) EXPECT_EQ(text.find(m), std::string::npos) << m;
  EXPECT_EQ(text.find("owner@dois.example"), std::string::npos);
}

TEST_P(PrivacyExport, JsonHoldsNoSecretTokenCipherOrPasswordHash) {
  std::string text = export_json(seller_);
  EXPECT_EQ(text.find(sealed_token_marker), std::string::npos);
  EXPECT_EQ(text.find(cipher_marker), std::string::npos);
  EXPECT_EQ(text.find("$scrypt$"), std::string::npos);
  EXPECT_EQ(text.find("password"), std::string::npos);
  EXPECT_EQ(text.find("cipher"), std::string::npos);
}

TEST_P(PrivacyExport, JsonIncludesTheAuditLogAndRecordsTheExportItself) {
  ASSERT_TRUE(storage::audit_repository(db()).append({0, seller_, user_, "user.add", "x", "first", t0}).ok());
  auto doc = json::parse(export_json(seller_)).as_object();
  ASSERT_EQ(doc.at("audit_log").as_array().size(), 1u);
  auto after = storage::audit_repository(db()).list_by_seller(seller_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->front().action, "privacy.export");
}

TEST_P(PrivacyExport, UnknownSellerIsNotFoundAndWritesNothing) {
  std::ostringstream out;
  auto r = export_seller(db(), 999999, out, actor::cli());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::not_found);
  EXPECT_TRUE(out.str().empty());
}

TEST_P(PrivacyExport, CsvHasAHeaderAndOneRowPerOrderLine) {
  std::ostringstream out;
  auto r = export_orders_csv(db(), seller_, out, actor::cli());
  ASSERT_TRUE(r.ok()) << r.err().message;
  std::string text = out.str();
  EXPECT_EQ(text.rfind("shop_id,order_id,status,", 0), 0u);
  std::size_t rows = 0;
  for (std::size_t p = 0; (p = text.find("\r\n", p)) != std::string::npos; p += 2) ++rows;
  EXPECT_EQ(rows, 1u + 4u);
  EXPECT_EQ(text.find("shop-b"), std::string::npos);
  EXPECT_NE(text.find("\"Rua das Flores A1, Centro\""), std::string::npos);
}

TEST_P(PrivacyExport, CsvNeutralisesAFormulaInABuyerField) {
  *db().acquire() << "UPDATE orders SET buyer_email = '=cmd|'' /C calc''!A0' WHERE shop_id = 'shop-a'";
  std::ostringstream out;
  ASSERT_TRUE(export_orders_csv(db(), seller_, out, actor::cli()).ok());
  EXPECT_NE(out.str().find(",'=cmd|' /C calc'!A0,"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find(",=cmd"), std::string::npos);
}

TEST_P(PrivacyExport, CorrectionChangesEmailAndLocaleAndAuditsIt) {
  user_corrections c;
  c.email = "  New.Owner@Loja.Example ";
  c.locale = "pt-BR";
  auto u = correct_user(db(), user_, c, actor{user_, "owner@loja.example", "198.51.100.4"});
  ASSERT_TRUE(u.ok()) << u.err().message;
  EXPECT_EQ(u->email, "new.owner@loja.example");
  EXPECT_EQ(u->locale, "pt-BR");
  auto entries = storage::audit_repository(db()).list_by_seller(seller_);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->front().action, "user.correct");
  EXPECT_NE(entries->front().detail.find("email, locale"), std::string::npos) << entries->front().detail;
  EXPECT_NE(entries->front().detail.find("198.51.100.4"), std::string::npos);
}

TEST_P(PrivacyExport, CorrectionChangesTheSellerName) {
  user_corrections c;
  c.seller_name = "Loja Um Renomeada";
  ASSERT_TRUE(correct_user(db(), user_, c, actor::cli()).ok());
  auto s = storage::seller_repository(db()).get(seller_);
  ASSERT_TRUE(s.ok() && s->has_value());
  EXPECT_EQ((**s).name, "Loja Um Renomeada");
}

TEST_P(PrivacyExport, CorrectionToAnEmailInUseIsRefusedAndChangesNothing) {
  user_corrections c;
  c.email = "owner@dois.example";
  c.locale = "es";
  auto r = correct_user(db(), user_, c, actor::cli());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::failed_precondition);
  auto u = storage::user_repository(db()).get(user_);
  EXPECT_EQ((**u).email, "owner@loja.example");
  EXPECT_EQ((**u).locale, "en");
}

TEST_P(PrivacyExport, CorrectionWithABadLocaleNamesTheFieldAndWhatWasFound) {
  user_corrections c;
  c.locale = "portuguese";
  auto r = correct_user(db(), user_, c, actor::cli());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(r.err().message.find("locale"), std::string::npos);
  EXPECT_NE(r.err().message.find("\"portuguese\""), std::string::npos);
}

TEST_P(PrivacyExport, CorrectionOfAnUnknownUserIsNotFound) {
  user_corrections c;
  c.locale = "en";
  auto r = correct_user(db(), 424242, c, actor::cli());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, plugin::errc::not_found);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(PrivacyExport);

}  // namespace
}  // namespace kingkung::privacy
