// Products: search, get, partial edit, inventory and price updates (docs/tiktok-shop-api.md 5.3).
#include <gtest/gtest.h>

#include <set>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimProducts : public ::testing::Test {
 protected:
  harness h;
  connection us = h.connect("demo-us");

  std::vector<json::object> products(const json::object& filter = {}) {
    std::vector<json::object> out;
    std::string token;
    do {
      std::vector<std::pair<std::string, std::string>> q{{"page_size", "4"}};
      if (!token.empty()) q.emplace_back("page_token", token);
      auto r = h.api(us, "POST", "/product/202502/products/search", q, filter);
      if (r.code != 0) throw std::runtime_error("products/search: " + r.message);
      for (const auto& p : r.obj().at("products").as_array()) out.push_back(p.as_object());
      token = std::string(r.obj().at("next_page_token").as_string());
    } while (!token.empty());
    return out;
  }
  json::object active_with_warehouses(std::size_t warehouses) {
    for (const auto& p : products({{"status", "ACTIVATE"}}))
      for (const auto& s : p.at("skus").as_array())
        if (s.as_object().at("inventory").as_array().size() == warehouses) return p;
    throw std::runtime_error("no such product");
  }
  std::string first_sku(const json::object& p) {
    return std::string(p.at("skus").as_array().at(0).as_object().at("id").as_string());
  }
  response inventory(const json::object& p, const json::array& skus) {
    return h.api(us, "POST",
                 "/product/202309/products/" + std::string(p.at("id").as_string()) + "/inventory/update", {},
                 json::object{{"skus", skus}});
  }
  response prices(const std::string& product_id, const json::array& skus, const connection* as = nullptr) {
    return h.api(as ? *as : us, "POST", "/product/202309/products/" + product_id + "/prices/update", {},
                 json::object{{"skus", skus}});
  }
};

TEST_F(SimProducts, SearchPagesThroughEveryProductOnce) {
  auto all = products();
  std::set<std::string> ids;
  for (const auto& p : all) ids.insert(std::string(p.at("id").as_string()));
  EXPECT_EQ(ids.size(), all.size());
  EXPECT_EQ(all.size(), 14u);
}

TEST_F(SimProducts, SearchFiltersByStatusAndSellerSku) {
  for (const auto& p : products({{"status", "ACTIVATE"}})) EXPECT_EQ(p.at("status"), "ACTIVATE");
  auto any = products().front();
  std::string seller_sku(any.at("skus").as_array().at(0).as_object().at("seller_sku").as_string());
  auto found = products({{"seller_skus", json::array{json::value(seller_sku)}}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].at("id"), any.at("id"));
}

TEST_F(SimProducts, SearchTakesAtMostTenSellerSkus) {
  json::array skus;
  for (int i = 0; i < 11; ++i) skus.emplace_back("SKU-" + std::to_string(i));
  auto r = h.api(us, "POST", "/product/202309/products/search", {{"page_size", "10"}},
                 json::object{{"seller_skus", skus}});
  EXPECT_EQ(r.code, 12019027);
}

TEST_F(SimProducts, GetProductReturnsSkusWithPricesAndInventory) {
  auto summary = products().front();
  auto r = h.api(us, "GET", "/product/202309/products/" + std::string(summary.at("id").as_string()));
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.obj().at("title"), summary.at("title"));
  const auto& sku = r.obj().at("skus").as_array().at(0).as_object();
  EXPECT_EQ(sku.at("price").as_object().at("currency"), "USD");
  EXPECT_FALSE(sku.at("inventory").as_array().empty());
}

TEST_F(SimProducts, GetUnknownProductGives12019150) {
  EXPECT_EQ(h.api(us, "GET", "/product/202309/products/1729000000000000000").code, 12019150);
}

TEST_F(SimProducts, InventoryUpdateChangesTheStock) {
  auto p = active_with_warehouses(1);
  std::string sku = first_sku(p);
  auto r = inventory(
      p, json::array{json::object{{"id", sku}, {"inventory", json::array{json::object{{"quantity", 321}}}}}});
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_FALSE(r.obj().contains("errors"));
  auto after = h.api(us, "GET", "/product/202309/products/" + std::string(p.at("id").as_string()));
  EXPECT_EQ(after.obj()
                .at("skus")
                .as_array()
                .at(0)
                .as_object()
                .at("inventory")
                .as_array()
                .at(0)
                .as_object()
                .at("quantity")
                .as_int64(),
            321);
}

TEST_F(SimProducts, InventoryErrorsArePerSkuInsideASuccessResponse) {
  auto p = active_with_warehouses(1);
  auto r = inventory(p, json::array{json::object{{"id", "2700000000000000000"},
                                                 {"inventory", json::array{json::object{{"quantity", 5}}}}}});
  ASSERT_EQ(r.code, 0);
  const auto& e = r.obj().at("errors").as_array().at(0).as_object();
  EXPECT_EQ(e.at("code").as_int64(), 12052557);
  EXPECT_EQ(e.at("detail").as_object().at("sku_id"), "2700000000000000000");
}

TEST_F(SimProducts, InventoryQuantityOutOfRangeIsReportedForItsWarehouse) {
  auto p = active_with_warehouses(1);
  std::string sku = first_sku(p);
  auto r = inventory(p, json::array{json::object{
                            {"id", sku}, {"inventory", json::array{json::object{{"quantity", 100000}}}}}});
  const auto& e = r.obj().at("errors").as_array().at(0).as_object();
  EXPECT_EQ(e.at("code").as_int64(), 12052990);
  EXPECT_EQ(e.at("detail").as_object().at("extra_errors").as_array().at(0).as_object().at("code").as_int64(),
            12019024);
}

