// Orders through the client against the simulator: search with filters and paging, batched detail.
#include <gtest/gtest.h>

#include <set>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

TEST(TiktokSimOrders, StatusFilterReturnsOnlyThatStatus) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  env.create_orders(us_shop_id, 3, "single", "ON_HOLD");
  tiktok::search_orders_request req;
  req.page_size = 100;
  req.order_status = "ON_HOLD";
  auto all = tiktok::search_all_orders(*env.api, shop, req);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  ASSERT_GE(all->size(), 3u);
  for (const auto& o : *all) EXPECT_EQ(o.status, domain::order_status::on_hold) << o.id;
}

TEST(TiktokSimOrders, CreateTimeFilterKeepsOrdersInsideTheWindow) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  std::int64_t since = env.time.unix_now() - 7 * 86400;
  tiktok::search_orders_request req;
  req.page_size = 100;
  req.create_time_ge = since;
  auto recent = tiktok::search_all_orders(*env.api, shop, req);
  ASSERT_TRUE(recent.ok()) << recent.err().to_string();
  tiktok::search_orders_request unfiltered;
  unfiltered.page_size = 100;
  auto everything = tiktok::search_all_orders(*env.api, shop, unfiltered);
  ASSERT_TRUE(everything.ok()) << everything.err().to_string();
  std::size_t expected = 0;
  for (const auto& o : *everything) expected += o.create_time >= since ? 1 : 0;
  EXPECT_EQ(recent->size(), expected);
  EXPECT_LT(recent->size(), everything->size());
  for (const auto& o : *recent) EXPECT_GE(o.create_time, since) << o.id;
}

TEST(TiktokSimOrders, PagingSeesEveryOrderOnceAndMatchesTotalCount) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  std::set<std::string> seen;
  std::size_t duplicates = 0;
  std::int64_t total = -1;
  tiktok::search_orders_request req;
  req.page_size = 7;
  req.sort_order = "ASC";
  auto pages = tiktok::for_each_order_page(*env.api, shop, req, [&](tiktok::order_page& page) {
    total = page.total_count;
    EXPECT_LE(page.orders.size(), 7u);
    for (const auto& o : page.orders) duplicates += seen.insert(o.id).second ? 0 : 1;
    return true;
  });
  ASSERT_TRUE(pages.ok()) << pages.err().to_string();
  EXPECT_EQ(duplicates, 0u);
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
  EXPECT_EQ(*pages, (seen.size() + 6) / 7);
}

TEST(TiktokSimOrders, AscendingSortReturnsOrdersOldestFirst) {
  sim_env env;
  auto shop = env.connect(br_shop_id);
  tiktok::search_orders_request req;
  req.page_size = 100;
  req.sort_order = "ASC";
  auto all = tiktok::search_all_orders(*env.api, shop, req);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  ASSERT_GT(all->size(), 1u);
  for (std::size_t i = 1; i < all->size(); ++i) EXPECT_LE((*all)[i - 1].create_time, (*all)[i].create_time);
}

TEST(TiktokSimOrders, DetailOfMoreThanFiftyIdsIsBatchedAndReturnsEveryOrder) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto ids = env.create_orders(us_shop_id, 60, "single");
  ASSERT_EQ(ids.size(), 60u);
  std::size_t before = env.observer->count_path_prefix("/order/202507/orders");
  auto orders = tiktok::get_order_detail(*env.api, shop, ids);
  ASSERT_TRUE(orders.ok()) << orders.err().to_string();
  EXPECT_EQ(env.observer->count_path_prefix("/order/202507/orders") - before, 2u);
  std::set<std::string> got;
  for (const auto& o : *orders) {
    got.insert(o.id);
    EXPECT_EQ(o.shop_id, us_shop_id);
    EXPECT_EQ(o.status, domain::order_status::awaiting_shipment);
  }
  EXPECT_EQ(got, std::set<std::string>(ids.begin(), ids.end()));
}

TEST(TiktokSimOrders, DetailCarriesPaymentThatAddsUp) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  auto ids = env.create_orders(mx_shop_id, 1, "multi_sku");
  auto orders = tiktok::get_order_detail(*env.api, shop, ids);
  ASSERT_TRUE(orders.ok()) << orders.err().to_string();
  ASSERT_EQ(orders->size(), 1u);
  const auto& p = orders->front().pay;
  EXPECT_EQ(p.sub_total.to_string(),
            (p.original_total_product_price - p.seller_discount - p.platform_discount).to_string());
  EXPECT_EQ(p.total_amount.to_string(), (p.sub_total + p.shipping_fee + p.tax + p.retail_delivery_fee).to_string());
  EXPECT_EQ(p.currency, "MXN");
  EXPECT_GE(orders->front().lines.size(), 2u);
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
