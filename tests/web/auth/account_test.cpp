// PATCH /api/v1/account: the UI language and the password (which needs the current one).
#include <gtest/gtest.h>

#include "auth_host.hpp"
#include "kingkung/auth/password.hpp"

namespace {

using namespace kingkung;
using web_test::web_client;

class WebAuthAccount : public web_test::shared_host<WebAuthAccount, web_test::light_host> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    seller_ = auth_test::demo_seller_id(app().runtime());
  }

 protected:
  // A fresh user per test, so password changes do not leak between tests.
  web_client signed_in(const std::string& email, std::string_view password) {
    auth_test::add_user(app().runtime(), seller_, email, password, domain::role::staff);
    web_client c(app());
    auto r = c.sign_in(email, password);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return c;
  }
  inline static std::int64_t seller_ = 0;
};

TEST_F(WebAuthAccount, TheLocaleChangeIsKept) {
  auto c = signed_in("locale@kingkung.example", "locale-password");
  auto r = c.patch("/api/v1/account", R"({"locale":"pt"})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(web_client::json(r).at("user").at("locale").as_string(), "pt");
  auto again = c.get("/api/v1/session");
  EXPECT_EQ(web_client::json(again).at("user").at("locale").as_string(), "pt");
}

TEST_F(WebAuthAccount, AnUnsupportedLocaleNamesTheField) {
  auto c = signed_in("badlocale@kingkung.example", "locale-password");
  auto r = c.patch("/api/v1/account", R"({"locale":"fr"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "locale");
  EXPECT_EQ(web_client::json(c.get("/api/v1/session")).at("user").at("locale").as_string(), "en");
}

TEST_F(WebAuthAccount, ANewPasswordWithoutTheCurrentOneIsRefused) {
  auto c = signed_in("nocurrent@kingkung.example", "original-password");
  auto r = c.patch("/api/v1/account", R"({"new_password":"another-password"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "current_password");
  web_client again(app());
  EXPECT_EQ(again.sign_in("nocurrent@kingkung.example", "original-password").result_int(), 200);
}

TEST_F(WebAuthAccount, AWrongCurrentPasswordIsRefusedAndChangesNothing) {
  auto c = signed_in("wrongcurrent@kingkung.example", "original-password");
  auto r =
      c.patch("/api/v1/account",
              R"({"current_password":"not-the-original","new_password":"another-password","locale":"es"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  auto error = web_client::json(r).at("error");
  EXPECT_EQ(error.at("code").as_string(), "wrong_password");
  EXPECT_EQ(error.at("field").as_string(), "current_password");
  EXPECT_EQ(web_client::json(c.get("/api/v1/session")).at("user").at("locale").as_string(), "en");
  web_client again(app());
  EXPECT_EQ(again.sign_in("wrongcurrent@kingkung.example", "another-password").result_int(), 401);
}

TEST_F(WebAuthAccount, ANewPasswordReplacesTheOldOneAndEndsOtherSessions) {
  auto c = signed_in("changer@kingkung.example", "original-password");
  web_client elsewhere(app());
  ASSERT_EQ(elsewhere.sign_in("changer@kingkung.example", "original-password").result_int(), 200);
  auto r = c.patch("/api/v1/account",
                   R"({"current_password":"original-password","new_password":"brand-new-password"})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_EQ(c.get("/api/v1/session").result_int(), 200) << "the session that changed it stays";
  EXPECT_EQ(elsewhere.get("/api/v1/session").result_int(), 401) << "other sessions end";
  web_client old_password(app());
  EXPECT_EQ(old_password.sign_in("changer@kingkung.example", "original-password").result_int(), 401);
  web_client new_password(app());
  EXPECT_EQ(new_password.sign_in("changer@kingkung.example", "brand-new-password").result_int(), 200);
}

TEST_F(WebAuthAccount, SignInReHashesAPasswordStoredWithWeakerParameters) {
  auto added = auth_test::add_user(app().runtime(), seller_, "rehash@kingkung.example", "rehash-password",
                                   domain::role::staff);
  ASSERT_TRUE(auth::needs_rehash(added.password_hash));
  web_client c(app());
  ASSERT_EQ(c.sign_in("rehash@kingkung.example", "rehash-password").result_int(), 200);
  auto stored = storage::user_repository(app().runtime().database()).get(added.id);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  EXPECT_FALSE(auth::needs_rehash((*stored)->password_hash));
  EXPECT_TRUE(auth::verify_password("rehash-password", (*stored)->password_hash));
}

}  // namespace