TEST_F(SimProducts, InventoryUpdateMustListEveryWarehouseOfTheSku) {
  auto p = active_with_warehouses(2);
  json::object sku;
  for (const auto& s : p.at("skus").as_array())
    if (s.as_object().at("inventory").as_array().size() == 2) sku = s.as_object();
  std::string warehouse(sku.at("inventory").as_array().at(0).as_object().at("warehouse_id").as_string());
  auto r = inventory(
      p, json::array{json::object{
             {"id", sku.at("id")},
             {"inventory", json::array{json::object{{"warehouse_id", warehouse}, {"quantity", 3}}}}}});
  EXPECT_EQ(r.obj().at("errors").as_array().at(0).as_object().at("code").as_int64(), 12019028);
}

TEST_F(SimProducts, InventoryOfAProductThatIsNotActiveCannotChange) {
  auto deactivated = products({{"status", "SELLER_DEACTIVATED"}});
  ASSERT_FALSE(deactivated.empty());
  auto r = inventory(deactivated[0],
                     json::array{json::object{{"id", first_sku(deactivated[0])},
                                              {"inventory", json::array{json::object{{"quantity", 3}}}}}});
  EXPECT_EQ(r.code, 12019113);
}

TEST_F(SimProducts, PriceUpdateChangesThePrice) {
  auto p = products({{"status", "ACTIVATE"}}).back();
  std::string id(p.at("id").as_string());
  auto r = prices(id, json::array{json::object{{"id", first_sku(p)},
                                               {"price", {{"amount", "19.90"}, {"currency", "USD"}}}}});
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_TRUE(r.obj().empty());
  auto after = h.api(us, "GET", "/product/202309/products/" + id);
  EXPECT_EQ(after.obj().at("skus").as_array().at(0).as_object().at("price").as_object().at("sale_price"),
            "19.90");
}

TEST_F(SimProducts, BadPriceFormatGives12052012) {
  auto p = products({{"status", "ACTIVATE"}}).back();
  for (std::string bad : {"abc", "-1.00", "1.234", "1e3"}) {
    auto r = prices(
        std::string(p.at("id").as_string()),
        json::array{json::object{{"id", first_sku(p)}, {"price", {{"amount", bad}, {"currency", "USD"}}}}});
    EXPECT_EQ(r.code, 12052012) << bad;
  }
}

TEST_F(SimProducts, PriceInAnotherCurrencyIsRefused) {
  auto p = products({{"status", "ACTIVATE"}}).back();
  auto r = prices(
      std::string(p.at("id").as_string()),
      json::array{json::object{{"id", first_sku(p)}, {"price", {{"amount", "10.00"}, {"currency", "EUR"}}}}});
  EXPECT_EQ(r.code, 12052084);
}

TEST_F(SimProducts, MexicanLocalPricesStayBetween1And50000) {
  auto mx = h.connect("demo-mx-local");
  auto r = h.api(mx, "POST", "/product/202502/products/search", {{"page_size", "100"}},
                 json::object{{"status", "ACTIVATE"}});
  std::string id, sku;
  auto price = [&](const std::string& amount) {
    return prices(
               id,
               json::array{json::object{{"id", sku}, {"price", {{"amount", amount}, {"currency", "MXN"}}}}},
               &mx)
        .code;
  };
  for (const auto& p : r.obj().at("products").as_array()) {  // one whose price no promotion locks
    id = std::string(p.as_object().at("id").as_string());
    sku = first_sku(p.as_object());
    if (price("100.00") == 0) break;
  }
  EXPECT_EQ(price("50000.01"), 12052073);
  EXPECT_EQ(price("0.99"), 12052073);
  EXPECT_EQ(price("50000.00"), 0);
}

TEST_F(SimProducts, PromotionLockedPriceGives12052038) {
  // The third demo product runs a promotion.
  std::string locked;
  for (const auto& p : products())
    if (h.api(us, "POST",
              "/product/202309/products/" + std::string(p.at("id").as_string()) + "/prices/update", {},
              json::object{
                  {"skus", json::array{json::object{{"id", first_sku(p)}, {"price", {{"amount", "9.00"}}}}}}})
            .code == 12052038)
      locked = std::string(p.at("id").as_string());
  EXPECT_FALSE(locked.empty());
}

TEST_F(SimProducts, CorrectingARejectedTitleIsAuditedThenGoesLive) {
  auto failed = products({{"status", "FAILED"}});
  ASSERT_EQ(failed.size(), 1u);
  std::string id(failed[0].at("id").as_string());
  auto r = h.api(us, "POST", "/product/202509/products/" + id + "/partial_edit", {},
                 json::object{{"title", "Silicone Cooking Utensils 12 Pieces"}});
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.obj().at("product_id"), id);
  EXPECT_EQ(r.obj().at("audit").as_object().at("status"), "AUDITING");
  EXPECT_EQ(h.api(us, "GET", "/product/202309/products/" + id).obj().at("status"), "PENDING");
  h.advance(5);
  auto after = h.api(us, "GET", "/product/202309/products/" + id).obj();
  EXPECT_EQ(after.at("status"), "ACTIVATE");
  EXPECT_EQ(after.at("title"), "Silicone Cooking Utensils 12 Pieces");
  EXPECT_TRUE(after.at("audit_failed_reasons").as_array().empty());
}

TEST_F(SimProducts, TitleLongerThanTheRegionAllowsIsRefused) {
  auto p = products({{"status", "ACTIVATE"}}).front();
  auto r =
      h.api(us, "POST", "/product/202309/products/" + std::string(p.at("id").as_string()) + "/partial_edit",
            {}, json::object{{"title", std::string(256, 'a')}});
  EXPECT_EQ(r.code, 12052051);
}

}  // namespace
