// Error paths through the client against the simulator: an expired token, a wrong app secret, and the
// platform's rate limit.
#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

TEST(TiktokSimErrors, ExpiredTokenIsRefreshedOnceAndTheCallSucceeds) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  auto before = env.tokens->current(us_shop_id);
  ASSERT_TRUE(before.ok());
  env.control_data("POST", "/__sim/tokens/expire", json::object{{"shop", us_shop_id}});
  auto page = tiktok::search_orders(*env.api, shop, {});
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  EXPECT_FALSE(page->orders.empty());
  EXPECT_EQ(env.tokens->refresh_calls, 1);
  auto after = env.tokens->current(us_shop_id);
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after->reveal(), before->reveal());
}

TEST(TiktokSimErrors, ExpiredRefreshTokenEndsTheCallAsUnauthenticatedAfterOneRefresh) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  env.control_data("POST", "/__sim/tokens/expire", json::object{{"shop", us_shop_id}, {"refresh", true}});
  auto page = tiktok::search_orders(*env.api, shop, {});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(env.tokens->refresh_calls, 1);
  EXPECT_EQ(page.err().kind, tiktok::error_class::unauthenticated);  // the seller must authorise again
  EXPECT_EQ(page.err().code, 105002);
}

TEST(TiktokSimErrors, WrongAppSecretIsASignatureError) {
  sim_env env;
  auto shop = env.connect(mx_shop_id);
  auto wrong = env.make_client("not-the-app-secret", 1000, 0);
  auto page = tiktok::search_orders(*wrong, shop, {});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.err().kind, tiktok::error_class::signature);
  EXPECT_EQ(page.err().code, 106001);
  EXPECT_EQ(page.err().to_string().find("not-the-app-secret"), std::string::npos);
}

TEST(TiktokSimErrors, MoreThanFiftyCallsInOneSimulatedSecondAreRateLimited) {
  sim_env env;  // qps 1000 in the client, no retries, and time stands still while nothing sleeps
  auto shop = env.connect(us_shop_id);
  int succeeded = 0;
  std::optional<tiktok::api_error> limited;
  for (int i = 0; i < 60 && !limited; ++i) {
    auto page = tiktok::search_orders(*env.api, shop, {});
    if (page.ok())
      ++succeeded;
    else
      limited = page.err();
  }
  ASSERT_TRUE(limited.has_value());
  EXPECT_EQ(succeeded, 50);
  EXPECT_EQ(limited->kind, tiktok::error_class::rate_limited);
  EXPECT_EQ(limited->code, 36009002);
  EXPECT_EQ(limited->http_status, 429);
}

TEST(TiktokSimErrors, RateLimitedCallSucceedsWhenTheClientRetriesAfterBackoff) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);  // each backoff wait moves the shared clock on, into the next simulated second
  auto shop = env.connect(us_shop_id);
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(tiktok::search_orders(*env.api, shop, {}).ok()) << i;
  auto page = tiktok::search_orders(*env.api, shop, {});
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  bool saw_429 = false;
  for (const auto& r : env.observer->records) saw_429 |= r.http_status == 429;
  EXPECT_TRUE(saw_429);
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
