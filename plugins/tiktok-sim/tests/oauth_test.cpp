// The token host: auth codes, Get Access Token and Refresh Token (docs/tiktok-shop-api.md, section 2).
#include <gtest/gtest.h>

#include <algorithm>

#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimOAuth : public ::testing::Test {
 protected:
  harness h;
};

TEST_F(SimOAuth, AuthCodeExchangesForTokensWithAbsoluteExpiryTimes) {
  auto r = h.token_get(h.auth_code("demo-br"));
  ASSERT_EQ(r.code, 0) << r.message;
  EXPECT_EQ(r.message, "success");
  const auto& d = r.obj();
  EXPECT_EQ(std::string(d.at("access_token").as_string()).rfind("TTP_", 0), 0u);
  EXPECT_EQ(std::string(d.at("refresh_token").as_string()).rfind("TTP_", 0), 0u);
  EXPECT_EQ(d.at("access_token_expire_in").as_int64(), start_time + 7 * 24 * 3600);
  EXPECT_GT(d.at("refresh_token_expire_in").as_int64(), d.at("access_token_expire_in").as_int64());
  EXPECT_EQ(d.at("user_type").as_int64(), 0);
  EXPECT_EQ(d.at("seller_name").as_string(), "Seller of demo-br");
  EXPECT_EQ(d.at("seller_base_region").as_string(), "BR");
  EXPECT_FALSE(d.at("open_id").as_string().empty());
  const auto& scopes = d.at("granted_scopes").as_array();
  EXPECT_NE(std::find(scopes.begin(), scopes.end(), json::value("seller.order.info")), scopes.end());
}

TEST_F(SimOAuth, AuthCodeIsSingleUse) {
  auto code = h.auth_code("demo-br");
  ASSERT_EQ(h.token_get(code).code, 0);
  auto again = h.token_get(code);
  EXPECT_EQ(again.code, 36004004);
  EXPECT_EQ(again.message, "Invalid auth code.");
}

TEST_F(SimOAuth, AuthCodeExpiresAfterThirtyMinutes) {
  auto code = h.auth_code("demo-br");
  h.advance(30 * 60 + 1);
  EXPECT_EQ(h.token_get(code).code, 36004004);
}

TEST_F(SimOAuth, AuthCodeIsValidForItsFullThirtyMinutes) {
  auto code = h.auth_code("demo-br");
  h.advance(30 * 60);
  EXPECT_EQ(h.token_get(code).code, 0);
}

TEST_F(SimOAuth, UnknownAuthCodeIsRejected) {
  EXPECT_EQ(h.token_get("not-a-code").code, 36004004);
}

TEST_F(SimOAuth, WrongAppSecretIsRejectedAndTheCodeStaysUsable) {
  auto code = h.auth_code("demo-br");
  EXPECT_EQ(h.token_get(code, "wrong-secret").code, 36009004);
  EXPECT_EQ(h.token_get(code).code, 0);
}

TEST_F(SimOAuth, TokenEndpointsAnswerGetOnly) {
  kingkung::plugin::http_request post;
  post.method = "POST";
  post.host = host_kind::auth;
  post.target = "/api/v2/token/get?app_key=" + std::string(app_key);
  EXPECT_EQ(h.send_raw(post).code, 36009010);
}

TEST_F(SimOAuth, TokenCoversExactlyTheShopsOfItsSeller) {
  auto c = h.connect("demo-mx");
  request_spec s;
  s.path = "/authorization/202309/shops";
  s.token = c.access_token;
  auto r = h.send(s);
  ASSERT_EQ(r.code, 0);
  const auto& shops = r.obj().at("shops").as_array();
  ASSERT_EQ(shops.size(), 1u);
  const auto& shop = shops.at(0).as_object();
  EXPECT_EQ(shop.at("id").as_string(), "7495540735365777507");
  EXPECT_EQ(shop.at("region").as_string(), "MX");
  EXPECT_EQ(shop.at("seller_type").as_string(), "CROSS_BORDER");
  EXPECT_EQ(std::string(shop.at("cipher").as_string()).rfind("GCP_", 0), 0u);
}

TEST_F(SimOAuth, OneTokenCoversEveryShopOfASellerGroup) {
  auto s = demo_settings({});
  for (auto& shop : s.shops) shop.seller = "one-seller";
  harness grouped(s);
  auto c = grouped.connect("demo-br");
  request_spec spec;
  spec.path = "/seller/202309/shops";
  spec.token = c.access_token;
  auto r = grouped.send(spec);
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(r.obj().at("shops").as_array().size(), 4u);
}

TEST_F(SimOAuth, RefreshIssuesNewTokensThatWork) {
  auto c = h.connect("demo-us");
  h.advance(6 * 24 * 3600);
  auto r = h.token_refresh(c.refresh_token);
  ASSERT_EQ(r.code, 0) << r.message;
  std::string fresh = std::string(r.obj().at("access_token").as_string());
  EXPECT_NE(fresh, c.access_token);
  EXPECT_NE(r.obj().at("refresh_token").as_string(), c.refresh_token);
  EXPECT_EQ(r.obj().at("access_token_expire_in").as_int64(), h.engine().now() + 7 * 24 * 3600);
  h.advance(2 * 24 * 3600);  // the first access token has expired by now
  connection renewed = c;
  renewed.access_token = fresh;
  EXPECT_EQ(h.api(renewed, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{}).code,
            0);
  EXPECT_EQ(h.api(c, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{}).code,
            105002);
}

TEST_F(SimOAuth, ARefreshTokenWorksOnce) {
  auto c = h.connect("demo-us");
  ASSERT_EQ(h.token_refresh(c.refresh_token).code, 0);
  EXPECT_NE(h.token_refresh(c.refresh_token).code, 0);
}

TEST_F(SimOAuth, ExpiringATokenThroughTheControlApiGives105002ThenRefreshRecovers) {
  auto c = h.connect("demo-us");
  ASSERT_EQ(h.control("POST", "tokens/expire", json::object{{"shop", "demo-us"}}).code, 0);
  EXPECT_EQ(h.api(c, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{}).code,
            105002);
  auto r = h.token_refresh(c.refresh_token);
  ASSERT_EQ(r.code, 0);
  c.access_token = std::string(r.obj().at("access_token").as_string());
  EXPECT_EQ(h.api(c, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{}).code, 0);
}

TEST_F(SimOAuth, DeauthorizationRevokesEveryTokenOfTheSeller) {
  auto c = h.connect("demo-us");
  ASSERT_EQ(h.control("POST", "deauthorize", json::object{{"shop", "demo-us"}}).code, 0);
  EXPECT_EQ(h.api(c, "POST", "/order/202309/orders/search", {{"page_size", "5"}}, json::object{}).code,
            36009004);
  EXPECT_NE(h.token_refresh(c.refresh_token).code, 0);
}

TEST_F(SimOAuth, ControlApiRefusesAnUnknownShopWithTheKnownOnes) {
  auto r = h.control("POST", "authorize", json::object{{"shop", "demo-xx"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.message.find("demo-mx, demo-mx-local, demo-br, demo-us"), std::string::npos) << r.message;
  EXPECT_NE(r.message.find("\"demo-xx\""), std::string::npos);
}

}  // namespace
