// /api/v1/users: the owner manages the seller's sign-ins; staff cannot; other sellers' users are not
// found. Also the audit trail of sign-in and user changes.
#include <gtest/gtest.h>

#include "auth_host.hpp"
#include "kingkung/storage/audit_repository.hpp"

namespace {

using namespace kingkung;
using web_test::web_client;

class WebAuthUsers : public web_test::shared_host<WebAuthUsers, web_test::light_host> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    seller_ = auth_test::demo_seller_id(app().runtime());
  }

 protected:
  static std::vector<std::string> listed_emails(web_client& c) {
    auto r = c.get("/api/v1/users");
    EXPECT_EQ(r.result_int(), 200) << r.body();
    std::vector<std::string> out;
    if (r.result_int() != 200) return out;
    auto body = web_client::json(r);
    for (const auto& u : body.at("users").as_array()) out.emplace_back(u.at("email").as_string());
    return out;
  }
  static bool audited(std::string_view action, std::string_view target) {
    auto entries = storage::audit_repository(app().runtime().database()).list_by_seller(seller_, 1000);
    EXPECT_TRUE(entries.ok());
    for (const auto& e : *entries)
      if (e.action == action && e.target == target) return true;
    return false;
  }
  inline static std::int64_t seller_ = 0;
};

TEST_F(WebAuthUsers, TheOwnerListsTheSellersUsers) {
  auto r = demo().get("/api/v1/users");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto users = web_client::json(r).at("users").as_array();
  ASSERT_FALSE(users.empty());
  const auto& first = users[0];
  EXPECT_EQ(first.at("email").as_string(), web_test::demo_email);
  EXPECT_EQ(first.at("role").as_string(), "owner");
  EXPECT_TRUE(first.at("id").is_string());
  EXPECT_TRUE(first.at("created_at").is_int64());
  EXPECT_FALSE(first.as_object().contains("password_hash"));
  EXPECT_EQ(r.body().find("$scrypt$"), std::string::npos);
}

TEST_F(WebAuthUsers, AnAddedStaffUserCanSignInAsStaff) {
  auto r =
      demo().post("/api/v1/users",
                   R"({"email":"New.Staff@kingkung.example","password":"staff-password-1","role":"staff"})");
  ASSERT_EQ(r.result_int(), 201) << r.body();
  auto user = web_client::json(r).at("user");
  EXPECT_EQ(user.at("email").as_string(), "new.staff@kingkung.example");
  EXPECT_EQ(user.at("role").as_string(), "staff");
  web_client staff(app());
  auto signed_in = staff.sign_in("new.staff@kingkung.example", "staff-password-1");
  ASSERT_EQ(signed_in.result_int(), 200) << signed_in.body();
  EXPECT_EQ(web_client::json(signed_in).at("user").at("role").as_string(), "staff");
  EXPECT_TRUE(audited("user.add", "new.staff@kingkung.example"));
}

TEST_F(WebAuthUsers, ATakenEmailIsAConflictOnTheEmailField) {
  auto r = demo().post("/api/v1/users",
                        R"({"email":"demo@kingkung.example","password":"long-enough-1","role":"staff"})");
  ASSERT_EQ(r.result_int(), 409) << r.body();
  auto error = web_client::json(r).at("error");
  EXPECT_EQ(error.at("code").as_string(), "email_taken");
  EXPECT_EQ(error.at("field").as_string(), "email");
}

