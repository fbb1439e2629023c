// The shops API: listing with health, the connect flow through the simulator's consent page, disconnect
// with its typed confirmation, and sync now.
#include <gtest/gtest.h>

#include <ctime>

#include "api/shops/shop_handlers.hpp"
#include "api/shops/sync_now.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "shops_fixture.hpp"

namespace {

using namespace kingkung;
using namespace kingkung::web_shops_test;

// A test app with its own shop services, as add_shop_routes makes them: over an app of its own, or over a
// suite's shared one.
struct shops_env {
  explicit shops_env(web_test::app_options options = {})
      : own_app(std::make_unique<web_test::web_app>(std::move(options))), app(*own_app), ctx(context_of(app)),
        services(web::shops::make_shop_services(ctx)), owner(demo_owner(app)) {}
  explicit shops_env(web_test::web_app& shared)
      : app(shared), ctx(context_of(app)), services(web::shops::make_shop_services(ctx)), owner(demo_owner(app)) {}

  using handler = http::response (*)(web::web_context&, web::shops::shop_services&, const http::request&,
                                     const web::caller&);
  http::response call(handler h, http::request req) { return call_as(owner, h, std::move(req)); }
  http::response call_as(const web::caller& who, handler h, http::request req) { return h(ctx, *services, req, who); }

  json::object shop(std::string_view id) {
    auto list = body_of(call(&web::shops::list_shops, make_request("GET", "/api/v1/shops")));
    for (const auto& s : list.at("shops").as_array())
      if (s.at("id").as_string() == id) return s.as_object();
    return {};
  }

  std::unique_ptr<web_test::web_app> own_app;  // null over a shared app
  web_test::web_app& app;
  web::web_context ctx;
  std::shared_ptr<web::shops::shop_services> services;
  web::caller owner;
};

std::string query_value(std::string_view url, std::string_view name) {
  auto req = http::request::from_target("GET", std::string(url));
  if (!req) return {};
  auto v = req->query_param(name);
  return v ? std::string(*v) : std::string();
}

std::map<std::string, std::string, std::less<>> shop_param(std::string_view id) {
  return {{"shop_id", std::string(id)}};
}

// Starts a connect as `who` and picks the extra simulator shop on the consent page: the callback path.
std::string consent_for_extra_shop(shops_env& env, const web::caller& who) {
  auto started = env.call_as(who, &web::shops::start_connect,
                             make_request("POST", "/api/v1/shops/connect", R"({"return_to":"/shops"})"));
  if (started.status != 200) throw std::runtime_error(started.body);
  const std::string state = query_value(text(body_of(started).at("authorize_url")), "state");
  auto consent = env.call_as(
      who, &web::shops::sim_consent,
      make_request("POST", "/api/v1/sim/authorize",
                   json::serialize(json::object{{"state", state}, {"shop_id", web_test::extra_shop_id}})));
  if (consent.status != 200) throw std::runtime_error(consent.body);
  return text(body_of(consent).at("redirect"));
}

// Tests that change nothing another test of the suite looks at share one app.
class WebShops : public web_test::shared_host<WebShops> {
 public:
  static void SetUpTestSuite() {
    shared_host::SetUpTestSuite();
    env_ = std::make_unique<shops_env>(app());
  }
  static void TearDownTestSuite() {
    env_.reset();
    shared_host::TearDownTestSuite();
  }

 protected:
  static shops_env& shared() { return *env_; }

