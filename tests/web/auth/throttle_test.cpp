// Sign-in throttling per email and client address, on a manual clock.
#include <gtest/gtest.h>

#include "auth_host.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"

namespace {

using namespace kingkung;
using auth_test::auth_client;
using auth_test::auth_host;
using auth_test::manual_clock;

class WebAuthThrottle : public web_test::shared_host<WebAuthThrottle, web_test::light_host> {
 protected:
  void SetUp() override {
    // Failures are shared through the database: each test lives in its own stretch of time.
    static std::int64_t epoch = 1'800'000'000;
    epoch += 1'000'000;
    *clock_.now = epoch;
    web::session_settings s;
    s.clock = clock_.function();
    s.throttle = {3, 5, 15 * 60};
    host_ = std::make_unique<auth_host>(app(), s);
  }
  test::http_response attempt(std::string_view email, std::string_view password) {
    auth_client c(host_->port());
    return c.sign_in(email, password);
  }
  manual_clock clock_;
  std::unique_ptr<auth_host> host_;
};

TEST_F(WebAuthThrottle, PastTheLimitEvenTheRightPasswordGets429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(attempt(web_test::demo_email, "wrong-password").result_int(), 401);
  clock_.advance(60);
  auto r = attempt(web_test::demo_email, web_test::demo_password);
  ASSERT_EQ(r.result_int(), 429) << r.body();
  EXPECT_EQ(auth_test::error_code(r), "too_many_attempts");
  EXPECT_EQ(r["Retry-After"], "840");
  EXPECT_NE(r.body().find("840 seconds"), std::string::npos) << r.body();
  EXPECT_TRUE(auth_test::set_cookie_of(r).empty());
}

TEST_F(WebAuthThrottle, TheRefusalLiftsOnceTheWindowHasPassed) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(attempt(web_test::demo_email, "wrong-password").result_int(), 401);
  clock_.advance(15 * 60);
  EXPECT_EQ(attempt(web_test::demo_email, web_test::demo_password).result_int(), 200);
}

TEST_F(WebAuthThrottle, ASuccessfulSignInResetsTheEmailsCount) {
  for (int i = 0; i < 2; ++i) ASSERT_EQ(attempt(web_test::demo_email, "wrong-password").result_int(), 401);
  ASSERT_EQ(attempt(web_test::demo_email, web_test::demo_password).result_int(), 200);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(attempt(web_test::demo_email, "wrong-password").result_int(), 401);
  EXPECT_EQ(attempt(web_test::demo_email, web_test::demo_password).result_int(), 200);
}

TEST_F(WebAuthThrottle, ManyEmailsFromOneAddressAreThrottledTogether) {
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(attempt("guess" + std::to_string(i) + "@kingkung.example", "wrong-password").result_int(), 401);
  auto r = attempt(web_test::demo_email, web_test::demo_password);
  EXPECT_EQ(r.result_int(), 429) << r.body();
}

TEST_F(WebAuthThrottle, FailuresAreStoredSoEveryProcessSeesThem) {
  ASSERT_EQ(attempt(web_test::demo_email, "wrong-password").result_int(), 401);
  auto c = storage::sign_in_attempt_repository(app().runtime().database())
               .count_for_email(web_test::demo_email, "127.0.0.1", *clock_.now);
  ASSERT_TRUE(c.ok()) << c.err().message;
  EXPECT_EQ(c->failures, 1);
}

TEST(WebAuthThrottleDefaults, FiveFailuresPerEmailAndAddressThenRefused) {
  web_test::app_options o;
  o.orders_per_shop = 1;
  o.sync_at_start = false;
  web_test::web_app app(o);
  web_test::web_client c(app);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(c.sign_in(web_test::demo_email, "wrong-password").result_int(), 401);
  auto r = c.sign_in();
  ASSERT_EQ(r.result_int(), 429) << r.body();
  int retry = std::stoi(std::string(r["Retry-After"]));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 15 * 60);
}

}  // namespace
