// The core client against the simulator's injected faults (docs/simulator.md, "Faults" and "Call log"):
// rate-limit and server faults are retried, a write whose answer may be lost is never re-sent, a
// refused refresh token asks for re-authorisation, and the simulator's call log shows what was sent.
#include <gtest/gtest.h>

#include <map>

#include "sim_env.hpp"

namespace kingkung::tiktok_sim_test {
namespace {

std::string awaiting_package(sim_env& env, const shop_ref& shop) {
  auto id = env.create_orders(shop.id, 1, "single").front();
  auto orders = tiktok::get_order_detail(*env.api, shop, {id});
  if (!orders.ok() || orders->size() != 1) throw std::runtime_error("new order not readable");
  return orders->front().package_ids.front();
}

std::string package_status(sim_env& env, const shop_ref& shop, const std::string& package_id) {
  auto p = tiktok::get_package_detail(*env.api, shop, package_id);
  if (!p.ok()) throw std::runtime_error(p.err().to_string());
  return p->status;
}

// The simulator's call log entries whose path starts with `prefix`.
json::array sim_calls(sim_env& env, const std::string& prefix) {
  auto data = env.control_data("GET", "/__sim/calls?limit=10000&path_prefix=" + prefix);
  return data.at("calls").as_array();
}

void script(sim_env& env, json::object fault) {
  env.control_data("POST", "/__sim/faults/next", fault);
}

tiktok::ship_package_request drop_off() {
  tiktok::ship_package_request r;
  r.handover_method = "DROP_OFF";
  return r;
}

TEST(TiktokSimFaults, ARateLimitFaultIsRetriedByTheClientAndTheCallSucceeds) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  script(env, {{"kind", "429"}, {"path", "/order/*/orders/search"}});
  auto page = tiktok::search_orders(*env.api, shop, {});
  ASSERT_TRUE(page.ok()) << page.err().to_string();
  auto calls = sim_calls(env, "/order/");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0].as_object().at("fault"), "429");
  EXPECT_EQ(calls[1].as_object().at("status"), 200);
}

TEST(TiktokSimFaults, AServerErrorOnShipIsSentAgainAndShipsTheParcelOnce) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  auto package = awaiting_package(env, shop);
  script(env, {{"kind", "500"}, {"method", "POST"}, {"path", "/fulfillment/*/packages/*/ship"}});
  auto shipped = tiktok::ship_package(*env.api, shop, package, drop_off());
  ASSERT_EQ(first_code(shipped), 0) << (shipped.ok() ? "" : shipped.err().to_string());
  EXPECT_EQ(package_status(env, shop, package), "FULFILLING");
  auto ships = sim_calls(env, "/fulfillment/202309/packages/" + package + "/ship");
  ASSERT_EQ(ships.size(), 2u);
  EXPECT_EQ(ships[0].as_object().at("status"), 500);
  EXPECT_EQ(ships[1].as_object().at("code"), 0);
}

TEST(TiktokSimFaults, AShipWhoseAnswerIsLostIsNotSentAgainThoughItShipped) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  auto package = awaiting_package(env, shop);
  script(env, {{"kind", "lost_answer"}, {"path", "/fulfillment/*/packages/*/ship"}});
  auto shipped = tiktok::ship_package(*env.api, shop, package, drop_off());
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().kind, tiktok::error_class::indeterminate);
  EXPECT_EQ(sim_calls(env, "/fulfillment/202309/packages/" + package + "/ship").size(), 1u);
  EXPECT_EQ(package_status(env, shop, package), "FULFILLING");  // it was processed: core must check
}

TEST(TiktokSimFaults, AShipThatTimesOutIsNotSentAgainAndDidNotShip) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  auto package = awaiting_package(env, shop);
  script(env, {{"kind", "timeout"}, {"path", "/fulfillment/*/packages/*/ship"}});
  auto shipped = tiktok::ship_package(*env.api, shop, package, drop_off());
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().kind, tiktok::error_class::indeterminate);
  EXPECT_EQ(sim_calls(env, "/fulfillment/202309/packages/" + package + "/ship").size(), 1u);
  EXPECT_EQ(package_status(env, shop, package), "PROCESSING");
}

TEST(TiktokSimFaults, AReadThatTimesOutIsRetriedAndSucceeds) {
  env_options options;
  options.max_retries = 3;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  script(env, {{"kind", "timeout"}, {"path", "/seller/*"}});
  auto shops = tiktok::get_active_shops(*env.api, shop);
  ASSERT_TRUE(shops.ok()) << shops.err().to_string();
  EXPECT_EQ(sim_calls(env, "/seller/").size(), 2u);
}

TEST(TiktokSimFaults, UnderA429StormNoSimulatedSecondSeesMoreThanFiftyCalls) {
  env_options options;
  options.us_orders = 10;
  options.qps_per_api = 40;
  options.max_retries = 10;
  sim_env env(options);
  auto shop = env.connect(us_shop_id);
  env.control_data("POST", "/__sim/faults",
                   json::object{{"rates", {{"429", 0.4}}}, {"paths", {"/order/*"}}, {"seed", 3}});
  int failed = 0;
  for (int i = 0; i < 150; ++i) failed += tiktok::search_orders(*env.api, shop, {}).ok() ? 0 : 1;
  EXPECT_EQ(failed, 0);
  std::map<std::int64_t, int> per_second;
  int limited = 0;
  for (const auto& c : sim_calls(env, "/order/")) {
    ++per_second[c.as_object().at("time").as_int64()];
    limited += c.as_object().at("status") == 429 ? 1 : 0;
  }
  EXPECT_GT(limited, 20);  // it was a storm
  for (const auto& [second, count] : per_second) EXPECT_LE(count, 50) << "at " << second;
}

TEST(TiktokSimFaults, TheSimulatorsCallLogHoldsNoSecretOfTheClient) {
  sim_env env;
  auto shop = env.connect(us_shop_id);
  ASSERT_TRUE(tiktok::search_orders(*env.api, shop, {}).ok());
  auto token = env.tokens->current(us_shop_id);
  ASSERT_TRUE(token.ok());
  std::string log = json::serialize(env.control_data("GET", "/__sim/calls?limit=10000"));
  EXPECT_NE(log.find("/order/202309/orders/search"), std::string::npos);
  EXPECT_EQ(log.find(std::string(app_secret)), std::string::npos);
  EXPECT_EQ(log.find(token->reveal()), std::string::npos);
  EXPECT_EQ(log.find("sign="), std::string::npos);
}

TEST(TiktokSimFaults, ARefusedRefreshTokenAsksForReauthorisation) {
  sim_env env;
  env.connect(us_shop_id);
  env.control_data("POST", "/__sim/deauthorize", json::object{{"shop", us_shop_id}});
  auto refreshed = env.tokens->refresh(us_shop_id);
  ASSERT_FALSE(refreshed.ok());
  EXPECT_EQ(refreshed.err().kind, tiktok::error_class::unauthenticated) << refreshed.err().to_string();
}

}  // namespace
}  // namespace kingkung::tiktok_sim_test