TEST_F(WebAuthUsers, AnUnknownRoleNamesTheRoleField) {
  auto r = demo().post("/api/v1/users",
                        R"({"email":"x@kingkung.example","password":"long-enough-1","role":"admin"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "role");
}

TEST_F(WebAuthUsers, AShortPasswordNamesThePasswordField) {
  auto r =
      demo().post("/api/v1/users", R"({"email":"x@kingkung.example","password":"short","role":"staff"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "password");
}

TEST_F(WebAuthUsers, AMalformedEmailNamesTheEmailField) {
  auto r =
      demo().post("/api/v1/users", R"({"email":"not an email","password":"long-enough-1","role":"staff"})");
  ASSERT_EQ(r.result_int(), 400) << r.body();
  EXPECT_EQ(web_client::json(r).at("error").at("field").as_string(), "email");
}

TEST_F(WebAuthUsers, StaffCannotManageUsers) {
  auth_test::add_user(app().runtime(), seller_, "staff-only@kingkung.example", "staff-password-2",
                      domain::role::staff);
  web_client staff(app());
  ASSERT_EQ(staff.sign_in("staff-only@kingkung.example", "staff-password-2").result_int(), 200);
  auto list = staff.get("/api/v1/users");
  auto add = staff.post("/api/v1/users",
                        R"({"email":"y@kingkung.example","password":"long-enough-1","role":"owner"})");
  auto owner_id =
      std::string(web_client::json(demo().get("/api/v1/session")).at("user").at("id").as_string());
  auto remove = staff.del("/api/v1/users/" + owner_id);
  for (const auto* r : {&list, &add, &remove}) {
    EXPECT_EQ(r->result_int(), 403) << r->body();
    EXPECT_EQ(auth_test::error_code(*r), "forbidden");
  }
  auto emails = listed_emails(demo());
  EXPECT_EQ(std::count(emails.begin(), emails.end(), "y@kingkung.example"), 0);
  EXPECT_EQ(std::count(emails.begin(), emails.end(), std::string(web_test::demo_email)), 1);
  EXPECT_EQ(staff.get("/api/v1/session").result_int(), 200) << "staff still has their own session";
}

TEST_F(WebAuthUsers, AnotherSellersUserIsNotFoundAndStaysInPlace) {
  auto other_seller = auth_test::add_seller(app().runtime(), "Other Seller");
  auto theirs = auth_test::add_user(app().runtime(), other_seller, "theirs@other.example", "other-password-1",
                                    domain::role::owner);
  auto r = demo().del("/api/v1/users/" + std::to_string(theirs.id));
  ASSERT_EQ(r.result_int(), 404) << r.body();
  EXPECT_EQ(auth_test::error_code(r), "not_found");
  auto still = storage::user_repository(app().runtime().database()).get(theirs.id);
  ASSERT_TRUE(still.ok());
  EXPECT_TRUE(still->has_value());
  auto emails = listed_emails(demo());
  EXPECT_EQ(std::count(emails.begin(), emails.end(), "theirs@other.example"), 0);
}

TEST_F(WebAuthUsers, AnotherSellersOwnerDoesNotSeeThisSellersUsers) {
  auto other_seller = auth_test::add_seller(app().runtime(), "Third Seller");
  auth_test::add_user(app().runtime(), other_seller, "boss@third.example", "third-password-1",
                      domain::role::owner);
  web_client them(app());
  ASSERT_EQ(them.sign_in("boss@third.example", "third-password-1").result_int(), 200);
  auto emails = listed_emails(them);
  EXPECT_EQ(emails, std::vector<std::string>{"boss@third.example"});
  auto demo_user = storage::user_repository(app().runtime().database()).find_by_email(web_test::demo_email);
  ASSERT_TRUE(demo_user.ok() && demo_user->has_value());
  EXPECT_EQ(them.del("/api/v1/users/" + std::to_string((*demo_user)->id)).result_int(), 404);
}

TEST_F(WebAuthUsers, TheOwnerCannotRemoveThemself) {
  auto me = std::string(web_client::json(demo().get("/api/v1/session")).at("user").at("id").as_string());
  auto r = demo().del("/api/v1/users/" + me);
  ASSERT_EQ(r.result_int(), 409) << r.body();
  EXPECT_EQ(auth_test::error_code(r), "cannot_remove_self");
  EXPECT_EQ(demo().get("/api/v1/session").result_int(), 200);
}

TEST_F(WebAuthUsers, RemovingAUserEndsTheirSessions) {
  auto gone = auth_test::add_user(app().runtime(), seller_, "leaving@kingkung.example", "leaving-password",
                                  domain::role::staff);
  web_client them(app());
  ASSERT_EQ(them.sign_in("leaving@kingkung.example", "leaving-password").result_int(), 200);
  auto r = demo().del("/api/v1/users/" + std::to_string(gone.id));
  ASSERT_EQ(r.result_int(), 204) << r.body();
  EXPECT_EQ(them.get("/api/v1/session").result_int(), 401);
  auto emails = listed_emails(demo());
  EXPECT_EQ(std::count(emails.begin(), emails.end(), "leaving@kingkung.example"), 0);
  EXPECT_TRUE(audited("user.remove", "leaving@kingkung.example"));
}

TEST_F(WebAuthUsers, AnUnknownUserIdIsNotFound) {
  EXPECT_EQ(demo().del("/api/v1/users/999999").result_int(), 404);
  EXPECT_EQ(demo().del("/api/v1/users/abc").result_int(), 404);
}

TEST_F(WebAuthUsers, SignInAndSignOutAreAudited) {
  web_client c(app());
  ASSERT_EQ(c.sign_in().result_int(), 200);
  ASSERT_EQ(c.del("/api/v1/session").result_int(), 204);
  EXPECT_TRUE(audited("session.sign_in", web_test::demo_email));
  EXPECT_TRUE(audited("session.sign_out", web_test::demo_email));
}

}  // namespace
