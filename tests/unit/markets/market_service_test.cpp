// The market service: lazy module instances per shop, fail-closed ship gating with no platform call
// when refused, action routing, fan-out of order changes and events, per-shop serialisation.
#include "kingkung/markets/market_service.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "kingkung/config/value_table.hpp"
#include "kingkung/storage/module_state_repository.hpp"
#include "market_test_support.hpp"

namespace kingkung::markets_unit {
namespace {

domain::shop shop_with(std::string id, std::vector<std::string> modules) {
  domain::shop s;
  s.id = std::move(id);
  s.region = "MX";
  s.seller_type = "CROSS_BORDER";
  s.cipher = "cipher-" + s.id;
  s.modules = std::move(modules);
  return s;
}

plugin::order_view order_of(const domain::shop& shop, std::string id = "5761") {
  plugin::order_view v;
  v.shop_id = shop.id;
  v.order_id = std::move(id);
  v.region = shop.region;
  v.status = "AWAITING_SHIPMENT";
  v.package_ids = {"1152"};
  return v;
}

module_script refusing(std::string reason) {
  module_script s;
  s.gate = plugin::ship_gate{false, std::move(reason)};
  return s;
}
module_script failing_check(plugin::error e) {
  module_script s;
  s.check_error = std::move(e);
  return s;
}
module_script failing_change(plugin::error e) {
  module_script s;
  s.changed_error = std::move(e);
  return s;
}
module_script with_state(plugin::action_state state) {
  module_script s;
  s.state = std::move(state);
  return s;
}

class MarketService : public ::testing::Test {
 protected:
  void SetUp() override {
    reset_journal();
    auto report = host.load_in_process(fake_descriptor);
    ASSERT_EQ(report.status, plugins::load_status::loaded) << report.reason;
    markets::market_settings settings;
    settings.tables["MX"]["fake-a"] = std::make_shared<config::value_table>(
        "test [markets.MX.fake-a]", std::map<std::string, config::value_table::value>{});
    service = std::make_unique<markets::market_service>(host, std::move(settings), *db);
  }
  void TearDown() override { service.reset(); }

  void script(const std::string& module, module_script s) {
    std::lock_guard lock(journal().mu);
    journal().scripts[module] = std::move(s);
  }
  markets::platform_link link_for(const domain::shop& shop) {
    return markets::platform_link{*client, tiktok::shop_ref{shop.id, shop.cipher}};
  }

