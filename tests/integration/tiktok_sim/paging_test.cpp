// Paging over more than 10,000 orders: every order id is seen exactly once and the count matches the
// simulator's total_count.
#include <gtest/gtest.h>

#include <unordered_set>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

TEST(TiktokSimPaging, WalksOverTenThousandOrdersSeeingEachOnce) {
  env_options options;
  options.us_orders = 5000;
  options.qps_per_api = 20;  // the client paces itself below the platform's 50 per second
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  for (int batch = 0; batch < 51; ++batch) env.create_orders(us_shop_id, 100, "random");

  std::unordered_set<std::string> seen;
  std::size_t duplicates = 0;
  std::int64_t total = -1;
  tiktok::search_orders_request req;
  req.page_size = 100;
  auto pages = tiktok::for_each_order_page(*env.api, shop, req, [&](tiktok::order_page& page) {
    total = page.total_count;
    for (const auto& o : page.orders) duplicates += seen.insert(o.id).second ? 0 : 1;
    return true;
  });
  ASSERT_TRUE(pages.ok()) << pages.err().to_string();
  EXPECT_GE(total, 10'100);
  EXPECT_EQ(duplicates, 0u);
  EXPECT_EQ(static_cast<std::int64_t>(seen.size()), total);
  EXPECT_EQ(*pages, (seen.size() + 99) / 100);
}

TEST(TiktokSimPaging, SearchAllOrdersReturnsTheSameSetAsPageByPage) {
  env_options options;
  options.mx_orders = 450;
  sim_env env(options);
  auto shop = env.connect(mx_shop_id);
  tiktok::search_orders_request req;
  req.page_size = 100;
  auto all = tiktok::search_all_orders(*env.api, shop, req);
  ASSERT_TRUE(all.ok()) << all.err().to_string();
  auto first = tiktok::search_orders(*env.api, shop, req);
  ASSERT_TRUE(first.ok()) << first.err().to_string();
  EXPECT_EQ(static_cast<std::int64_t>(all->size()), first->total_count);
  std::unordered_set<std::string> ids;
  for (const auto& o : *all) ids.insert(o.id);
  EXPECT_EQ(ids.size(), all->size());
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
