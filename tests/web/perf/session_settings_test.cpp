// [web.sessions] reaches the session guard kingkung-web builds: its idle and absolute limits.
#include <gtest/gtest.h>

#include "auth/guard.hpp"
#include "perf_host.hpp"

namespace {

using namespace kingkung;

web_test::app_options short_sessions() {
  auto o = web_test::light_host();
  o.extra_toml = "[web.sessions]\nidle_minutes = 5\nabsolute_hours = 2\n";
  return o;
}

class WebPerfSessionSettings : public web_test::shared_host<WebPerfSessionSettings, short_sessions> {};
class WebPerfSessionDefaults : public web_test::shared_host<WebPerfSessionDefaults, web_test::light_host> {};

TEST_F(WebPerfSessionSettings, TheGuardTakesItsLimitsFromTheConfig) {
  auto s = web::session_settings_from(app().runtime().config());
  EXPECT_EQ(s.idle_seconds, 5 * 60);
  EXPECT_EQ(s.absolute_seconds, 2 * 60 * 60);
}

TEST_F(WebPerfSessionSettings, TheSessionCookieLastsTheConfiguredAbsoluteHours) {
  auth_test::auth_client c(app().port());
  auto r = c.sign_in(web_test::demo_email, web_test::demo_password);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_NE(auth_test::set_cookie_of(r).find("Max-Age=7200"), std::string::npos)
      << auth_test::set_cookie_of(r);
}

TEST_F(WebPerfSessionDefaults, WithoutTheSectionSessionsLastTwelveHoursAndIdleThirtyMinutes) {
  auto s = web::session_settings_from(app().runtime().config());
  EXPECT_EQ(s.idle_seconds, 30 * 60);
  EXPECT_EQ(s.absolute_seconds, 12 * 60 * 60);
  auth_test::auth_client c(app().port());
  auto r = c.sign_in(web_test::demo_email, web_test::demo_password);
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_NE(auth_test::set_cookie_of(r).find("Max-Age=43200"), std::string::npos)
      << auth_test::set_cookie_of(r);
}

}  // namespace