  std::shared_ptr<recording_transport> transport = std::make_shared<recording_transport>();
  std::unique_ptr<tiktok::client> client = make_client(transport);
  std::unique_ptr<storage::database> db = memory_database();
  plugins::plugin_host host;
  std::unique_ptr<markets::market_service> service;
  domain::shop shop = shop_with("7001", {"fake-a", "fake-b"});
};

TEST_F(MarketService, ShipMakesNoPlatformCallWhenAModuleRefuses) {
  script("fake-a", refusing("Split the order first."));
  auto shipped = service->ship(shop, order_of(shop), "1152", {}, link_for(shop));
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(shipped.err().message.find("fake-a: Split the order first."), std::string::npos)
      << shipped.err().message;
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(MarketService, ShippingIsRefusedWhenAnyModuleRefuses) {
  script("fake-b", refusing("Upload the invoice."));
  auto verdict = service->check_ship(shop, order_of(shop), link_for(shop));
  EXPECT_FALSE(verdict.allowed);
  ASSERT_EQ(verdict.refusals.size(), 1u);
  EXPECT_EQ(verdict.refusals[0].module_id, "fake-b");
  EXPECT_EQ(verdict.reason, "fake-b: Upload the invoice.");
}

TEST_F(MarketService, ShipCallsShipPackageWhenEveryModuleAllows) {
  auto shipped = service->ship(shop, order_of(shop), "1152", {}, link_for(shop));
  ASSERT_TRUE(shipped.ok()) << shipped.err().message;
  auto sent = transport->sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].method, "POST");
  EXPECT_EQ(sent[0].target.substr(0, sent[0].target.find('?')), "/fulfillment/202309/packages/1152/ship");
}

TEST_F(MarketService, AModuleErrorBlocksShippingWithAReasonNamingIt) {
  script("fake-a", failing_check(plugin::make_error(plugin::errc::unavailable, "state store offline")));
  auto verdict = service->check_ship(shop, order_of(shop), link_for(shop));
  EXPECT_FALSE(verdict.allowed);
  EXPECT_NE(verdict.reason.find("fake-a: could not check"), std::string::npos) << verdict.reason;
  EXPECT_NE(verdict.reason.find("state store offline"), std::string::npos) << verdict.reason;
  auto shipped = service->ship(shop, order_of(shop), "1152", {}, link_for(shop));
  EXPECT_FALSE(shipped.ok());
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(MarketService, AModuleThatCannotBeCreatedBlocksShipping) {
  auto odd = shop_with("7002", {"fake-a", "no-such-module"});
  auto verdict = service->check_ship(odd, order_of(odd), link_for(odd));
  EXPECT_FALSE(verdict.allowed);
  ASSERT_EQ(verdict.refusals.size(), 1u);
  EXPECT_EQ(verdict.refusals[0].module_id, "no-such-module");
}

TEST_F(MarketService, ShipRefusesAPackageThatIsNotTheOrders) {
  auto shipped = service->ship(shop, order_of(shop), "9999", {}, link_for(shop));
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(MarketService, PlatformRefusalOfShipBecomesRejectedWithItsCode) {
  transport->answer_next(200, envelope(21011040, "package already shipped"));
  auto shipped = service->ship(shop, order_of(shop), "1152", {}, link_for(shop));
  ASSERT_FALSE(shipped.ok());
  EXPECT_EQ(shipped.err().code, plugin::errc::rejected);
  EXPECT_NE(shipped.err().message.find("code 21011040"), std::string::npos) << shipped.err().message;
}

TEST_F(MarketService, ModulesAreCreatedOncePerShopAndModule) {
  auto other = shop_with("7003", {"fake-a"});
  for (int i = 0; i < 3; ++i) {
    (void)service->check_ship(shop, order_of(shop), link_for(shop));
    (void)service->check_ship(other, order_of(other), link_for(other));
  }
  EXPECT_EQ(journal().created.load(), 3);
  EXPECT_EQ(service->instantiated_modules(shop.id), (std::vector<std::string>{"fake-a", "fake-b"}));
  EXPECT_EQ(service->instantiated_modules(other.id), (std::vector<std::string>{"fake-a"}));
}

TEST_F(MarketService, ModulesGetTheirRegionsConfigTableOrAnEmptyOneNamingIt) {
  (void)service->check_ship(shop, order_of(shop), link_for(shop));
  std::lock_guard lock(journal().mu);
  EXPECT_EQ(journal().config_seen["fake-a"], "test [markets.MX.fake-a]");
  EXPECT_NE(journal().config_seen["fake-b"].find("[markets.MX.fake-b]"), std::string::npos);
}

TEST_F(MarketService, CallsForOneShopNeverOverlap) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) (void)service->check_ship(shop, order_of(shop), link_for(shop));
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(journal().max_in_flight.load(), 1);
  EXPECT_EQ(journal().created.load(), 2);
}

TEST_F(MarketService, ActionsForListsEveryModulesActionsWithTheirState) {
  script("fake-b", with_state(plugin::action_state{true, false, "Not yet."}));
  auto listed = service->actions_for(shop, order_of(shop));
  ASSERT_EQ(listed.actions.size(), 2u);
  EXPECT_EQ(listed.actions[0].module_id, "fake-a");
  EXPECT_EQ(listed.actions[0].spec.name, "fake.act");
  EXPECT_TRUE(listed.actions[0].state.enabled);
  EXPECT_EQ(listed.actions[1].module_id, "fake-b");
  EXPECT_FALSE(listed.actions[1].state.enabled);
  EXPECT_EQ(listed.actions[1].state.reason, "Not yet.");
  EXPECT_TRUE(listed.failures.empty());
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(MarketService, RunActionPassesTheModuleItsOwnStateScope) {
  auto done = service->run_action(shop, "fake-a", "fake.act", order_of(shop), {}, link_for(shop));
  ASSERT_TRUE(done.ok()) << done.err().message;
  EXPECT_EQ(done->message, "fake-a did fake.act");
  storage::module_state_repository state(*db);
  auto stored = state.get(shop.id, "fake-a", "ran:5761");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored.value(), std::optional<std::string>("fake.act"));
  EXPECT_EQ(state.get(shop.id, "fake-b", "ran:5761").value(), std::nullopt);
}

TEST_F(MarketService, RunActionRefusesAnActionThatMayNotRunNow) {
  script("fake-a", with_state(plugin::action_state{true, false, "Wait for the split attributes."}));
  auto done = service->run_action(shop, "fake-a", "fake.act", order_of(shop), {}, link_for(shop));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(done.err().message.find("Wait for the split attributes."), std::string::npos);
  EXPECT_EQ(journal().ran.load(), 0);
}

TEST_F(MarketService, RunActionRefusesAModuleTheShopDoesNotUse) {
  auto only_a = shop_with("7004", {"fake-a"});
  auto done = service->run_action(only_a, "fake-b", "fake.act", order_of(only_a), {}, link_for(only_a));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.err().code, plugin::errc::not_found);
  EXPECT_EQ(journal().created.load(), 0);
}

