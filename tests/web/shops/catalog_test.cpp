// The catalog API: search over stored products, and edits that reach the platform with its refusals
// shown next to the field.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/catalog/catalog_handlers.hpp"
#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/storage/product_search.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

class WebCatalog : public web_test::shared_host<WebCatalog> {
 protected:
  static web::web_context& ctx() {
    static web::web_context c;
    c = context_of(app());
    return c;
  }

  // Stored products of a demo shop with this status, as the list API would give them.
  static std::vector<domain::product> stored(std::string_view shop_id, std::string_view status = "ACTIVATE") {
    storage::product_search_request req;
    req.seller_id = demo_owner(app()).seller_id;
    req.shop_id = std::string(shop_id);
    req.status = std::string(status);
    req.limit = 200;
    auto page = storage::product_search(app().runtime().database()).find(req);
    if (!page) throw std::runtime_error(page.err().message);
    return page->products;
  }

  static http::response list(const std::string& query) {
    return web::catalog::list_products(ctx(), make_request("GET", "/api/v1/products" + query), demo_owner(app()));
  }

  static std::map<std::string, std::string, std::less<>> ids(const domain::product& p, std::string sku = {}) {
    std::map<std::string, std::string, std::less<>> m{{"shop_id", p.shop_id}, {"product_id", p.id}};
    if (!sku.empty()) m.emplace("sku_id", std::move(sku));
    return m;
  }
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

TEST_F(WebCatalog, SearchByTitleTextNarrowsToTitlesHoldingIt) {
  auto all = body_of(list("?shop_id=" + std::string(web_test::us_shop_id) + "&page_size=200"));
  auto found = body_of(list("?shop_id=" + std::string(web_test::us_shop_id) + "&q=KITCHEN&page_size=200"));
  const auto& products = found.at("products").as_array();
  ASSERT_FALSE(products.empty());
  EXPECT_LT(products.size(), all.at("products").as_array().size());
  for (const auto& p : products)
    EXPECT_NE(lower(std::string(p.at("title").as_string())).find("kitchen"), std::string::npos) << p;
}

TEST_F(WebCatalog, SearchBySellerSkuFindsTheProductThatHasIt) {
  auto product = stored(web_test::mx_shop_id).front();
  ASSERT_FALSE(product.skus.empty());
  const std::string sku = product.skus.front().seller_sku;
  auto found = body_of(list("?q=" + sku));
  const auto& products = found.at("products").as_array();
  ASSERT_FALSE(products.empty());
  bool listed = false;
  for (const auto& p : products) {
    listed = listed || p.at("id").as_string() == product.id;
    bool has_sku = false;
    for (const auto& s : p.at("skus").as_array()) has_sku = has_sku || s.at("seller_sku").as_string() == sku;
    EXPECT_TRUE(has_sku || lower(std::string(p.at("title").as_string())).find(lower(sku)) != std::string::npos);
  }
  EXPECT_TRUE(listed);
}

TEST_F(WebCatalog, StatusFilterListsOnlyThatStatus) {
  auto found = body_of(list("?status=DRAFT&page_size=200"));
  const auto& products = found.at("products").as_array();
  ASSERT_FALSE(products.empty());
  for (const auto& p : products) EXPECT_EQ(text(p.at("status")), "DRAFT");
}

TEST_F(WebCatalog, SearchTreatsLikeWildcardsAsPlainText) {
  auto found = body_of(list("?q=%25&page_size=200"));  // "%" would match every title if it were a wildcard
  EXPECT_TRUE(found.at("products").as_array().empty()) << found;
}

TEST_F(WebCatalog, PagesVisitEveryProductOnce) {
  auto everything = body_of(list("?page_size=200"));
  std::set<std::string> expected;
  for (const auto& p : everything.at("products").as_array())
    expected.insert(std::string(p.at("shop_id").as_string()) + "/" + std::string(p.at("id").as_string()));
  std::multiset<std::string> seen;
  std::string cursor;
  for (int guard = 0; guard < 100; ++guard) {
    auto page = body_of(list("?page_size=3" + (cursor.empty() ? std::string() : "&cursor=" + cursor)));
    for (const auto& p : page.at("products").as_array())
      seen.insert(std::string(p.at("shop_id").as_string()) + "/" + std::string(p.at("id").as_string()));
    if (page.at("next_cursor").is_null()) break;
    cursor = std::string(page.at("next_cursor").as_string());
  }
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), expected);
  EXPECT_EQ(seen.size(), expected.size());
}

TEST_F(WebCatalog, AMalformedCursorIsABadRequestNamingIt) {
  auto r = list("?cursor=not-a-cursor");
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "cursor");
}

TEST_F(WebCatalog, ProductDetailCarriesTheDescription) {
  auto product = stored(web_test::br_shop_id).front();
  auto r = web::catalog::get_product(ctx(), make_request("GET", "/api/v1/products/x/y", {}, ids(product)),
                                     demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto p = body_of(r).at("product");
  EXPECT_EQ(text(p.at("id")), product.id);
  EXPECT_EQ(text(p.at("description")), platform_product(app(), product.shop_id, product.id).description);
  EXPECT_FALSE(p.at("description").as_string().empty());
}

TEST_F(WebCatalog, EditedTitleReachesThePlatformAndTheStore) {
  auto product = stored(web_test::mx_shop_id).at(0);
  const std::string title = "Producto editado desde KingKung " + product.id.substr(product.id.size() - 4);
  auto r = web::catalog::edit_product(
      ctx(), make_request("PATCH", "/api/v1/products/x/y", json::serialize(json::object{{"title", title}}), ids(product)),
      demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(text(body_of(r).at("product").at("title")), title);
  EXPECT_EQ(platform_product(app(), product.shop_id, product.id).title, title);
  auto kept = storage::product_repository(app().runtime().database()).get(product.shop_id, product.id);
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->title, title);
}

TEST_F(WebCatalog, EmptyTitleIsRefusedOnTheTitleFieldAndChangesNothing) {
  auto product = stored(web_test::mx_shop_id).at(1);
  auto r = web::catalog::edit_product(
      ctx(), make_request("PATCH", "/api/v1/products/x/y", R"({"title":""})", ids(product)), demo_owner(app()));
  EXPECT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "title");
  EXPECT_EQ(platform_product(app(), product.shop_id, product.id).title, product.title);
}

