// OAuth on the token host: unsigned GETs whose query holds the app secret, which must never leak.
#include <gtest/gtest.h>

#include <mutex>

#include "kingkung/log/log.hpp"
#include "kingkung/tiktok/oauth.hpp"
#include "tiktok_fakes.hpp"

namespace kingkung::tiktok {
namespace {

using testing::client_fixture;
using testing::param;

// Captures every log line for the duration of a test.
class captured_log {
 public:
  captured_log() {
    log::set_level(log::level::debug);
    log::set_sink([this](std::string_view line) {
      std::lock_guard lock(mutex_);
      text_.append(line).push_back('\n');
    });
  }
  ~captured_log() {
    log::set_sink(nullptr);
    log::set_level(log::level::info);
  }
  std::string text() {
    std::lock_guard lock(mutex_);
    return text_;
  }

 private:
  std::mutex mutex_;
  std::string text_;
};

TEST(TiktokOAuth, GetTokenIsAnUnsignedGetOnTheAuthHost) {
  client_fixture f;
  f.transport->reply(200, testing::read_fixture("token_get.json"));
  auto grant = get_access_token(*f.api, secret("auth-code-123456"));
  ASSERT_TRUE(grant.ok()) << grant.err().to_string();
  ASSERT_EQ(f.transport->requests.size(), 1u);
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.host, plugin::host_kind::auth);
  EXPECT_EQ(parse_target(r.target).path, "/api/v2/token/get");
  EXPECT_EQ(param(r, "app_key"), "29a39d");
  EXPECT_EQ(param(r, "app_secret"), testing::test_app_secret);
  EXPECT_EQ(param(r, "auth_code"), "auth-code-123456");
  EXPECT_EQ(param(r, "grant_type"), "authorized_code");
  EXPECT_FALSE(testing::has_param(r, "sign"));
  EXPECT_TRUE(r.body.empty());
}

TEST(TiktokOAuth, GrantIsDecodedWithAbsoluteExpiries) {
  client_fixture f;
  f.transport->reply(200, testing::read_fixture("token_get.json"));
  auto grant = get_access_token(*f.api, secret("auth-code-123456"));
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(grant->access_token.reveal(), "TTP_pL3x0Ab9Qwz2VfCkTgN7hA");
  EXPECT_EQ(grant->refresh_token.reveal(), "TTP_rF8mZ2Kd0sYw4JqLbE1nXc");
  EXPECT_EQ(grant->access_token_expire_in, 1660556783);
  EXPECT_EQ(grant->refresh_token_expire_in, 1691487031);
  EXPECT_EQ(grant->open_id, "7010736057180325637");
  EXPECT_EQ(grant->seller_name, "Tienda Sonora MX");
  EXPECT_EQ(grant->user_type, 0);
  EXPECT_EQ(grant->granted_scopes[0], "seller.order.info");
  EXPECT_EQ(grant->request_id, "2024031208000001018908102800AA01");
}

TEST(TiktokOAuth, RefreshUsesTheRefreshTokenGrant) {
  client_fixture f;
  f.transport->reply(200, testing::read_fixture("token_get.json"));
  auto grant = refresh_access_token(*f.api, secret("TTP_old_refresh_token"));
  ASSERT_TRUE(grant.ok());
  const auto& r = f.transport->requests[0];
  EXPECT_EQ(parse_target(r.target).path, "/api/v2/token/refresh");
  EXPECT_EQ(param(r, "refresh_token"), "TTP_old_refresh_token");
  EXPECT_EQ(param(r, "grant_type"), "refresh_token");
}

TEST(TiktokOAuth, InvalidAuthCodeIsUnauthenticated) {
  client_fixture f;
  f.transport->reply(200, testing::error_body(36004004, "Invalid auth code."));
  auto grant = get_access_token(*f.api, secret("auth-code-123456"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.err().kind, error_class::unauthenticated);
  EXPECT_EQ(grant.err().message, "Invalid auth code.");
}

TEST(TiktokOAuth, FailingTokenCallLeaksNoSecretAnywhere) {
  captured_log captured;
  client_fixture f;
  // A transport that names the URL it failed on, query and all.
  f.transport->fallback = [](const plugin::http_request& r) -> plugin::result<plugin::http_response> {
    return plugin::make_error(plugin::errc::tls_error,
                              "TLS handshake failed for https://auth.tiktok-shops.com" + r.target);
  };
  auto grant = get_access_token(*f.api, secret("auth-code-123456"));
  ASSERT_FALSE(grant.ok());
  std::vector<std::string> texts{grant.err().message, grant.err().to_string(),
                                 grant.err().to_plugin_error().message, captured.text()};
  for (const auto& record : f.observer->records) texts.push_back(record.path + " " + record.error_message);
  for (const auto& text : texts) {
    EXPECT_EQ(text.find(testing::test_app_secret), std::string::npos) << text;
    EXPECT_EQ(text.find("auth-code-123456"), std::string::npos) << text;
  }
  EXPECT_NE(grant.err().message.find("[redacted]"), std::string::npos) << grant.err().message;
}

TEST(TiktokOAuth, TokenHostErrorEchoingTheQueryIsScrubbed) {
  client_fixture f;
  f.transport->fallback = [](const plugin::http_request& r) -> plugin::result<plugin::http_response> {
    plugin::http_response response;
    response.status = 400;
    response.body = "<html>Bad request: " + r.target + "</html>";
    return response;
  };
  auto grant = refresh_access_token(*f.api, secret("TTP_old_refresh_token"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.err().message.find(testing::test_app_secret), std::string::npos) << grant.err().message;
  EXPECT_EQ(grant.err().message.find("TTP_old_refresh_token"), std::string::npos) << grant.err().message;
}

TEST(TiktokOAuth, ObserverSeesThePathOnly) {
  client_fixture f;
  f.transport->reply(200, testing::read_fixture("token_get.json"));
  ASSERT_TRUE(get_access_token(*f.api, secret("auth-code-123456")).ok());
  ASSERT_EQ(f.observer->records.size(), 1u);
  EXPECT_EQ(f.observer->records[0].path, "/api/v2/token/get");
  EXPECT_EQ(f.observer->records[0].host, plugin::host_kind::auth);
  EXPECT_TRUE(f.observer->records[0].shop_id.empty());
}

TEST(TiktokOAuth, CodeExchangeIsNotResentWhenItMayHaveBeenProcessed) {
  client_fixture f;
  f.transport->fail(plugin::errc::maybe_delivered, "connection reset");
  auto grant = get_access_token(*f.api, secret("auth-code-123456"));
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(f.transport->requests.size(), 1u);
}

TEST(TiktokOAuth, EmptyAuthCodeIsRefusedBeforeSending) {
  client_fixture f;
  auto grant = get_access_token(*f.api, secret());
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.err().kind, error_class::invalid_request);
  EXPECT_TRUE(f.transport->requests.empty());
}

}  // namespace
}  // namespace kingkung::tiktok
