// The shops, catalog and settings routes through the whole host: sign-in, roles and CSRF in front of them.
#include <gtest/gtest.h>

#include "kingkung/storage/token_repository.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

constexpr std::string_view staff_email = "packer@demo.example";
constexpr std::string_view staff_password = "packer-password-1";

class WebShopsRoles : public web_test::shared_host<WebShopsRoles> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    add_demo_staff(app(), staff_email, staff_password);
  }

 protected:
  static web_test::web_client signed_in(std::string_view email, std::string_view password) {
    web_test::web_client c(app());
    auto r = c.sign_in(email, password);
    EXPECT_EQ(r.result_int(), 200) << r.body();
    return c;
  }
};

TEST_F(WebShopsRoles, StaffCannotDisconnectAShop) {
  auto staff = signed_in(staff_email, staff_password);
  auto r = staff.post("/api/v1/shops/" + std::string(web_test::us_shop_id) + "/disconnect",
                      R"({"confirm":"KingKung Demo US"})");
  EXPECT_EQ(r.result_int(), 403) << r.body();
  auto token = storage::token_repository(app().runtime().database()).get(web_test::us_shop_id, "access");
  ASSERT_TRUE(token);
  EXPECT_TRUE(token->has_value());
}

TEST_F(WebShopsRoles, StaffCannotExportTheSellersData) {
  auto staff = signed_in(staff_email, staff_password);
  auto r = staff.post("/api/v1/exports", R"({"format":"json"})");
  EXPECT_EQ(r.result_int(), 403) << r.body();
  EXPECT_EQ(r.body().find("\"orders\""), std::string::npos);
}

TEST_F(WebShopsRoles, StaffSeesShopsProductsAndTheApiLog) {
  auto staff = signed_in(staff_email, staff_password);
  EXPECT_EQ(staff.get("/api/v1/shops").result_int(), 200);
  EXPECT_EQ(staff.get("/api/v1/products?page_size=5").result_int(), 200);
  EXPECT_EQ(staff.get("/api/v1/api-log?page_size=5").result_int(), 200);
}

TEST_F(WebShopsRoles, OwnerExportsThroughTheHostAsAnAttachment) {
  auto owner = signed_in(web_test::demo_email, web_test::demo_password);
  auto r = owner.post("/api/v1/exports", R"({"format":"csv"})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  EXPECT_NE(std::string(r[boost::beast::http::field::content_disposition]).find("attachment"), std::string::npos);
  EXPECT_EQ(std::string(r[boost::beast::http::field::cache_control]), "no-store");
}

TEST_F(WebShopsRoles, ConnectWithoutTheCsrfTokenIsRefused) {
  auto owner = signed_in(web_test::demo_email, web_test::demo_password);
  owner.set_csrf_token("");
  auto r = owner.post("/api/v1/shops/connect", R"({"return_to":"/shops"})");
  EXPECT_EQ(r.result_int(), 403) << r.body();
}

TEST_F(WebShopsRoles, CallbackWithoutASessionGoesToSignIn) {
  web_test::web_client anonymous(app());
  auto r = anonymous.get("/oauth/tiktok/callback?code=x&state=y");
  EXPECT_EQ(r.result_int(), 303);
  EXPECT_EQ(std::string(r[boost::beast::http::field::location]).rfind("/signin", 0), 0u);
}

}  // namespace
