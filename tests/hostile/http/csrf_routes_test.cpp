// Every state-changing route of docs/api.md (and its route pages) refuses a request with a forged
// Origin, with a missing CSRF token, or with neither Origin nor Referer: 403 csrf_failed, and nothing
// changes, even though each request carries the owner's live session cookie and a plausible body.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hostile_fixture.hpp"

namespace kingkung::hostile {
namespace {

class HostileCsrf : public hostile_suite<HostileCsrf> {};

struct route {
  std::string method;
  std::string target;
  std::string body;
};

std::vector<route> state_changing_routes(const seller_center::sample_ids& id) {
  const std::string order = id.shop_id + "/" + id.order_id;
  const std::string product = "/api/v1/products/" + id.shop_id + "/" + id.product_id;
  return {
      {"DELETE", "/api/v1/session", ""},
      {"PATCH", "/api/v1/account", R"({"locale":"es"})"},
      {"POST", "/api/v1/users", R"({"email":"intruder@example.com","password":"intruder-password","role":"owner"})"},
      {"DELETE", "/api/v1/users/" + id.user_id, ""},
      {"POST", "/api/v1/orders/" + order + "/ship", R"({})"},
      {"POST", "/api/v1/orders/" + order + "/actions/split", R"({})"},
      {"POST", "/api/v1/jobs", R"({"kind":"ship","orders":[{"shop_id":")" + id.shop_id + R"(","order_id":")" +
                                   id.order_id + R"("}]})"},
      {"POST", "/api/v1/packages/combine", R"({"shop_id":")" + id.shop_id + R"(","package_ids":[")" +
                                               id.package_id + R"("]})"},
      {"POST", "/api/v1/packages/" + id.shop_id + "/" + id.package_id + "/uncombine", R"({})"},
      {"PATCH", product, R"({"title":"Forged title"})"},
      {"PUT", product + "/skus/" + id.sku_id + "/price", R"({"price":"0.01"})"},
      {"PUT", product + "/skus/" + id.sku_id + "/inventory", R"({"inventory":[{"quantity":0}]})"},
      {"POST", "/api/v1/shops/connect", R"({"return_to":"/shops"})"},
      {"POST", "/api/v1/sim/authorize", R"({"state":"planted-state","shop_id":")" + id.shop_id + R"("})"},
      {"POST", "/api/v1/shops/" + id.shop_id + "/disconnect", R"({})"},
      {"POST", "/api/v1/shops/" + id.shop_id + "/sync", R"({})"},
      {"POST", "/api/v1/exports", R"({})"},
  };
}

struct forgery {
  const char* name;
  bool token;
  const char* origin_line;  // raw header line(s), or "" for none
};

TEST_F(HostileCsrf, EveryStateChangingRouteRefusesForgedOriginMissingTokenAndMissingOrigin) {
  const auto& who = owner();
  auto ids = center().ids(who);
  const std::string own_origin = "Origin: " + center().origin() + "\r\n";
  const forgery forgeries[] = {
      {"forged Origin with the token", true, "Origin: https://evil.example\r\n"},
      {"sibling origin with the token", true, "Origin: http://127.0.0.1:1\r\n"},
      {"forged Referer, no Origin, with the token", true, "Referer: https://evil.example/page\r\n"},
      {"own Origin without the token", false, nullptr},
      {"neither Origin nor Referer, with the token", true, ""},
  };
  for (const auto& r : state_changing_routes(ids)) {
    for (const auto& f : forgeries) {
      SCOPED_TRACE(r.method + " " + r.target + ": " + f.name);
      std::string head = r.method + " " + r.target + " HTTP/1.1\r\n" + center().host_header() + "Cookie: " +
                         who.cookie + "\r\n" + (f.origin_line ? f.origin_line : own_origin) +
                         (f.token ? "X-CSRF-Token: " + who.csrf + "\r\n" : "") +
                         "Content-Type: application/json\r\nContent-Length: " + std::to_string(r.body.size()) +
                         "\r\nConnection: close\r\n\r\n";
      auto answer = round_trip(port(), head + r.body);
      ASSERT_TRUE(answer);
      EXPECT_EQ(answer->status, 403) << answer->body;
      EXPECT_NE(answer->body.find("csrf_failed"), std::string::npos) << answer->body;
    }
  }
  expect_unchanged();
  auto still = center().send("GET", "/api/v1/session", &who);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200) << "the session was ended";
}

TEST_F(HostileCsrf, SignInWithAForgedOriginIsRefusedAndStartsNoSession) {
  std::string body = R"({"email":"demo@kingkung.example","password":"kingkung-demo"})";
  auto r = round_trip(port(), "POST /api/v1/session HTTP/1.1\r\n" + center().host_header() +
                                "Origin: https://evil.example\r\nContent-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_TRUE(r->all("set-cookie").empty());
  expect_unchanged();
}

}  // namespace
}  // namespace kingkung::hostile
