// mx-split end to end: the real mx-split and tiktok-sim plugins, the core client and the market service.
// An MX cross-border demo order that must be split is refused at shipping (no Ship call), planned,
// split on the platform with one Split Orders call, and then each new package ships.
#include <gtest/gtest.h>

#include <set>

#include "market_env.hpp"

namespace kingkung::markets_test {
namespace {

constexpr std::string_view module_id = "mx-split";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

class MxSplitEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!env.has_module(module_id)) GTEST_SKIP() << env.missing_reason(module_id);
  }

  plugin::result<plugin::action_outcome> run(std::string_view action, const plugin::order_view& view,
                                             plugin::action_input input = {}) {
    return env.service().run_action(env.mx, module_id, action, view, input, env.link(env.mx));
  }

  std::size_t split_calls(const std::string& order_id) {
    return env.calls_to("/fulfillment/202309/orders/" + order_id + "/split");
  }

  // Ships every package of the order and answers the order's status afterwards.
  std::string ship_all(const std::string& order_id) {
    auto view = env.fetch_view(env.mx, order_id);
    for (const auto& package : view.package_ids) {
      auto shipped = env.service().ship(env.mx, view, package, market_env::drop_off(), env.link(env.mx));
      EXPECT_TRUE(shipped.ok()) << package << ": " << shipped.err().message;
    }
    return env.fetch_view(env.mx, order_id).status;
  }

  market_env env;
};

TEST_F(MxSplitEndToEnd, AMustSplitOrderIsRefusedAtShippingThenPlannedSplitAndShipped) {
  const std::string id = env.create_orders(env.mx, 1, "must_split_category").front();
  auto view = env.fetch_view(env.mx, id);
  ASSERT_EQ(view.package_ids.size(), 1u);
  ASSERT_TRUE(env.service().order_changed(env.mx, view, env.link(env.mx)).empty());

  // Shipping before the split: refused by the gate, and no Ship call reaches the platform.
  auto verdict = env.service().check_ship(env.mx, view, env.link(env.mx));
  EXPECT_FALSE(verdict.allowed);
  EXPECT_TRUE(contains(verdict.reason, "must be split before it ships")) << verdict.reason;
  auto early =
      env.service().ship(env.mx, view, view.package_ids.front(), market_env::drop_off(), env.link(env.mx));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.err().code, plugin::errc::failed_precondition);
  EXPECT_EQ(env.ship_calls(), 0u);

  auto preview = run("split.preview", view);
  ASSERT_TRUE(preview.ok()) << preview.err().message;
  json::value plan = json::parse(preview->result_json);
  const std::size_t planned = plan.at("packages").as_array().size();
  EXPECT_GE(planned, 2u);
  EXPECT_EQ(plan.at("minimal"), true);
  EXPECT_EQ(split_calls(id), 0u);

  auto confirmed = run("split.confirm", view);
  ASSERT_TRUE(confirmed.ok()) << confirmed.err().message;
  EXPECT_EQ(split_calls(id), 1u);

  // The platform now has the planned packages, each holding the planned items.
  auto after = env.fetch_view(env.mx, id);
  ASSERT_EQ(after.package_ids.size(), planned);
  json::value result = json::parse(confirmed->result_json);
  for (const auto& group : result.at("packages").as_array()) {
    std::string package(group.at("package_id").as_string());
    for (const auto& line_id : group.at("line_item_ids").as_array()) {
      for (const auto& line : after.lines) {
        if (line.id != line_id.as_string()) continue;
        EXPECT_EQ(line.package_id, package) << line.id;
      }
    }
  }

  // A second confirm sends nothing (the split actions no longer apply); the gate opens; every package ships.
  EXPECT_FALSE(run("split.confirm", after).ok());
  EXPECT_EQ(split_calls(id), 1u);
  ASSERT_TRUE(env.service().order_changed(env.mx, after, env.link(env.mx)).empty());
  EXPECT_TRUE(env.service().check_ship(env.mx, after, env.link(env.mx)).allowed);
  EXPECT_EQ(ship_all(id), "AWAITING_COLLECTION");
  EXPECT_EQ(env.ship_calls(), planned);
}

TEST_F(MxSplitEndToEnd, SplitAllSplitsAnOrderOverThePackageTotalAndLeavesOthers) {
  const std::string over = env.create_orders(env.mx, 1, "must_split_total").front();
  const std::string single = env.create_orders(env.mx, 1, "single").front();

  auto split = run("split.all", env.fetch_view(env.mx, over));
  ASSERT_TRUE(split.ok()) << split.err().message;
  EXPECT_EQ(json::parse(split->result_json).at("status"), "split");
  EXPECT_EQ(split_calls(over), 1u);
  EXPECT_GE(env.fetch_view(env.mx, over).package_ids.size(), 2u);
  EXPECT_EQ(ship_all(over), "AWAITING_COLLECTION");

  auto one = env.fetch_view(env.mx, single);
  EXPECT_TRUE(env.service().check_ship(env.mx, one, env.link(env.mx)).allowed);
  EXPECT_EQ(split_calls(single), 0u);
}

TEST_F(MxSplitEndToEnd, ASellerPlanThatBreaksALimitIsRefusedBeforeAnyCall) {
  const std::string id = env.create_orders(env.mx, 1, "must_split_category").front();
  auto view = env.fetch_view(env.mx, id);
  ASSERT_TRUE(run("split.preview", view).ok());
  json::array all;
  for (const auto& line : view.lines) all.emplace_back(line.id);
  json::array plan{all, json::array{}};  // everything in one package, the other left empty
  auto adjusted = run("split.adjust", view, {"", {{"plan", json::serialize(plan)}}});
  ASSERT_FALSE(adjusted.ok());
  EXPECT_TRUE(contains(adjusted.err().message, "CATEGORY_ITEM_LIMITATION")) << adjusted.err().message;
  EXPECT_EQ(split_calls(id), 0u);
}

}  // namespace
}  // namespace kingkung::markets_test
