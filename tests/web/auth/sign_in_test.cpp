// POST/GET/DELETE /api/v1/session: sign-in, the session cookie, sign-out and throttling.
#include <gtest/gtest.h>

#include <string>

#include "../web_app.hpp"

namespace {

using namespace kingkung;
using web_test::web_app;
using web_test::web_client;

std::string set_cookie_of(const test::http_response& r) {
  auto it = r.find("Set-Cookie");
  return it == r.end() ? std::string() : std::string(it->value());
}

std::string error_code(const test::http_response& r) {
  return std::string(web_client::json(r).at("error").at("code").as_string());
}

class WebAuthSignIn : public web_test::shared_host<WebAuthSignIn, web_test::light_host> {};

TEST_F(WebAuthSignIn, ReturnsTheUserAndACsrfToken) {
  web_client c(app());
  auto r = c.sign_in();
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  const auto& user = body.at("user");
  EXPECT_EQ(user.at("email").as_string(), web_test::demo_email);
  EXPECT_EQ(user.at("role").as_string(), "owner");
  EXPECT_EQ(user.at("seller_name").as_string(), "Demo Seller");
  EXPECT_TRUE(user.at("id").is_string());
  EXPECT_TRUE(user.at("seller_id").is_string());
  EXPECT_GE(body.at("csrf_token").as_string().size(), 22u);
  EXPECT_EQ(r["Cache-Control"], "no-store");
}

TEST_F(WebAuthSignIn, SetsAnHttpOnlyLaxSessionCookieWithAtLeast128RandomBits) {
  web_client c(app());
  auto r = c.sign_in();
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto cookie = set_cookie_of(r);
  EXPECT_EQ(cookie.rfind("kk_session=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: " << cookie;
  // base64url: 6 bits a character.
  EXPECT_GE(c.cookies().at("kk_session").size() * 6, 128u);
}

TEST_F(WebAuthSignIn, EachSignInGetsANewSessionId) {
  web_client a(app()), b(app());
  ASSERT_EQ(a.sign_in().result_int(), 200);
  ASSERT_EQ(b.sign_in().result_int(), 200);
  EXPECT_NE(a.cookies().at("kk_session"), b.cookies().at("kk_session"));
  EXPECT_NE(a.csrf_token(), b.csrf_token());
}

TEST_F(WebAuthSignIn, GetSessionReadsTheSignedInUser) {
  web_client c(app());
  ASSERT_EQ(c.sign_in().result_int(), 200);
  auto r = c.get("/api/v1/session");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto body = web_client::json(r);
  EXPECT_EQ(body.at("user").at("email").as_string(), web_test::demo_email);
  EXPECT_EQ(body.at("csrf_token").as_string(), c.csrf_token());
}

TEST_F(WebAuthSignIn, GetSessionWithoutACookieIsUnauthenticated) {
  web_client c(app());
  auto r = c.get("/api/v1/session");
  EXPECT_EQ(r.result_int(), 401);
  EXPECT_EQ(error_code(r), "unauthenticated");
}

TEST_F(WebAuthSignIn, AWrongPasswordAndAnUnknownEmailGetTheSameAnswer) {
  web_client c(app());
  auto wrong = c.sign_in(web_test::demo_email, "not-the-password");
  auto unknown = c.sign_in("nobody-here@kingkung.example", "not-the-password");
  EXPECT_EQ(wrong.result_int(), 401);
  EXPECT_EQ(unknown.result_int(), 401);
  EXPECT_EQ(wrong.body(), unknown.body());
  EXPECT_EQ(error_code(wrong), "invalid_credentials");
  EXPECT_TRUE(set_cookie_of(wrong).empty());
}

TEST_F(WebAuthSignIn, EmailIsMatchedWithoutRegardToCase) {
  web_client c(app());
  EXPECT_EQ(c.sign_in("DEMO@KingKung.example").result_int(), 200);
}

TEST_F(WebAuthSignIn, AMissingPasswordNamesTheField) {
  web_client c(app());
  auto r = c.post("/api/v1/session", R"({"email":"demo@kingkung.example"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "password");
}

TEST_F(WebAuthSignIn, SignInFromAForeignOriginIsRefused) {
  auto raw = test::fetch(app().port(), "POST", "/api/v1/session",
                         R"({"email":"demo@kingkung.example","password":"kingkung-demo"})",
                         "Origin: https://evil.example\r\nContent-Type: application/json\r\n");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->result_int(), 403) << raw->body();
  EXPECT_EQ(error_code(*raw), "csrf_failed");
  EXPECT_TRUE(set_cookie_of(*raw).empty());
}

TEST_F(WebAuthSignIn, SignOutEndsTheSessionAndClearsTheCookie) {
  web_client c(app());
  ASSERT_EQ(c.sign_in().result_int(), 200);
  auto old_cookie = c.cookies().at("kk_session");
  auto out = c.del("/api/v1/session");
  ASSERT_EQ(out.result_int(), 204) << out.body();
  EXPECT_NE(set_cookie_of(out).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.cookies().count("kk_session"), 0u);
  // A copy of the old cookie no longer works.
  c.cookies()["kk_session"] = old_cookie;
  EXPECT_EQ(c.get("/api/v1/session").result_int(), 401);
}

}  // namespace