TEST_F(WebCatalog, TooLongTitleIsRefusedOnTheTitleFieldAndChangesNothing) {
  auto product = stored(web_test::mx_shop_id).at(2);
  auto r = web::catalog::edit_product(
      ctx(),
      make_request("PATCH", "/api/v1/products/x/y",
                   json::serialize(json::object{{"title", std::string(301, 'a')}}), ids(product)),
      demo_owner(app()));
  EXPECT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "title");
  EXPECT_EQ(platform_product(app(), product.shop_id, product.id).title, product.title);
}

TEST_F(WebCatalog, NewPriceLandsOnThePlatform) {
  auto product = stored(web_test::us_shop_id).at(0);
  const auto& sku = product.skus.front();
  auto r = web::catalog::set_price(
      ctx(), make_request("PUT", "/x", R"({"price":"123.45"})", ids(product, sku.id)), demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  for (const auto& s : platform_product(app(), product.shop_id, product.id).skus)
    if (s.id == sku.id) {
      EXPECT_EQ(s.price.to_string(2), "123.45");
    }
  auto kept = storage::product_repository(app().runtime().database()).get(product.shop_id, product.id);
  ASSERT_TRUE(kept && *kept);
  for (const auto& s : (*kept)->skus)
    if (s.id == sku.id) {
      EXPECT_EQ(s.price.to_string(2), "123.45");
    }
}

TEST_F(WebCatalog, ZeroPriceIsRefusedOnThePriceField) {
  auto product = stored(web_test::us_shop_id).at(1);
  auto r = web::catalog::set_price(ctx(), make_request("PUT", "/x", R"({"price":"0"})", ids(product, product.skus.front().id)),
                                   demo_owner(app()));
  EXPECT_EQ(r.status, 422u) << r.body;
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "price");
}

TEST_F(WebCatalog, NewInventoryLandsOnThePlatformPerWarehouse) {
  auto product = stored(web_test::us_shop_id).at(2);
  const auto& sku = product.skus.front();
  ASSERT_FALSE(sku.inventory.empty());
  json::array inventory;
  for (const auto& level : sku.inventory)
    inventory.push_back(json::object{{"warehouse_id", level.warehouse_id}, {"quantity", level.quantity + 7}});
  auto r = web::catalog::set_inventory(
      ctx(), make_request("PUT", "/x", json::serialize(json::object{{"inventory", inventory}}), ids(product, sku.id)),
      demo_owner(app()));
  ASSERT_EQ(r.status, 200u) << r.body;
  for (const auto& s : platform_product(app(), product.shop_id, product.id).skus) {
    if (s.id != sku.id) continue;
    ASSERT_EQ(s.inventory.size(), sku.inventory.size());
    for (const auto& level : s.inventory)
      for (const auto& before : sku.inventory)
        if (before.warehouse_id == level.warehouse_id) {
          EXPECT_EQ(level.quantity, before.quantity + 7);
        }
  }
}

TEST_F(WebCatalog, NegativeQuantityIsAFieldErrorOnThatEntrysQuantity) {
  auto product = stored(web_test::us_shop_id).at(3);
  const auto& sku = product.skus.front();
  json::array inventory;
  for (const auto& level : sku.inventory) inventory.push_back(json::object{{"warehouse_id", level.warehouse_id}, {"quantity", -3}});
  auto r = web::catalog::set_inventory(
      ctx(), make_request("PUT", "/x", json::serialize(json::object{{"inventory", inventory}}), ids(product, sku.id)),
      demo_owner(app()));
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "inventory[0].quantity");
  for (const auto& s : platform_product(app(), product.shop_id, product.id).skus)
    if (s.id == sku.id) {
      EXPECT_EQ(s.inventory.front().quantity, sku.inventory.front().quantity);
    }
}

TEST_F(WebCatalog, AnotherSellersProductIsNotFound) {
  auto product = stored(web_test::mx_shop_id).front();
  auto stranger = other_seller(app(), "Catalog Stranger");
  auto detail = web::catalog::get_product(ctx(), make_request("GET", "/x", {}, ids(product)), stranger);
  EXPECT_EQ(detail.status, 404u);
  auto edit = web::catalog::edit_product(ctx(), make_request("PATCH", "/x", R"({"title":"mine now"})", ids(product)),
                                         stranger);
  EXPECT_EQ(edit.status, 404u);
  EXPECT_EQ(platform_product(app(), product.shop_id, product.id).title, product.title);
  auto listed = web::catalog::list_products(ctx(), make_request("GET", "/api/v1/products?page_size=200"), stranger);
  EXPECT_TRUE(body_of(listed).at("products").as_array().empty());
}

}  // namespace
