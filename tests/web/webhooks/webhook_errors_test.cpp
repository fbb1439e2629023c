// POST /webhooks/tiktok on the seller web host refuses a delivery in the same error shape as the JSON API,
// {"error":{"code","message","field"}}.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../web_app.hpp"

namespace {

using namespace kingkung;
namespace json = boost::json;

class WebWebhookErrors : public web_test::shared_host<WebWebhookErrors, web_test::light_host> {
 protected:
  // A caller like the platform: no session, no Origin.
  static web_test::web_client platform() {
    web_test::web_client c(app());
    c.origin_override = "";
    return c;
  }

  // The member names of the answer's "error" object.
  static std::set<std::string> error_members(const test::http_response& r) {
    std::set<std::string> out;
    auto root = json::parse(r.body());
    for (const auto& member : root.at("error").as_object()) out.insert(std::string(member.key()));
    return out;
  }
};

TEST_F(WebWebhookErrors, AnUnsignedDeliveryGets401InTheApisErrorShape) {
  auto r = platform().send("POST", "/webhooks/tiktok", R"({"type":1,"shop_id":"1","data":{}})");
  ASSERT_EQ(r.result_int(), 401) << r.body();
  EXPECT_EQ(error_members(r), (std::set<std::string>{"code", "message", "field"}));
  auto error = json::parse(r.body()).at("error");
  EXPECT_EQ(error.at("code"), "unauthenticated");
  EXPECT_TRUE(error.at("field").is_null());
}

TEST_F(WebWebhookErrors, TheShapeIsTheOneAnApiRefusalHas) {
  auto webhook = platform().send("POST", "/webhooks/tiktok", "{}");
  auto api = platform().get("/api/v1/users");  // no session
  ASSERT_EQ(api.result_int(), 401) << api.body();
  EXPECT_EQ(error_members(webhook), error_members(api)) << webhook.body() << "\n" << api.body();
}

}  // namespace
