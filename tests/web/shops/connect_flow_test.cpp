// Connecting and disconnecting a shop through the host, as the browser UI does it.
#include <gtest/gtest.h>

#include "kingkung/storage/token_repository.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

std::string state_of(std::string_view url) {
  auto req = http::request::from_target("GET", std::string(url));
  return req && req->query_param("state") ? std::string(*req->query_param("state")) : std::string();
}

std::string shop_state(web_test::web_client& c, std::string_view id) {
  auto list = web_test::web_client::json(c.get("/api/v1/shops"));
  for (const auto& s : list.at("shops").as_array())
    if (s.at("id").as_string() == id) return text(s.at("state"));
  return "absent";
}

TEST(WebShopsHost, ConnectFlowThroughTheApiConnectsTheExtraShop) {
  web_test::web_app app;
  web_test::web_client owner(app);
  ASSERT_EQ(owner.sign_in().result_int(), 200);
  EXPECT_EQ(shop_state(owner, web_test::extra_shop_id), "absent");

  auto started = owner.post("/api/v1/shops/connect", R"({"return_to":"/shops"})");
  ASSERT_EQ(started.result_int(), 200) << started.body();
  const std::string state = state_of(text(web_test::web_client::json(started).at("authorize_url")));
  ASSERT_FALSE(state.empty());

  auto page = owner.get("/api/v1/sim/authorize?state=" + state);
  ASSERT_EQ(page.result_int(), 200) << page.body();
  EXPECT_NE(page.body().find(web_test::extra_shop_id), std::string::npos);

  auto consent = owner.post("/api/v1/sim/authorize",
                            json::serialize(json::object{{"state", state}, {"shop_id", web_test::extra_shop_id}}));
  ASSERT_EQ(consent.result_int(), 200) << consent.body();
  const std::string callback = text(web_test::web_client::json(consent).at("redirect"));

  auto done = owner.get(callback);
  ASSERT_EQ(done.result_int(), 303) << done.body();
  EXPECT_EQ(std::string(done[boost::beast::http::field::location]),
            "/shops?connected=" + std::string(web_test::extra_shop_id));
  EXPECT_EQ(shop_state(owner, web_test::extra_shop_id), "connected");

  auto replay = owner.get(callback);
  EXPECT_EQ(std::string(replay[boost::beast::http::field::location]), "/shops?connect_error=state_invalid");
}

TEST(WebShopsHost, OwnerDisconnectThroughTheApiDeletesTheTokens) {
  web_test::web_app app;
  web_test::web_client owner(app);
  ASSERT_EQ(owner.sign_in().result_int(), 200);
  const std::string base = "/api/v1/shops/" + std::string(web_test::mx_shop_id);
  auto preview = owner.get(base + "/disconnect-preview");
  ASSERT_EQ(preview.result_int(), 200) << preview.body();

  auto r = owner.post(base + "/disconnect", R"({"confirm":"KingKung Demo MX"})");
  ASSERT_EQ(r.result_int(), 200) << r.body();
  auto shop = web_test::web_client::json(r).at("shop");
  EXPECT_EQ(text(shop.at("state")), "disconnected");
  EXPECT_EQ(shop.at("data_deleted_at").as_int64(), shop.at("disconnected_at").as_int64() + 30 * 86400);
  auto token = storage::token_repository(app.runtime().database()).get(web_test::mx_shop_id, "access");
  ASSERT_TRUE(token);
  EXPECT_FALSE(token->has_value());
  EXPECT_EQ(shop_state(owner, web_test::mx_shop_id), "disconnected");
}

}  // namespace
