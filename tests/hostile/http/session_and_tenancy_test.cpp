// Sign-in never adopts a session cookie planted in the browser beforehand, and a seller asking for
// another seller's shop, order or product ids gets 404, as for ids that do not exist, and changes nothing.
#include <gtest/gtest.h>

#include <string>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileSessions : public hostile_suite<HostileSessions> {
 public:
  static seller_center_options options() { return {.other_seller = true}; }
};

TEST_F(HostileSessions, APlantedSessionCookieIsNotAdoptedAtSignInAndEnds) {
  // The attacker's own live session, planted in the victim's browser before the victim signs in.
  auto attacker = center().sign_in(other_email, other_password);
  ASSERT_TRUE(attacker);
  auto victim = center().sign_in(demo_email, demo_password, attacker->cookie);
  ASSERT_TRUE(victim);
  EXPECT_FALSE(victim->cookie.empty());
  EXPECT_NE(victim->cookie, attacker->cookie);

  auto planted = center().send("GET", "/api/v1/session", &*attacker);
  ASSERT_TRUE(planted);
  EXPECT_EQ(planted->status, 401) << "the planted session still works: " << planted->body;
  auto own = center().send("GET", "/api/v1/session", &*victim);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_NE(own->body.find(demo_email), std::string::npos) << own->body;
}

TEST_F(HostileSessions, AnInventedCookieValueIsNotAdoptedAtSignIn) {
  std::string invented = "kk_session=" + std::string(43, 'A');
  auto victim = center().sign_in(demo_email, demo_password, invented);
  ASSERT_TRUE(victim);
  EXPECT_NE(victim->cookie, invented);
  auto planted = round_trip(port(), "GET /api/v1/session HTTP/1.1\r\n" + center().host_header() + "Cookie: " +
                                      invented + "\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(planted);
  EXPECT_EQ(planted->status, 401);
}

TEST_F(HostileSessions, AnotherSellersIdsAreNotFoundAndNothingChanges) {
  auto ids = center().ids(owner());
  auto other = center().sign_in(other_email, other_password);
  ASSERT_TRUE(other);
  const std::string order = "/api/v1/orders/" + ids.shop_id + "/" + ids.order_id;
  const std::string product = "/api/v1/products/" + ids.shop_id + "/" + ids.product_id;
  struct attempt {
    const char* method;
    std::string target;
    std::string body;
  };
  const attempt attempts[] = {
      {"GET", order, ""},
      {"GET", product, ""},
      {"GET", "/api/v1/orders?shop_id=" + ids.shop_id, ""},
      {"GET", "/api/v1/products?shop_id=" + ids.shop_id, ""},
      {"GET", "/api/v1/shops/" + ids.shop_id + "/disconnect-preview", ""},
      {"PATCH", product, R"({"title":"Taken over"})"},
      {"PUT", product + "/skus/" + ids.sku_id + "/price", R"({"price":"0.01"})"},
      {"POST", order + "/ship", R"({})"},
      {"POST", "/api/v1/shops/" + ids.shop_id + "/disconnect", R"({})"},
      {"POST", "/api/v1/shops/" + ids.shop_id + "/sync", R"({})"},
      {"DELETE", "/api/v1/users/" + ids.user_id, ""},
  };
  for (const auto& a : attempts) {
    auto r = center().send(a.method, a.target, &*other, a.body);
    ASSERT_TRUE(r) << a.method << " " << a.target;
    EXPECT_EQ(r->status, 404) << a.method << " " << a.target << ": " << r->body;
  }
  auto listed = center().send("GET", "/api/v1/orders", &*other);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 200);
  EXPECT_EQ(listed->body.find(ids.order_id), std::string::npos) << "the other seller lists the demo orders";
  // The other seller's sign-in added its session and its audit entry; nothing else moved.
  auto expected = before();
  expected.sessions += 1;
  expected.audit_entries += 1;
  EXPECT_EQ(center().snapshot(owner()), expected);
}

}  // namespace
}  // namespace kingkung::hostile
