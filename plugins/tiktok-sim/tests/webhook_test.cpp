// Webhooks: the platform's envelope, signed with HMAC-SHA256(app_secret, app_key + body), sent to a
// loopback listener; the Event API's subscriptions; loopback only (docs/tiktok-shop-api.md, 6).
#include <gtest/gtest.h>

#include <algorithm>

#include "kingkung/sim/signer.hpp"
#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimWebhook : public ::testing::Test {
 protected:
  SimWebhook() : h(settings_with_listener()), local(h.connect("demo-mx-local")) {}
  kingkung::sim::settings settings_with_listener() {
    auto s = demo_settings({});
    s.webhook_url = listener.url();
    return s;
  }
  std::string ship_new_order() {
    auto made = h.control("POST", "orders", json::object{{"shop", "demo-mx-local"}});
    std::string id(made.obj().at("order_ids").as_array().at(0).as_string());
    std::string pkg(h.order(local, id).at("packages").as_array().at(0).as_object().at("id").as_string());
    EXPECT_EQ(h.api(local, "POST", "/fulfillment/202309/packages/" + pkg + "/ship", {}, json::object{}).code,
              0);
    h.engine().drain_webhooks();
    return id;
  }

  webhook_listener listener;
  harness h;
  connection local;
};

TEST_F(SimWebhook, AStateChangeIsSentWithTheOfficialEnvelope) {
  auto id = ship_new_order();
  auto sent = listener.of_type(1);
  auto it = std::find_if(sent.begin(), sent.end(), [&](const json::object& w) {
    return w.at("data").as_object().at("order_id") == id &&
           w.at("data").as_object().at("order_status") == "AWAITING_COLLECTION";
  });
  ASSERT_NE(it, sent.end());
  EXPECT_EQ(it->at("shop_id"), "7495540735365777508");
  EXPECT_EQ(it->at("timestamp").as_int64(), h.engine().now());
  EXPECT_EQ(it->at("tts_notification_id").as_string().size(), 19u);
  EXPECT_EQ(it->at("data").as_object().at("is_on_hold_order"), false);
}

TEST_F(SimWebhook, TheAuthorizationHeaderVerifiesWithTheAppKeyAndSecret) {
  ship_new_order();
  auto received = listener.received();
  ASSERT_FALSE(received.empty());
  for (const auto& w : received) {
    EXPECT_EQ(w.authorization, kingkung::sim::webhook_signature(app_secret, app_key, w.body));
    EXPECT_NE(w.authorization, kingkung::sim::webhook_signature("another-secret", app_key, w.body));
  }
}

TEST_F(SimWebhook, ControlApiFiresAnyTypeOnDemand) {
  ASSERT_EQ(h.control("POST", "webhooks/fire", json::object{{"shop", "demo-mx-local"}, {"type", 7}}).code, 0);
  h.engine().drain_webhooks();
  auto sent = listener.of_type(7);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(sent[0].at("data").as_object().at("expiration_time").is_string());
}

TEST_F(SimWebhook, DeauthorizationSendsType6) {
  ASSERT_EQ(h.control("POST", "deauthorize", json::object{{"shop", "demo-mx-local"}}).code, 0);
  h.engine().drain_webhooks();
  auto sent = listener.of_type(6);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].at("data").as_object().at("message"),
            "Shop_id 7495540735365777508 is deauthorized from your APP by merchant.");
}

TEST_F(SimWebhook, ASubscriptionRoutesItsEventTypeToItsAddress) {
  webhook_listener other;
  auto put = h.api(local, "PUT", "/event/202309/webhooks", {},
                   json::object{{"address", other.url()}, {"event_type", "ORDER_STATUS_CHANGE"}});
  ASSERT_EQ(put.code, 0) << put.message;
  ship_new_order();
  EXPECT_FALSE(other.of_type(1).empty());
  auto got = h.api(local, "GET", "/event/202309/webhooks");
  ASSERT_EQ(got.code, 0);
  EXPECT_EQ(got.obj().at("total_count").to_number<std::uint64_t>(), 1u);
  EXPECT_EQ(got.obj().at("webhooks").as_array().at(0).as_object().at("address"), other.url());
  ASSERT_EQ(h.api(local, "DELETE", "/event/202309/webhooks", {},
                  json::object{{"event_type", "ORDER_STATUS_CHANGE"}})
                .code,
            0);
  EXPECT_EQ(h.api(local, "GET", "/event/202309/webhooks").obj().at("total_count").to_number<std::uint64_t>(),
            0u);
}

TEST_F(SimWebhook, UnknownEventTypeIsRefused) {
  auto r = h.api(local, "PUT", "/event/202309/webhooks", {},
                 json::object{{"address", listener.url()}, {"event_type", "ORDER_SHIPPED"}});
  EXPECT_EQ(r.code, 36009004);
}

TEST(SimWebhookAddress, ANonLoopbackWebhookUrlIsRefusedWithALogMessage) {
  auto s = demo_settings({});
  s.webhook_url = "https://hooks.example.com/tiktok";
  harness h(s);
  EXPECT_TRUE(h.log().contains("webhook_url https://hooks.example.com refused"));
  EXPECT_NE(h.engine().describe().find("no default webhook address"), std::string::npos);
}

TEST(SimWebhookAddress, ASubscriptionToAPublicAddressIsStoredButNeverCalled) {
  harness h;
  auto c = h.connect("demo-mx-local");
  ASSERT_EQ(h.api(c, "PUT", "/event/202309/webhooks", {},
                  json::object{{"address", "https://seller.example.com/hook?key=abc"},
                               {"event_type", "ORDER_STATUS_CHANGE"}})
                .code,
            0);
  ASSERT_EQ(h.control("POST", "webhooks/fire", json::object{{"shop", "demo-mx-local"}, {"type", 1}}).code, 0);
  h.engine().drain_webhooks();
  auto summary = h.control("GET", "summary");
  EXPECT_EQ(summary.obj().at("webhooks").as_object().at("delivered").to_number<std::uint64_t>(), 0u);
  EXPECT_EQ(summary.obj().at("webhooks").as_object().at("undeliverable").to_number<std::uint64_t>(), 1u);
  EXPECT_TRUE(h.log().contains("https://seller.example.com not sent"));
  EXPECT_FALSE(h.log().contains("key=abc"));
}

}  // namespace