TEST_F(MarketService, RunActionRefusesAnUnknownAction) {
  auto done = service->run_action(shop, "fake-a", "fake.nothing", order_of(shop), {}, link_for(shop));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.err().code, plugin::errc::not_found);
  EXPECT_EQ(journal().ran.load(), 0);
}

TEST_F(MarketService, OrderChangedReportsAFailingModuleAndStillCallsTheOthers) {
  script("fake-a", failing_change(plugin::make_error(plugin::errc::internal, "plan store broken")));
  auto failures = service->order_changed(shop, order_of(shop), link_for(shop));
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].module_id, "fake-a");
  EXPECT_EQ(failures[0].error.message, "plan store broken");
  EXPECT_EQ(journal().changed.load(), 2);
}

TEST_F(MarketService, DispatchEventHandsEveryModuleTheTypeAndData) {
  auto failures = service->dispatch_event(shop, 36, R"({"package_id":"1152"})", link_for(shop));
  EXPECT_TRUE(failures.empty());
  std::lock_guard lock(journal().mu);
  EXPECT_EQ(journal().event_log, (std::vector<std::string>{R"(fake-a 7001 36 {"package_id":"1152"})",
                                                           R"(fake-b 7001 36 {"package_id":"1152"})"}));
}

TEST_F(MarketService, ADisconnectedShopGetsNoModuleCallsAndCannotShip) {
  shop.state = domain::shop_state::disconnected;
  auto failures = service->order_changed(shop, order_of(shop), link_for(shop));
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].error.code, plugin::errc::failed_precondition);
  EXPECT_FALSE(service->ship(shop, order_of(shop), "1152", {}, link_for(shop)).ok());
  EXPECT_EQ(journal().changed.load(), 0);
  EXPECT_EQ(transport->count(), 0u);
}

TEST_F(MarketService, ReleaseShopDropsItsModulesUntilTheNextCall) {
  (void)service->check_ship(shop, order_of(shop), link_for(shop));
  service->release_shop(shop.id);
  EXPECT_TRUE(service->instantiated_modules(shop.id).empty());
  (void)service->check_ship(shop, order_of(shop), link_for(shop));
  EXPECT_EQ(journal().created.load(), 4);
}

TEST_F(MarketService, ALinkForAnotherShopIsRefused) {
  auto other = shop_with("7005", {"fake-a"});
  auto verdict = service->check_ship(shop, order_of(shop), link_for(other));
  EXPECT_FALSE(verdict.allowed);
  EXPECT_EQ(journal().created.load(), 0);
}

TEST_F(MarketService, AnOrderOfAnotherShopIsRefusedBeforeAnyModuleSeesIt) {
  auto other = shop_with("7006", {"fake-a"});
  auto verdict = service->check_ship(shop, order_of(other), link_for(shop));
  EXPECT_FALSE(verdict.allowed);
  ASSERT_EQ(verdict.refusals.size(), 1u);
  EXPECT_EQ(verdict.refusals[0].module_id, "host");
  auto done = service->run_action(shop, "fake-a", "fake.act", order_of(other), {}, link_for(shop));
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.err().code, plugin::errc::invalid_argument);
  EXPECT_EQ(journal().created.load(), 0);
  EXPECT_EQ(transport->count(), 0u);
}

}  // namespace
}  // namespace kingkung::markets_unit
