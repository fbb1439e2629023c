// CSRF protection: a state-changing request needs the session's token and this host's Origin (or
// Referer); a refused request changes nothing.
#include <gtest/gtest.h>

#include "auth_host.hpp"

namespace {

using namespace kingkung;
using auth_test::auth_client;
using auth_test::auth_host;

constexpr std::string_view new_user =
    R"({"email":"csrf-target@kingkung.example","password":"a-long-password","role":"staff"})";

class WebAuthCsrf : public web_test::shared_host<WebAuthCsrf, web_test::light_host> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    host_ = new auth_host(app(), web::session_settings{});
    owner_ = new auth_client(host_->port());
    auto r = owner_->sign_in(web_test::demo_email, web_test::demo_password);
    ASSERT_EQ(r.result_int(), 200) << r.body();
  }
  static void TearDownTestSuite() {
    delete owner_;
    delete host_;
    owner_ = nullptr;
    host_ = nullptr;
    shared_host::TearDownTestSuite();
  }

 protected:
  void SetUp() override {
    owner_->send_csrf = true;
    owner_->origin_override.reset();
    owner_->extra_headers.clear();
  }
  static std::size_t user_count() {
    auto saved = *owner_;
    saved.send_csrf = true;
    saved.origin_override.reset();
    saved.extra_headers.clear();
    auto r = saved.send("GET", "/api/v1/users");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return boost::json::parse(r.body()).at("users").as_array().size();
  }
  void expect_refused_and_nothing_added(const test::http_response& r) {
    EXPECT_EQ(r.result_int(), 403) << r.body();
    EXPECT_EQ(auth_test::error_code(r), "csrf_failed");
    EXPECT_EQ(user_count(), 1u) << "the user must not have been added";
  }
  inline static auth_host* host_ = nullptr;
  inline static auth_client* owner_ = nullptr;
};

TEST_F(WebAuthCsrf, AMissingTokenIsRefused) {
  owner_->send_csrf = false;
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, AWrongTokenIsRefused) {
  owner_->send_csrf = false;
  owner_->extra_headers = "X-CSRF-Token: " + std::string(43, 'A') + "\r\n";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, AnotherSessionsTokenIsRefused) {
  auth_client other(host_->port());
  ASSERT_EQ(other.sign_in(web_test::demo_email, web_test::demo_password).result_int(), 200);
  owner_->send_csrf = false;
  owner_->extra_headers = "X-CSRF-Token: " + other.csrf_token() + "\r\n";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, AForeignOriginIsRefusedEvenWithTheToken) {
  owner_->origin_override = "https://evil.example";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, ASiblingPortIsAForeignOrigin) {
  owner_->origin_override = "http://127.0.0.1:1";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, NeitherOriginNorRefererIsRefused) {
  owner_->origin_override = "";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, AForeignRefererWithoutOriginIsRefused) {
  owner_->origin_override = "";
  owner_->extra_headers = "Referer: https://evil.example/page\r\n";
  expect_refused_and_nothing_added(owner_->send("POST", "/api/v1/users", new_user));
}

TEST_F(WebAuthCsrf, SignOutWithoutTheTokenIsRefusedAndTheSessionLives) {
  owner_->send_csrf = false;
  auto r = owner_->send("DELETE", "/api/v1/session");
  EXPECT_EQ(r.result_int(), 403);
  owner_->send_csrf = true;
  EXPECT_EQ(owner_->send("GET", "/api/v1/session").result_int(), 200);
}

TEST_F(WebAuthCsrf, ReadsNeedNoToken) {
  owner_->send_csrf = false;
  EXPECT_EQ(owner_->send("GET", "/api/v1/users").result_int(), 200);
}

TEST_F(WebAuthCsrf, ThisHostsRefererStandsInForAMissingOrigin) {
  owner_->origin_override = "";
  owner_->extra_headers = "Referer: " + host_->origin() + "/settings\r\n";
  auto r = owner_->send("PATCH", "/api/v1/account", R"({"locale":"en"})");
  EXPECT_EQ(r.result_int(), 200) << r.body();
}

TEST_F(WebAuthCsrf, TheConfiguredPublicUrlIsAnOriginOfThisHost) {
  // The test config's public_url is http://127.0.0.1:8080 (as behind a proxy that keeps that name).
  owner_->origin_override = "http://127.0.0.1:8080";
  auto r = owner_->send("PATCH", "/api/v1/account", R"({"locale":"en"})");
  EXPECT_EQ(r.result_int(), 200) << r.body();
}

}  // namespace
