// POST /webhooks/tiktok on the web host: the runtime on a temporary SQLite database, the host's router,
// a real HTTP round trip.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>

#include "../http/test_client.hpp"
#include "../web/web_test_config.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/http/server.hpp"
#include "kingkung/tiktok/signature.hpp"
#include "web_host.hpp"

namespace {

using namespace kingkung;

// web_test_config's [tiktok] app_key and app secret file.
constexpr std::string_view test_app_key = "kk-test-app";
constexpr std::string_view test_app_secret = "test-app-secret-value";

class WebhookRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = app::runtime::start({config_.write({"fixture-good"}), &environment_});
    ASSERT_TRUE(started) << started.err().message;
    runtime_ = std::move(*started);
    web::command_line args;
    args.port = 0;
    server_ = std::make_unique<http::server>(web::make_server_options(runtime_->config(), args),
                                             web::make_router(*runtime_));
    port_ = server_->start();
    runtime_->on_stop("http server", [this] { server_->stop(); });
  }
  void TearDown() override {
    if (runtime_) runtime_->shutdown();
  }

  long long stored_events() {
    long long n = 0;
    *runtime_->database().acquire() << "SELECT COUNT(*) FROM webhook_events", soci::into(n);
    return n;
  }

  unsigned post(const std::string& body, const std::string& headers) {
    auto res = test::fetch(port_, "POST", "/webhooks/tiktok", body, headers);
    EXPECT_TRUE(res.has_value());
    return res ? res->result_int() : 0;
  }

  test::web_test_config config_;
  std::map<std::string, std::string> environment_;
  std::unique_ptr<app::runtime> runtime_;
  std::unique_ptr<http::server> server_;
  std::uint16_t port_ = 0;
  const std::string body_ =
      "{\"type\":1,\"tts_notification_id\":\"route-1\",\"shop_id\":\"7000000000000000001\",\"timestamp\":1,"
      "\"data\":{\"order_id\":\"1\",\"order_status\":\"UNPAID\",\"update_time\":1}}";
};

TEST_F(WebhookRoute, ASignedDeliveryIsStoredAndAnswered200) {
  auto sig = tiktok::hmac_sha256_hex(test_app_secret, std::string(test_app_key) + body_);
  EXPECT_EQ(post(body_, "Content-Type: application/json\r\nAuthorization: " + sig + "\r\n"), 200u);
  EXPECT_EQ(stored_events(), 1);
}

TEST_F(WebhookRoute, AnUnsignedDeliveryIsAnswered401AndNotStored) {
  EXPECT_EQ(post(body_, "Content-Type: application/json\r\n"), 401u);
  EXPECT_EQ(stored_events(), 0);
}

TEST_F(WebhookRoute, OtherMethodsAreNotAllowed) {
  auto res = test::fetch(port_, "GET", "/webhooks/tiktok");
  ASSERT_TRUE(res.has_value());
  EXPECT_EQ(res->result_int(), 405u);
}

}  // namespace
