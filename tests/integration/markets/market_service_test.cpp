// The market service end to end: the real simulator, the core client, a SQLite database and a module
// plugin loaded from a shared library (tests/plugins/fixture_market.cpp), through market_env.
#include <gtest/gtest.h>

#include "market_env.hpp"

namespace kingkung::markets_test {
namespace {

const std::filesystem::path fixture_market =
    std::filesystem::path(KINGKUNG_FIXTURE_PLUGIN_DIR) / "libfixture-market.so";

market_env_options fixture_options(std::map<std::string, config::value_table::value> table = {}) {
  market_env_options o;
  o.sim.mx_orders = 4;
  o.sim.br_orders = 4;
  o.sim.us_orders = 2;
  o.module_plugins.clear();
  o.extra_module_files = {fixture_market};
  o.mx_modules = std::vector<std::string>{"fixture-market"};
  o.br_modules = std::vector<std::string>{};
  o.module_tables["MX"]["fixture-market"] = std::move(table);
  return o;
}

plugin::action_input call_input(std::string method, std::string path, std::string query = {}) {
  plugin::action_input in;
  in.fields = {{"method", std::move(method)}, {"path", std::move(path)}, {"query", std::move(query)}};
  return in;
}

TEST(MarketServiceE2E, ShipIsRefusedWithoutAPlatformCallUntilTheModuleAllowsIt) {
  market_env env(fixture_options({{"gate_message", std::string("Release the order in the fixture first.")}}));
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  ASSERT_EQ(view.package_ids.size(), 1u);

  auto refused = env.service().ship(env.mx, view, view.package_ids.front(), env.drop_off(), env.link(env.mx));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(refused.err().message.find("fixture-market: Release the order in the fixture first."),
            std::string::npos)
      << refused.err().message;
  EXPECT_EQ(env.ship_calls(), 0u);
  EXPECT_EQ(env.fetch_order(env.mx, id).status, domain::order_status::awaiting_shipment);

  auto released =
      env.service().run_action(env.mx, "fixture-market", "fixture.release", view, {}, env.link(env.mx));
  ASSERT_TRUE(released.ok()) << released.err().message;
  auto shipped = env.service().ship(env.mx, view, view.package_ids.front(), env.drop_off(), env.link(env.mx));
  ASSERT_TRUE(shipped.ok()) << shipped.err().message;
  EXPECT_TRUE(shipped->all_succeeded());
  EXPECT_EQ(env.ship_calls(), 1u);
  EXPECT_EQ(env.fetch_order(env.mx, id).status, domain::order_status::awaiting_collection);
}

TEST(MarketServiceE2E, ModuleStateSurvivesInTheDatabase) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  ASSERT_TRUE(
      env.service().run_action(env.mx, "fixture-market", "fixture.release", view, {}, env.link(env.mx)).ok());
  auto stored = env.state().get(env.mx.id, "fixture-market", "released:" + id);
  ASSERT_TRUE(stored.ok()) << stored.err().message;
  EXPECT_EQ(stored.value(), std::optional<std::string>("yes"));
}

TEST(MarketServiceE2E, AModuleReadsThePlatformThroughTheHost) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  auto called =
      env.service().run_action(env.mx, "fixture-market", "fixture.call", view,
                               call_input("GET", "/order/202507/orders", "ids=" + id), env.link(env.mx));
  ASSERT_TRUE(called.ok()) << called.err().message;
  auto data = json::parse(called->result_json);
  ASSERT_EQ(data.at("orders").as_array().size(), 1u);
  EXPECT_EQ(data.at("orders").at(0).at("id").as_string(), id);
}

TEST(MarketServiceE2E, APlatformRefusalReachesTheModuleAsRejectedWithItsCode) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  // A label before shipping is arranged: the simulator answers with the platform's 21011003.
  auto called = env.service().run_action(
      env.mx, "fixture-market", "fixture.call", view,
      call_input("GET", "/fulfillment/202309/packages/" + view.package_ids.at(0) + "/shipping_documents",
                 "document_type=SHIPPING_LABEL"),
      env.link(env.mx));
  ASSERT_FALSE(called.ok());
  EXPECT_EQ(called.err().code, plugin::errc::rejected) << called.err().message;
  EXPECT_EQ(called.err().message.rfind("code 21011003: ", 0), 0u) << called.err().message;
}

TEST(MarketServiceE2E, AModuleCannotReachPathsOutsideItsFamilies) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  const auto before = env.sim.observer->records.size();
  for (std::string path : {"/__sim/summary", "/api/v2/token/refresh", "/finance/202309/statements"}) {
    auto called = env.service().run_action(env.mx, "fixture-market", "fixture.call", view,
                                           call_input("GET", path), env.link(env.mx));
    ASSERT_FALSE(called.ok()) << path;
    EXPECT_EQ(called.err().code, plugin::errc::permission_denied) << path;
  }
  EXPECT_EQ(env.sim.observer->records.size(), before);
}

TEST(MarketServiceE2E, AFailingModuleKeepsTheOrderFromShipping) {
  market_env env(fixture_options({{"fail_checks", true}}));
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  auto shipped = env.service().ship(env.mx, view, view.package_ids.front(), env.drop_off(), env.link(env.mx));
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(shipped.err().message.find("the fixture cannot check orders today"), std::string::npos)
      << shipped.err().message;
  EXPECT_EQ(env.ship_calls(), 0u);
}

TEST(MarketServiceE2E, OrderChangesAndEventsReachTheShopsModules) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.mx, 1, "single").front();
  auto view = env.fetch_view(env.mx, id);
  EXPECT_TRUE(env.service().order_changed(env.mx, view, env.link(env.mx)).empty());
  EXPECT_TRUE(
      env.service().dispatch_event(env.mx, 1, R"({"order_id":")" + id + "\"}", env.link(env.mx)).empty());
  EXPECT_EQ(env.state().get(env.mx.id, "fixture-market", "seen:" + id).value(),
            std::optional<std::string>("AWAITING_SHIPMENT"));
  EXPECT_EQ(env.state().get(env.mx.id, "fixture-market", "event:1").value(),
            std::optional<std::string>(R"({"order_id":")" + id + "\"}"));
}

TEST(MarketServiceE2E, ShopsWithoutTheModuleAreNotGated) {
  market_env env(fixture_options());
  auto id = env.create_orders(env.br, 1, "single").front();
  auto view = env.fetch_view(env.br, id);
  auto verdict = env.service().check_ship(env.br, view, env.link(env.br));
  EXPECT_TRUE(verdict.allowed) << verdict.reason;
  EXPECT_TRUE(env.service().instantiated_modules(env.br.id).empty());
}

}  // namespace
}  // namespace kingkung::markets_test
