// The security headers kingkung-web sends on every answer, and the cookie and origin rules in isolation.
#include <gtest/gtest.h>

#include "auth/request_checks.hpp"
#include "auth_host.hpp"
#include "security_headers.hpp"

namespace {

using namespace kingkung;
using auth_test::auth_client;
using auth_test::auth_host;
namespace checks = web::request_checks;

class WebAuthHeaders : public web_test::shared_host<WebAuthHeaders, web_test::light_host> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    host_ = new auth_host(app(), web::session_settings{});
  }
  static void TearDownTestSuite() {
    delete host_;
    host_ = nullptr;
    shared_host::TearDownTestSuite();
  }

 protected:
  static void expect_security_headers(const test::http_response& r, std::string_view what) {
    EXPECT_EQ(
        r["Content-Security-Policy"],
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        << what;
    EXPECT_EQ(r["X-Content-Type-Options"], "nosniff") << what;
    EXPECT_EQ(r["Referrer-Policy"], "no-referrer") << what;
    EXPECT_EQ(r["Cross-Origin-Opener-Policy"], "same-origin") << what;
    EXPECT_FALSE(r["Permissions-Policy"].empty()) << what;
    EXPECT_EQ(r.count("Strict-Transport-Security"), 0u) << what << ": no HSTS over plain HTTP";
    EXPECT_EQ(r.count("Server"), 0u) << what;
  }
  inline static auth_host* host_ = nullptr;
};

TEST_F(WebAuthHeaders, ASignedInApiAnswerCarriesThemAndIsNotCached) {
  auth_client c(host_->port());
  auto in = c.sign_in(web_test::demo_email, web_test::demo_password);
  ASSERT_EQ(in.result_int(), 200) << in.body();
  expect_security_headers(in, "sign-in");
  auto r = c.send("GET", "/api/v1/session");
  ASSERT_EQ(r.result_int(), 200);
  expect_security_headers(r, "GET /api/v1/session");
  EXPECT_EQ(r["Cache-Control"], "no-store");
}

TEST_F(WebAuthHeaders, ErrorAnswersCarryThemToo) {
  auth_client c(host_->port());
  auto unauthenticated = c.send("GET", "/api/v1/users");
  ASSERT_EQ(unauthenticated.result_int(), 401);
  expect_security_headers(unauthenticated, "401");
  EXPECT_EQ(unauthenticated["Cache-Control"], "no-store");
  auto bad = c.send("POST", "/api/v1/session", "{not json");
  ASSERT_EQ(bad.result_int(), 400) << bad.body();
  expect_security_headers(bad, "400");
  auto unknown = c.send("GET", "/api/v1/no-such-route");
  ASSERT_EQ(unknown.result_int(), 404);
  expect_security_headers(unknown, "404");
}

TEST(WebAuthHeadersTls, HstsIsSentOnlyUnderTls) {
  EXPECT_FALSE(web::security_headers(false).contains("Strict-Transport-Security"));
  EXPECT_EQ(web::security_headers(true).get("Strict-Transport-Security"), "max-age=31536000");
}

TEST(WebAuthCookie, UnderTlsTheCookieIsHostPrefixedAndSecure) {
  auto c = checks::session_cookie(true, "abc", 3600);
  EXPECT_EQ(c.rfind("__Host-kk_session=abc;", 0), 0u) << c;
  EXPECT_NE(c.find("; Secure"), std::string::npos) << c;
  EXPECT_NE(c.find("; Path=/"), std::string::npos) << c;
  EXPECT_EQ(c.find("Domain"), std::string::npos) << c;
  EXPECT_NE(c.find("; HttpOnly"), std::string::npos) << c;
}

TEST(WebAuthCookie, UnderTlsAPlainHttpCookieNameIsIgnored) {
  auto req = http::request::from_target("GET", "/api/v1/session");
  ASSERT_TRUE(req);
  req->secure = true;
  req->headers.add("Cookie", "kk_session=planted; __Host-kk_session=real");
  EXPECT_EQ(checks::cookie_values(*req, checks::session_cookie_name(true)), std::vector<std::string>{"real"});
}

TEST(WebAuthCookie, ReadsTheNamedCookieAmongOthers) {
  auto req = http::request::from_target("GET", "/");
  ASSERT_TRUE(req);
  req->headers.add("Cookie", "theme=dark; kk_session=one;other=x");
  req->headers.add("Cookie", "kk_session=two");
  EXPECT_EQ(checks::cookie_values(*req, "kk_session"), (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(checks::cookie_values(*req, "kk").empty());
}

TEST(WebAuthOrigin, TheRequestsOwnSchemeAndHostIsSameOrigin) {
  auto req = http::request::from_target("POST", "/api/v1/users");
  ASSERT_TRUE(req);
  req->headers.add("Host", "seller.example.com");
  req->headers.add("Origin", "http://Seller.Example.com:80");
  EXPECT_TRUE(checks::same_origin(*req, ""));
  req->secure = true;
  EXPECT_FALSE(checks::same_origin(*req, "")) << "the scheme must match";
}

TEST(WebAuthOrigin, ANullOriginIsForeign) {
  auto req = http::request::from_target("POST", "/api/v1/users");
  ASSERT_TRUE(req);
  req->headers.add("Host", "127.0.0.1:8080");
  req->headers.add("Origin", "null");
  EXPECT_FALSE(checks::same_origin(*req, "http://127.0.0.1:8080"));
}

TEST(WebAuthOrigin, AnOriginThatOnlyStartsLikeThisHostIsForeign) {
  auto req = http::request::from_target("POST", "/api/v1/users");
  ASSERT_TRUE(req);
  req->headers.add("Host", "seller.example.com");
  req->headers.add("Origin", "http://seller.example.com.evil.example");
  EXPECT_FALSE(checks::same_origin(*req, "https://seller.example.com"));
}

TEST(WebAuthOrigin, ThePublicUrlBehindAProxyIsSameOrigin) {
  auto req = http::request::from_target("POST", "/api/v1/users");
  ASSERT_TRUE(req);
  req->headers.add("Host", "10.0.0.5:8080");
  req->headers.add("Origin", "https://seller.example.com");
  EXPECT_TRUE(checks::same_origin(*req, "https://seller.example.com/"));
  EXPECT_FALSE(checks::same_origin(*req, "https://other.example.com"));
}

TEST(WebAuthCsrfToken, ComparisonNeedsTheWholeToken) {
  EXPECT_TRUE(checks::constant_time_equals("abcdef", "abcdef"));
  EXPECT_FALSE(checks::constant_time_equals("abcdef", "abcdeg"));
  EXPECT_FALSE(checks::constant_time_equals("abcdef", "abcde"));
  EXPECT_FALSE(checks::constant_time_equals("", "a"));
}

}  // namespace
