// Products (with SKUs, prices and inventory) and packages (with their orders) synced from the simulator.
#include <gtest/gtest.h>

#include "kingkung/storage/catalog_repository.hpp"
#include "kingkung/storage/package_repository.hpp"
#include "sync_test_support.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::mx_shop_id;
using tiktok_sim_test::us_shop_id;

class SyncCatalog : public sync_test {};

TEST_P(SyncCatalog, StoresEveryProductWithItsSkusPricesAndInventory) {
  start();
  auto l = link(mx_shop_id);
  auto report = make_engine().sync_products(l);
  ASSERT_TRUE(report.ok) << report.error;

  auto platform = tiktok::search_all_products(*env().api, l.shop, {});
  ASSERT_TRUE(platform.ok());
  storage::product_repository products(db());
  std::vector<std::string> expected_ids;
  for (const auto& p : *platform) expected_ids.push_back(p.id);
  std::sort(expected_ids.begin(), expected_ids.end());
  EXPECT_EQ(*products.ids(mx_shop_id), expected_ids);

  for (const auto& p : *platform) {
    auto stored = products.get(mx_shop_id, p.id);
    ASSERT_TRUE(stored.ok() && stored.value()) << p.id;
    const auto& s = **stored;
    EXPECT_EQ(s.title, p.title);
    EXPECT_EQ(s.status, p.status);
    ASSERT_EQ(s.skus.size(), p.skus.size()) << p.id;
    for (const auto& sku : p.skus) {
      auto it =
          std::find_if(s.skus.begin(), s.skus.end(), [&](const domain::sku& x) { return x.id == sku.id; });
      ASSERT_NE(it, s.skus.end()) << sku.id;
      EXPECT_EQ(it->price, sku.price) << sku.id;
      EXPECT_EQ(it->currency, sku.currency);
      std::int64_t platform_stock = 0, stored_stock = 0;
      for (const auto& level : sku.inventory) platform_stock += level.quantity;
      for (const auto& level : it->inventory) stored_stock += level.quantity;
      EXPECT_EQ(stored_stock, platform_stock) << sku.id;
      EXPECT_EQ(it->inventory.size(), sku.inventory.size()) << sku.id;
    }
  }
}

TEST_P(SyncCatalog, APriceChangedOnThePlatformIsPickedUpByTheNextRun) {
  start();
  auto l = link(us_shop_id);
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_products(l).ok);
  auto platform = tiktok::search_all_products(*env().api, l.shop, {});
  ASSERT_TRUE(platform.ok());
  // The first active product whose price is not locked by a promotion takes the change.
  pass_time(2);
  const domain::product* active = nullptr;
  decimal new_price;
  for (const auto& p : *platform) {
    if (p.status != "ACTIVATE" || p.skus.empty()) continue;
    tiktok::price_update change;
    change.sku_id = p.skus.front().id;
    change.currency = p.skus.front().currency;
    change.amount = new_price = p.skus.front().price + *decimal::parse("1.25");
    auto changed = tiktok::update_price(*env().api, l.shop, p.id, {change});
    if (changed.ok() && changed->all_succeeded()) {
      active = &p;
      break;
    }
  }
  ASSERT_NE(active, nullptr);
  const auto& sku = active->skus.front();

  auto second = engine.sync_products(l);
  ASSERT_TRUE(second.ok) << second.error;
  auto stored = storage::product_repository(db()).get(us_shop_id, active->id);
  ASSERT_TRUE(stored.ok() && stored.value());
  auto it = std::find_if((*stored)->skus.begin(), (*stored)->skus.end(),
                         [&](const domain::sku& x) { return x.id == sku.id; });
  ASSERT_NE(it, (*stored)->skus.end());
  EXPECT_EQ(it->price, new_price);
}

TEST_P(SyncCatalog, StoresEveryPackageWithItsOrdersAndStatus) {
  start();
  auto l = link(us_shop_id);
  auto report = make_engine().sync_packages(l);
  ASSERT_TRUE(report.ok) << report.error;

  tiktok::search_packages_request all;
  all.page_size = 50;
  auto platform = tiktok::search_all_packages(*env().api, l.shop, all);
  ASSERT_TRUE(platform.ok());
  ASSERT_FALSE(platform->empty());
  storage::package_repository packages(db());
  EXPECT_EQ(*packages.count(us_shop_id), platform->size());
  for (const auto& p : *platform) {
    auto stored = packages.get(us_shop_id, p.id);
    ASSERT_TRUE(stored.ok() && stored.value()) << p.id;
    EXPECT_EQ((*stored)->status, p.status) << p.id;
    auto expected_orders = p.order_ids;
    std::sort(expected_orders.begin(), expected_orders.end());
    EXPECT_EQ((*stored)->order_ids, expected_orders) << p.id;
  }
}

TEST_P(SyncCatalog, AShippedPackageIsUpdatedByTheNextRun) {
  start();
  auto l = link(us_shop_id);
  auto engine = make_engine();
  auto id = env().create_orders(us_shop_id, 1, "single").front();
  ASSERT_TRUE(engine.sync_packages(l).ok);
  auto order = tiktok::get_order_detail(*env().api, l.shop, {id});
  ASSERT_TRUE(order.ok() && order->size() == 1);
  const auto package_id = order->front().package_ids.front();
  ASSERT_EQ((*storage::package_repository(db()).get(us_shop_id, package_id))->status, "PROCESSING");

  pass_time(2);
  tiktok::ship_package_request ship;
  ship.handover_method = "DROP_OFF";
  ASSERT_EQ(tiktok_sim_test::first_code(tiktok::ship_package(*env().api, l.shop, package_id, ship)), 0);
  ASSERT_TRUE(engine.sync_packages(l).ok);
  auto stored = storage::package_repository(db()).get(us_shop_id, package_id);
  ASSERT_TRUE(stored.ok() && stored.value());
  EXPECT_EQ((*stored)->status, "FULFILLING");
  EXPECT_FALSE((*stored)->tracking_number.empty());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncCatalog);

}  // namespace
}  // namespace kingkung::sync_test
