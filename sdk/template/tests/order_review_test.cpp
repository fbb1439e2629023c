// The order-review module against the TikTok Shop simulator from the SDK's test kit.
#include <gtest/gtest.h>

#include "kingkung/testkit/sim_platform.hpp"
#include "order_review.hpp"

namespace {
namespace kp = kingkung::plugin;
using kingkung::testkit::config_table;
using kingkung::testkit::sim_platform;

std::unique_ptr<kp::market_module> make(sim_platform& sim, std::string min_total) {
  auto made = order_review::module::create(sim.context(config_table().set("min_total", std::move(min_total))),
                                           sim.shop("demo-us").shop_id());
  if (!made.ok()) throw std::runtime_error(made.err().message);
  return std::move(made.value());
}

TEST(OrderReview, ParsesAmountsAsDecimalText) {
  EXPECT_EQ(order_review::parse_amount("500"), 5'000'000);
  EXPECT_EQ(order_review::parse_amount("0.5"), 5'000);
  EXPECT_EQ(order_review::parse_amount("12.3456"), 123'456);
  EXPECT_FALSE(order_review::parse_amount("1e3"));
  EXPECT_FALSE(order_review::parse_amount("-1"));
  EXPECT_FALSE(order_review::parse_amount(""));
}

TEST(OrderReview, RefusesAMinTotalThatIsNotAnAmount) {
  sim_platform sim;
  auto made = order_review::module::create(sim.context(config_table().set("min_total", std::string("lots"))), "1");
  ASSERT_FALSE(made.ok());
  EXPECT_NE(made.err().message.find("min_total"), std::string::npos);
  EXPECT_NE(made.err().message.find("\"lots\""), std::string::npos);
}

TEST(OrderReview, HoldsAnOrderAtOrAboveTheThresholdUntilApproved) {
  sim_platform sim;
  auto ids = sim.place_orders("demo-us", 1);
  ASSERT_EQ(ids.size(), 1u);
  auto order = sim.order("demo-us", ids[0]);
  auto module = make(sim, order.total_amount);  // exactly at the threshold
  auto& api = sim.shop("demo-us");

  auto gate = module->check_ship(order, api);
  ASSERT_TRUE(gate.ok()) << gate.err().message;
  EXPECT_FALSE(gate->allowed);
  EXPECT_NE(gate->reason.find(order.total_amount), std::string::npos);

  auto state = module->action_state_for("review.approve", order);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->applies);
  EXPECT_TRUE(state->enabled);

  auto approved = module->run_action("review.approve", order, {}, api);
  ASSERT_TRUE(approved.ok()) << approved.err().message;
  gate = module->check_ship(order, api);
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE(gate->allowed);
}

TEST(OrderReview, LetsAnOrderBelowTheThresholdShipWithoutReview) {
  sim_platform sim;
  auto ids = sim.place_orders("demo-us", 1);
  auto order = sim.order("demo-us", ids.at(0));
  auto module = make(sim, "1000000");
  auto gate = module->check_ship(order, sim.shop("demo-us"));
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE(gate->allowed);
  auto state = module->action_state_for("review.approve", order);
  ASSERT_TRUE(state.ok());
  EXPECT_FALSE(state->applies);
}

TEST(OrderReview, TheShipGateMakesNoPlatformCall) {
  sim_platform sim;
  auto ids = sim.place_orders("demo-us", 1);
  auto order = sim.order("demo-us", ids.at(0));
  auto module = make(sim, "0");
  auto before = sim.calls().size();
  auto gate = module->check_ship(order, sim.shop("demo-us"));
  ASSERT_TRUE(gate.ok());
  EXPECT_FALSE(gate->allowed);
  EXPECT_EQ(sim.calls().size(), before);
}

TEST(OrderReview, ShopApiCallsReachThePlatformSigned) {
  // The test kit's shop_api is the host's: a module can read what it needs from the platform.
  sim_platform sim;
  auto& api = sim.shop("demo-mx");
  auto data = api.call("GET", "/order/202309/orders", {{"ids", sim.place_orders("demo-mx", 1).at(0)}}, "");
  ASSERT_TRUE(data.ok()) << data.err().message;
  EXPECT_NE(data->find("\"orders\""), std::string::npos);
  auto refused = api.call("GET", "/order/202309/no_such_endpoint", {}, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.err().message.find("36009009"), std::string::npos) << refused.err().message;
  auto outside = api.call("GET", "/finance/202309/statements", {}, "");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.err().code, kp::errc::permission_denied);
  ASSERT_FALSE(sim.calls().empty());
  EXPECT_EQ(sim.calls().front().path, "/order/202309/orders");
  EXPECT_EQ(sim.calls().front().code, 0);
}

}  // namespace
