// OAuth against the simulator: an auth code from the control API, the token exchange, the shops the
// token covers, a refresh, and a reused code.
#include <gtest/gtest.h>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

TEST(TiktokSimOAuth, AuthCodeExchangeGivesTokensForTheShopsSeller) {
  sim_env env;
  auto grant = tiktok::get_access_token(*env.api, secret(env.issue_auth_code(mx_shop_id)));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  EXPECT_EQ(grant->access_token.reveal().rfind("TTP_", 0), 0u);
  EXPECT_EQ(grant->refresh_token.reveal().rfind("TTP_", 0), 0u);
  EXPECT_GT(grant->access_token_expire_in, env.time.unix_now());
  EXPECT_GE(grant->refresh_token_expire_in, grant->access_token_expire_in);
  EXPECT_EQ(grant->seller_base_region, "MX");
  EXPECT_FALSE(grant->granted_scopes.empty());
}

TEST(TiktokSimOAuth, AuthorizedShopsNameCipherRegionAndSellerType) {
  sim_env env;
  auto grant = tiktok::get_access_token(*env.api, secret(env.issue_auth_code(br_shop_id)));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  auto shops = tiktok::get_authorized_shops(*env.api, grant->access_token);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  ASSERT_EQ(shops->size(), 1u);
  const auto& shop = shops->front();
  EXPECT_EQ(shop.id, br_shop_id);
  EXPECT_EQ(shop.region, "BR");
  EXPECT_EQ(shop.seller_type, "LOCAL");
  EXPECT_FALSE(shop.cipher.empty());
}

TEST(TiktokSimOAuth, CrossBorderShopIsReportedAsCrossBorder) {
  sim_env env;
  auto grant = tiktok::get_access_token(*env.api, secret(env.issue_auth_code(mx_shop_id)));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  auto shops = tiktok::get_authorized_shops(*env.api, grant->access_token);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  ASSERT_EQ(shops->size(), 1u);
  EXPECT_EQ(shops->front().region, "MX");
  EXPECT_EQ(shops->front().seller_type, "CROSS_BORDER");
}

TEST(TiktokSimOAuth, RefreshGivesANewPairThatWorks) {
  sim_env env;
  auto grant = tiktok::get_access_token(*env.api, secret(env.issue_auth_code(us_shop_id)));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  auto renewed = tiktok::refresh_access_token(*env.api, grant->refresh_token);
  ASSERT_TRUE(renewed.ok()) << renewed.err().to_string();
  EXPECT_NE(renewed->access_token.reveal(), grant->access_token.reveal());
  EXPECT_NE(renewed->refresh_token.reveal(), grant->refresh_token.reveal());
  auto shops = tiktok::get_authorized_shops(*env.api, renewed->access_token);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  ASSERT_EQ(shops->size(), 1u);
  EXPECT_EQ(shops->front().id, us_shop_id);
}

TEST(TiktokSimOAuth, RetiredRefreshTokenIsRefused) {
  sim_env env;
  auto grant = tiktok::get_access_token(*env.api, secret(env.issue_auth_code(us_shop_id)));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  ASSERT_TRUE(tiktok::refresh_access_token(*env.api, grant->refresh_token).ok());
  auto again = tiktok::refresh_access_token(*env.api, grant->refresh_token);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.err().code, 36009004);
  EXPECT_EQ(again.err().to_string().find(grant->refresh_token.reveal()), std::string::npos);
}

TEST(TiktokSimOAuth, ReusedAuthCodeFailsWith36004004) {
  sim_env env;
  secret code(env.issue_auth_code(mx_shop_id));
  ASSERT_TRUE(tiktok::get_access_token(*env.api, code).ok());
  auto reused = tiktok::get_access_token(*env.api, code);
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.err().code, 36004004);
  EXPECT_EQ(reused.err().kind, tiktok::error_class::unauthenticated);
  EXPECT_EQ(reused.err().message.find(code.reveal()), std::string::npos);
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
