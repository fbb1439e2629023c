// Products through the client against the simulator: search, get, partial edit, inventory and price.
#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

// An active product of the shop whose first SKU has exactly one warehouse level, or nothing.
std::optional<domain::product> active_product(sim_env& env, const shop_ref& shop) {
  tiktok::search_products_request req;
  req.page_size = 100;
  req.status = "ACTIVATE";
  auto all = tiktok::search_all_products(*env.api, shop, req);
  if (!all.ok()) return std::nullopt;
  for (const auto& listed : *all) {
    auto p = tiktok::get_product(*env.api, shop, listed.id);
    if (p.ok() && !p->skus.empty() && !p->skus.front().inventory.empty()) return *p;
  }
  return std::nullopt;
}

TEST(TiktokSimProducts, SearchByStatusReturnsOnlyThatStatus) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  tiktok::search_products_request req;
  req.page_size = 100;
  req.status = "ACTIVATE";
  auto page = tiktok::search_products(*env.api, shop, req);
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_FALSE(page->products.empty());
  EXPECT_EQ(page->total_count, static_cast<std::int64_t>(page->products.size()));
  for (const auto& p : page->products) EXPECT_EQ(p.status, "ACTIVATE") << p.id;
}

TEST(TiktokSimProducts, GetProductMatchesTheSearchedProduct) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  tiktok::search_products_request req;
  req.page_size = 5;
  auto page = tiktok::search_products(*env.api, shop, req);
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  ASSERT_FALSE(page->products.empty());
  const auto& listed = page->products.front();
  auto got = tiktok::get_product(*env.api, shop, listed.id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  EXPECT_EQ(got->id, listed.id);
  EXPECT_EQ(got->title, listed.title);
  EXPECT_EQ(got->skus.size(), listed.skus.size());
  EXPECT_FALSE(got->description.empty());
}

TEST(TiktokSimProducts, PartialEditOfTitleShowsInGetProduct) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto product = active_product(env, shop);
  ASSERT_TRUE(product.has_value());
  tiktok::partial_edit_request edit;
  edit.title = "KingKung e2e renamed backpack, water resistant";
  auto edited = tiktok::partial_edit_product(*env.api, shop, product->id, edit);
  ASSERT_TRUE(edited.ok()) << edited.err().to_string();
  EXPECT_EQ(edited->product_id, product->id);
  env.advance(6);  // the audit settles 5 simulated seconds later
  env.control_data("POST", "/__sim/settle");
  auto got = tiktok::get_product(*env.api, shop, product->id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  EXPECT_EQ(got->title, *edit.title);
}

TEST(TiktokSimProducts, UpdatedInventoryShowsInGetProduct) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto product = active_product(env, shop);
  ASSERT_TRUE(product.has_value());
  const auto& sku = product->skus.front();
  tiktok::inventory_update update{sku.id, sku.inventory};
  for (auto& level : update.inventory) level.quantity = level.quantity == 777 ? 778 : 777;
  auto outcome = tiktok::update_inventory(*env.api, shop, product->id, {update});
  ASSERT_TRUE(outcome.ok()) << outcome.err().to_string();
  ASSERT_TRUE(outcome->all_succeeded()) << outcome->errors.front().message;
  auto got = tiktok::get_product(*env.api, shop, product->id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  ASSERT_FALSE(got->skus.empty());
  ASSERT_EQ(got->skus.front().inventory.size(), update.inventory.size());
  for (std::size_t i = 0; i < update.inventory.size(); ++i) {
    EXPECT_EQ(got->skus.front().inventory[i].warehouse_id, update.inventory[i].warehouse_id);
    EXPECT_EQ(got->skus.front().inventory[i].quantity, update.inventory[i].quantity);
  }
}

TEST(TiktokSimProducts, UpdatedPriceShowsInGetProduct) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto product = active_product(env, shop);
  ASSERT_TRUE(product.has_value());
  const auto& sku = product->skus.front();
  auto new_price = sku.price + *decimal::parse("1.25");
  tiktok::price_update update;
  update.sku_id = sku.id;
  update.currency = sku.currency;
  update.amount = new_price;
  auto outcome = tiktok::update_price(*env.api, shop, product->id, {update});
  ASSERT_TRUE(outcome.ok()) << outcome.err().to_string();
  ASSERT_TRUE(outcome->all_succeeded()) << outcome->errors.front().message;
  auto got = tiktok::get_product(*env.api, shop, product->id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  ASSERT_FALSE(got->skus.empty());
  EXPECT_EQ(got->skus.front().price.to_string(), new_price.to_string());
}

TEST(TiktokSimProducts, PriceInAnotherCurrencyIsRefusedWith12052084) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto product = active_product(env, shop);
  ASSERT_TRUE(product.has_value());
  tiktok::price_update update;
  update.sku_id = product->skus.front().id;
  update.currency = "BRL";
  update.amount = *decimal::parse("10.00");
  EXPECT_EQ(first_code(tiktok::update_price(*env.api, shop, product->id, {update})), 12052084);
  auto got = tiktok::get_product(*env.api, shop, product->id);
  ASSERT_TRUE(got.ok()) << got.err().to_string();
  EXPECT_EQ(got->skus.front().price.to_string(), product->skus.front().price.to_string());
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