 private:
  inline static std::unique_ptr<shops_env> env_;
};

TEST_F(WebShops, ListsTheSellersShopsWithSyncHealth) {
  auto& env = shared();
  auto list = body_of(env.call(&web::shops::list_shops, make_request("GET", "/api/v1/shops")));
  const auto& shops = list.at("shops").as_array();
  ASSERT_EQ(shops.size(), 3u);
  auto mx = env.shop(web_test::mx_shop_id);
  EXPECT_EQ(text(mx.at("state")), "connected");
  EXPECT_EQ(text(mx.at("region")), "MX");
  EXPECT_GT(mx.at("health").at("orders").as_int64(), 0);
  EXPECT_GT(mx.at("health").at("last_success_at").as_int64(), 0);
  EXPECT_TRUE(mx.at("data_deleted_at").is_null());
}

TEST_F(WebShops, ConnectStartsOnTheSimulatorsConsentPage) {
  auto& env = shared();
  auto r = env.call(&web::shops::start_connect, make_request("POST", "/api/v1/shops/connect", R"({"return_to":"/shops"})"));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto body = body_of(r);
  EXPECT_TRUE(body.at("simulator").as_bool());
  EXPECT_EQ(text(body.at("authorize_url")).rfind("/sim/authorize?state=", 0), 0u) << body;
}

TEST_F(WebShops, ConnectRefusesAReturnPathOffThisSite) {
  auto& env = shared();
  auto r = env.call(&web::shops::start_connect,
                    make_request("POST", "/api/v1/shops/connect", R"({"return_to":"//evil.example/x"})"));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "return_to");
}

TEST_F(WebShops, ConsentPageListsTheSimulatorShopsAndWhichAreConnected) {
  auto& env = shared();
  auto started = env.call(&web::shops::start_connect, make_request("POST", "/api/v1/shops/connect"));
  const std::string state = query_value(text(body_of(started).at("authorize_url")), "state");
  auto r = env.call(&web::shops::sim_shops, make_request("GET", "/api/v1/sim/authorize?state=" + state));
  ASSERT_EQ(r.status, 200u) << r.body;
  std::map<std::string, bool> connected;
  const auto body = body_of(r);
  for (const auto& s : body.at("shops").as_array())
    connected[text(s.at("id"))] = s.at("connected").as_bool();
  EXPECT_TRUE(connected.at(std::string(web_test::mx_shop_id)));
  EXPECT_FALSE(connected.at(std::string(web_test::extra_shop_id)));
}

TEST(WebShopsFlow, ConnectFlowEndsWithTheExtraShopConnected) {
  shops_env env;
  const std::string callback = consent_for_extra_shop(env, env.owner);
  EXPECT_EQ(callback.rfind("/oauth/tiktok/callback?", 0), 0u) << callback;
  auto r = env.call(&web::shops::oauth_callback, make_request("GET", callback));
  ASSERT_EQ(r.status, 303u) << r.body;
  EXPECT_EQ(std::string(r.headers.get("Location").value_or("")),
            "/shops?connected=" + std::string(web_test::extra_shop_id));
  auto shop = env.shop(web_test::extra_shop_id);
  ASSERT_FALSE(shop.empty());
  EXPECT_EQ(text(shop.at("state")), "connected");
  EXPECT_EQ(text(shop.at("name")), "KingKung Second MX");
}

TEST(WebShopsFlow, ReplayedCallbackFailsWithoutConnectingAgain) {
  shops_env env;
  const std::string callback = consent_for_extra_shop(env, env.owner);
  ASSERT_EQ(env.call(&web::shops::oauth_callback, make_request("GET", callback)).status, 303u);
  // Disconnected after the first connect: a replay must not bring it back.
  ASSERT_TRUE(storage::shop_repository(env.app.runtime().database(), env.app.runtime().vault())
                  .set_state(web_test::extra_shop_id, domain::shop_state::disconnected));
  auto replay = env.call(&web::shops::oauth_callback, make_request("GET", callback));
  ASSERT_EQ(replay.status, 303u);
  EXPECT_EQ(std::string(replay.headers.get("Location").value_or("")), "/shops?connect_error=state_invalid");
  EXPECT_EQ(text(env.shop(web_test::extra_shop_id).at("state")), "disconnected");
}

TEST(WebShopsFlow, AnotherAccountsStateFailsWithoutConnecting) {
  shops_env env;
  const std::string callback = consent_for_extra_shop(env, env.owner);
  auto stranger = other_seller(env.app);
  auto r = env.call_as(stranger, &web::shops::oauth_callback, make_request("GET", callback));
  ASSERT_EQ(r.status, 303u);
  EXPECT_EQ(std::string(r.headers.get("Location").value_or("")).rfind("/shops?connect_error=", 0), 0u);
  auto stored = storage::shop_repository(env.app.runtime().database(), env.app.runtime().vault()).get(web_test::extra_shop_id);
  ASSERT_TRUE(stored);
  EXPECT_FALSE(stored->has_value());
}

TEST_F(WebShops, ConsentWithAnotherSellersStateIsRefused) {
  auto& env = shared();
  auto started = env.call(&web::shops::start_connect, make_request("POST", "/api/v1/shops/connect"));
  const std::string state = query_value(text(body_of(started).at("authorize_url")), "state");
  auto stranger = other_seller(env.app, "State Stranger");
  auto r = env.call_as(stranger, &web::shops::sim_shops, make_request("GET", "/api/v1/sim/authorize?state=" + state));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "state");
}

TEST(WebShopsFlow, DisconnectPreviewSaysWhatIsDeletedAndWhen) {
  shops_env env({.extra_toml = "[privacy]\nretention_days = 7\n"});
  const auto before = static_cast<std::int64_t>(std::time(nullptr));
  auto r = env.call(&web::shops::disconnect_preview, make_request("GET", "/x", {}, shop_param(web_test::br_shop_id)));
  const auto after = static_cast<std::int64_t>(std::time(nullptr));
  ASSERT_EQ(r.status, 200u) << r.body;
  auto body = body_of(r);
  EXPECT_EQ(body.at("retention_days").as_int64(), 7);
  EXPECT_EQ(text(body.at("tokens_deleted")), "now");
  bool tokens = false, orders = false;
  for (const auto& d : body.at("deletes").as_array()) {
    tokens = tokens || d == "tokens";
    orders = orders || d == "orders";
  }
  EXPECT_TRUE(tokens && orders);
  EXPECT_GE(body.at("data_deleted_at").as_int64(), before + 7 * 86400);
  EXPECT_LE(body.at("data_deleted_at").as_int64(), after + 7 * 86400);
}

TEST_F(WebShops, DisconnectWithoutTheTypedNameChangesNothing) {
  auto& env = shared();
  auto r = env.call(&web::shops::disconnect_shop,
                    make_request("POST", "/x", R"({"confirm":"KingKung Demo"})", shop_param(web_test::br_shop_id)));
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(text(body_of(r).at("error").at("field")), "confirm");
  EXPECT_EQ(text(env.shop(web_test::br_shop_id).at("state")), "connected");
  auto token = storage::token_repository(env.app.runtime().database()).get(web_test::br_shop_id, "access");
  ASSERT_TRUE(token);
  EXPECT_TRUE(token->has_value());
}

TEST(WebShopsFlow, DisconnectDeletesTokensAndShowsTheDataDeletionDate) {
  shops_env env;
  auto r = env.call(&web::shops::disconnect_shop,
                    make_request("POST", "/x", R"({"confirm":"KingKung Demo BR"})", shop_param(web_test::br_shop_id)));
  ASSERT_EQ(r.status, 200u) << r.body;
  storage::token_repository tokens(env.app.runtime().database());
  for (const char* kind : {"access", "refresh"}) {
    auto token = tokens.get(web_test::br_shop_id, kind);
    ASSERT_TRUE(token);
    EXPECT_FALSE(token->has_value()) << kind;
  }
  auto shop = env.shop(web_test::br_shop_id);
  EXPECT_EQ(text(shop.at("state")), "disconnected");
  EXPECT_EQ(shop.at("data_deleted_at").as_int64(), shop.at("disconnected_at").as_int64() + 30 * 86400);
  EXPECT_FALSE(env.app.services().links().link_for(web_test::br_shop_id).has_value());
}

TEST_F(WebShops, AnotherSellersShopIsNotFound) {
  auto& env = shared();
  auto stranger = other_seller(env.app, "Shop Stranger");
  EXPECT_EQ(env.call_as(stranger, &web::shops::disconnect_preview,
                        make_request("GET", "/x", {}, shop_param(web_test::mx_shop_id)))
                .status,
            404u);
  EXPECT_EQ(env.call_as(stranger, &web::shops::disconnect_shop,
                        make_request("POST", "/x", R"({"confirm":"KingKung Demo MX"})", shop_param(web_test::mx_shop_id)))
                .status,
            404u);
  EXPECT_EQ(env.call_as(stranger, &web::shops::sync_shop, make_request("POST", "/x", {}, shop_param(web_test::mx_shop_id)))
                .status,
            404u);
  EXPECT_EQ(text(env.shop(web_test::mx_shop_id).at("state")), "connected");
}

TEST(WebShopsFlow, SyncNowBringsInAnOrderPlacedSinceTheLastSync) {
  shops_env env;
  storage::order_repository orders(env.app.runtime().database());
  auto count = [&] {
    storage::order_page_request req;
    req.shop_id = std::string(web_test::us_shop_id);
    req.limit = 500;
    auto page = orders.list(req);
    return page ? page->orders.size() : 0u;
  };
  const auto before = count();
  auto transport = env.app.services().links().transport("tiktok-sim");
  ASSERT_TRUE(transport);
  plugin::http_request create;
  create.method = "POST";
  create.target = "/__sim/orders";
  create.headers.push_back({"content-type", "application/json"});
  create.body = R"({"shop":"demo-us","count":1})";
  auto created = (*transport)->send(create);
  ASSERT_TRUE(created && created->status == 200) << (created ? created->body : created.err().message);

  auto r = env.call(&web::shops::sync_shop, make_request("POST", "/x", {}, shop_param(web_test::us_shop_id)));
  ASSERT_EQ(r.status, 202u) << r.body;
  env.services->syncer->wait_idle();
  EXPECT_EQ(count(), before + 1);
}

}  // namespace
