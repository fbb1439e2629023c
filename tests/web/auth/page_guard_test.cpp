// session_guard::page(): browser navigations (the OAuth callback) that need a signed-in user.
#include <gtest/gtest.h>

#include "auth_host.hpp"

namespace {

using namespace kingkung;
using auth_test::auth_client;
using auth_test::auth_host;

class WebAuthPageGuard : public web_test::shared_host<WebAuthPageGuard, web_test::light_host> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    guard_ = new web::session_guard(app().runtime());
    host_ = new auth_host(app(), web::session_settings{});
  }
  static void TearDownTestSuite() {
    delete host_;
    delete guard_;
    host_ = nullptr;
    guard_ = nullptr;
    shared_host::TearDownTestSuite();
  }

 protected:
  static http::handler page() {
    return guard_->page(web::min_role::staff, [](const http::request&, const web::caller& who) {
      return http::response::text(200, "hello " + who.email);
    });
  }
  inline static web::session_guard* guard_ = nullptr;
  inline static auth_host* host_ = nullptr;
};

TEST_F(WebAuthPageGuard, WithoutASessionTheBrowserIsSentToSignInAndBack) {
  auto req = http::request::from_target("GET", "/oauth/tiktok/callback?code=abc&state=xyz");
  ASSERT_TRUE(req);
  auto r = page()(*req);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.headers.get("Location"), "/signin?next=/oauth/tiktok/callback%3Fcode%3Dabc%26state%3Dxyz");
}

TEST_F(WebAuthPageGuard, WithASessionThePageRunsForThatUser) {
  auth_client c(host_->port());
  ASSERT_EQ(c.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
  auto req = http::request::from_target("GET", "/oauth/tiktok/callback?code=abc&state=xyz");
  ASSERT_TRUE(req);
  req->headers.add("Cookie", "kk_session=" + c.cookies().at("kk_session"));
  auto r = page()(*req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "hello " + std::string(web_test::demo_email));
  auto who = guard_->identify(*req);
  ASSERT_TRUE(who);
  EXPECT_TRUE(who->owner());
}

}  // namespace
