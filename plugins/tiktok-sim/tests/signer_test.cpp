// Signature algorithm (docs/tiktok-shop-api.md 3.2, 3.3 and 6): the published vectors.
#include <gtest/gtest.h>

#include "kingkung/sim/signer.hpp"

namespace {

using kingkung::sim::api_signature;
using kingkung::sim::string_to_sign;
using kingkung::sim::webhook_signature;

TEST(SimSigner, MatchesOfficialWorkedExampleV1) {
  EXPECT_EQ(
      string_to_sign("/authorization/202309/shops", {{"app_key", "29a39d"}, {"timestamp", "1623812664"}}, ""),
      "/authorization/202309/shopsapp_key29a39dtimestamp1623812664");
  EXPECT_EQ(api_signature("e59af819cc", "/authorization/202309/shops",
                          {{"timestamp", "1623812664"}, {"app_key", "29a39d"}}, ""),
            "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8");
}

TEST(SimSigner, MatchesSdkVectorV2) {
  EXPECT_EQ(api_signature("app_secret", "/test-api", {{"foo", "bar"}}, ""),
            "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f");
}

TEST(SimSigner, LeavesSignAndAccessTokenOutAndSortsKeysByByteOrder) {
  EXPECT_EQ(
      string_to_sign("/p", {{"sign", "x"}, {"b", "2"}, {"access_token", "t"}, {"B", "1"}, {"a", "3"}}, ""),
      "/pB1a3b2");
}

TEST(SimSigner, AppendsTheBodyExceptForMultipart) {
  EXPECT_EQ(string_to_sign("/p", {{"k", "v"}}, R"({"a":1})"), R"(/pkv{"a":1})");
  EXPECT_EQ(string_to_sign("/p", {{"k", "v"}}, "--boundary", true), "/pkv");
}

TEST(SimSigner, MatchesOfficialWebhookVector) {
  const std::string body =
      R"({"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}})";
  EXPECT_EQ(webhook_signature("123", "abcdef", body),
            "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05");
}

}  // namespace
