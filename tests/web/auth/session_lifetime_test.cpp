// Session ends (idle and absolute limits, on a manual clock) and session fixation.
#include <gtest/gtest.h>

#include "auth_host.hpp"

namespace {

using namespace kingkung;
using auth_test::auth_client;
using auth_test::auth_host;
using auth_test::manual_clock;

constexpr std::int64_t minute = 60;

class WebAuthSessionLifetime : public web_test::shared_host<WebAuthSessionLifetime, web_test::light_host> {
 protected:
  void SetUp() override {
    web::session_settings s;
    s.clock = clock_.function();
    host_ = std::make_unique<auth_host>(app(), s);
  }
  auth_client signed_in_client() {
    auth_client c(host_->port());
    auto r = c.sign_in(web_test::demo_email, web_test::demo_password);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return c;
  }
  manual_clock clock_;
  std::unique_ptr<auth_host> host_;
};

TEST_F(WebAuthSessionLifetime, ASessionUnusedForThirtyMinutesEnds) {
  auto c = signed_in_client();
  clock_.advance(30 * minute + 1);
  auto r = c.send("GET", "/api/v1/session");
  EXPECT_EQ(r.result_int(), 401);
  EXPECT_EQ(auth_test::error_code(r), "unauthenticated");
  EXPECT_NE(auth_test::set_cookie_of(r).find("Max-Age=0"), std::string::npos) << "the dead cookie is cleared";
}

TEST_F(WebAuthSessionLifetime, UseWithinTheIdleLimitKeepsTheSession) {
  auto c = signed_in_client();
  clock_.advance(29 * minute);
  EXPECT_EQ(c.send("GET", "/api/v1/session").result_int(), 200);
  clock_.advance(29 * minute);
  EXPECT_EQ(c.send("GET", "/api/v1/session").result_int(), 200);
}

TEST_F(WebAuthSessionLifetime, TwelveHoursAfterSignInEvenAnActiveSessionEnds) {
  auto c = signed_in_client();
  std::int64_t elapsed = 0;
  while (elapsed + 25 * minute < 12 * 60 * minute) {
    clock_.advance(25 * minute);
    elapsed += 25 * minute;
    ASSERT_EQ(c.send("GET", "/api/v1/session").result_int(), 200) << "ended early, at +" << elapsed << " s";
  }
  clock_.advance(12 * 60 * minute - elapsed);
  EXPECT_EQ(c.send("GET", "/api/v1/session").result_int(), 401);
}

TEST_F(WebAuthSessionLifetime, APlantedCookieValueIsNeverAdopted) {
  auth_client c(host_->port());
  const std::string planted = "AttackerChoseThisSessionId0123456789abcdefg";
  c.cookies()["kk_session"] = planted;
  ASSERT_EQ(c.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
  EXPECT_NE(c.cookies().at("kk_session"), planted);
  auth_client attacker(host_->port());
  attacker.cookies()["kk_session"] = planted;
  EXPECT_EQ(attacker.send("GET", "/api/v1/session").result_int(), 401);
}

TEST_F(WebAuthSessionLifetime, SigningInAgainReplacesTheEarlierSession) {
  auto c = signed_in_client();
  const std::string first = c.cookies().at("kk_session");
  ASSERT_EQ(c.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
  const std::string second = c.cookies().at("kk_session");
  EXPECT_NE(first, second);
  EXPECT_EQ(c.send("GET", "/api/v1/session").result_int(), 200);
  c.cookies()["kk_session"] = first;
  EXPECT_EQ(c.send("GET", "/api/v1/session").result_int(), 401);
}

}  // namespace
