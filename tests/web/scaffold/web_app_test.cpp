// The web test host itself: the demo shops are connected and synced before a test starts.
#include <gtest/gtest.h>

#include "../web_app.hpp"
#include "kingkung/storage/order_repository.hpp"

namespace {

using namespace kingkung;

TEST(WebApp, StartsWithTheDemoShopsConnectedAndTheirOrdersSynced) {
  web_test::web_app app;
  storage::order_repository orders(app.runtime().database());
  storage::order_page_request req;
  req.shop_id = std::string(web_test::mx_shop_id);
  auto page = orders.list(req);
  ASSERT_TRUE(page) << page.err().message;
  EXPECT_FALSE(page->orders.empty());
  auto health = test::fetch(app.port(), "GET", "/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->result_int(), 200) << health->body();
}

}  // namespace
