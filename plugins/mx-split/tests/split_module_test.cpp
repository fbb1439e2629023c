// The mx-split module against a fake shop_api: what it calls, what it stores, what the seller reads.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "kingkung/mx/split_module.hpp"
#include "module_fakes.hpp"

namespace kingkung::mx {
namespace {

namespace json = boost::json;
using testing::attributes_json;
using testing::fake_context;
using testing::fake_shop_api;
using testing::make_order;
using testing::product_json;
using testing::recorded_call;

constexpr const char* attributes_path = "/fulfillment/202309/orders/split_attributes";
constexpr const char* order_id = "5770000000000000001";
constexpr const char* split_path = "/fulfillment/202309/orders/5770000000000000001/split";
constexpr const char* phone_limit =
    R"([{"type":"CATEGORY_ITEM_LIMITATION","category_id":"601739","max_count":"1"}])";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Two phones (one SKU) and a knife set: Mobile Phones at most 1 per package, so it must split.
class MxSplitModule : public ::testing::Test {
 protected:
  void SetUp() override { set_up({}); }

  void set_up(std::map<std::string, testing::config_value> config, std::string seller = "CROSS_BORDER") {
    ctx = std::make_unique<fake_context>(std::move(config));
    api = std::make_unique<fake_shop_api>(seller);
    auto made = make_split_module(*ctx, "7495610013482590221");
    ASSERT_TRUE(made.ok()) << made.err().message;
    module = std::move(made.value());
    order = make_order(order_id,
                       {{"li1", "PHN", "p-phone", "189.00"},
                        {"li2", "PHN", "p-phone", "189.00"},
                        {"li3", "KNF", "p-knife", "29.99"}},
                       seller);
    must_split(phone_limit);
    api->on("GET", "/product/202309/products/p-phone",
            [](const recorded_call&) { return product_json("p-phone", "601739", "Mobile Phones"); });
    api->on("GET", "/product/202309/products/p-knife",
            [](const recorded_call&) { return product_json("p-knife", "600154", "Kitchenware"); });
    api->on("POST", split_path, [this](const recorded_call& c) -> plugin::result<std::string> {
      json::array packages;
      json::value body = json::parse(c.body);
      for (const auto& g : body.at("splittable_groups").as_array())
        packages.push_back(json::object{{"splittable_group_id", g.at("id")},
                                        {"id", "115000000000000010" + std::to_string(packages.size())}});
      split_bodies.push_back(c.body);
      return json::serialize(json::object{{"packages", std::move(packages)}});
    });
  }

  void must_split(std::string reasons, bool must = true) {
    api->on("GET", attributes_path,
            [reasons, must](const recorded_call&) { return attributes_json(order_id, must, reasons); });
  }

  plugin::result<plugin::action_outcome> run(std::string_view action, plugin::action_input input = {}) {
    return module->run_action(action, order, input, *api);
  }

  plugin::action_input plan_input(std::string plan) { return {"", {{"plan", std::move(plan)}}}; }

  std::unique_ptr<fake_context> ctx;
  std::unique_ptr<fake_shop_api> api;
  std::unique_ptr<plugin::market_module> module;
  plugin::order_view order;
  std::vector<std::string> split_bodies;
};

TEST_F(MxSplitModule, DeclaresSplitPlanningShipGatingAndItsActions) {
  EXPECT_EQ(module->capabilities(), plugin::capability_split_planning | plugin::capability_ship_gating);
  std::vector<std::string> names;
  for (const auto& a : module->actions()) {
    names.push_back(a.name);
    EXPECT_EQ(a.bulk, a.name == "split.all") << a.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"split.preview", "split.adjust", "split.confirm", "split.all"}));
}

TEST_F(MxSplitModule, RefusesToShipAnOrderThatMustSplitWithoutCallingShip) {
  auto gate = module->check_ship(order, *api);
  ASSERT_TRUE(gate.ok()) << gate.err().message;
  EXPECT_FALSE(gate->allowed);
  EXPECT_TRUE(contains(gate->reason, "must be split before it ships")) << gate->reason;
  EXPECT_TRUE(contains(gate->reason, "at most 1 item of category 601739")) << gate->reason;
  ASSERT_EQ(api->calls.size(), 1u);
  EXPECT_EQ(api->calls[0].path, attributes_path);
  EXPECT_EQ(api->count_containing("/ship"), 0u);
}

TEST_F(MxSplitModule, LetsAnOrderThatNeedsNoSplitShip) {
  must_split("[]", false);
  auto gate = module->check_ship(order, *api);
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE(gate->allowed);
}

TEST_F(MxSplitModule, LetsASingleItemOrderShipWithoutAsking) {
  order.lines.resize(1);
  auto gate = module->check_ship(order, *api);
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE(gate->allowed);
  EXPECT_TRUE(api->calls.empty());
}

TEST_F(MxSplitModule, ShipGateUsesTheAttributesReadWhenTheOrderChanged) {
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());
  EXPECT_EQ(api->count("GET", attributes_path), 1u);
  auto gate = module->check_ship(order, *api);
  ASSERT_TRUE(gate.ok());
  EXPECT_FALSE(gate->allowed);
  EXPECT_EQ(api->count("GET", attributes_path), 1u);

  must_split("[]", false);  // the platform no longer requires a split; the next change refreshes
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());
  EXPECT_EQ(api->count("GET", attributes_path), 2u);
  EXPECT_TRUE(module->check_ship(order, *api)->allowed);
}

TEST_F(MxSplitModule, ShipGateSurvivesARestartThroughModuleState) {
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());
  auto again = make_split_module(*ctx, "7495610013482590221");
  ASSERT_TRUE(again.ok());
  std::size_t before = api->calls.size();
  EXPECT_FALSE(again.value()->check_ship(order, *api)->allowed);
  EXPECT_EQ(api->calls.size(), before);
}

TEST_F(MxSplitModule, OrderChangedPlansAMustSplitOrder) {
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());
  ASSERT_TRUE(api->state.contains(std::string("plan/") + order_id));
  auto state = module->action_state_for("split.confirm", order);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->applies);
  EXPECT_TRUE(state->enabled) << state->reason;
}

TEST_F(MxSplitModule, PreviewStoresThePlanAndReturnsItsPackages) {
  auto outcome = run("split.preview");
  ASSERT_TRUE(outcome.ok()) << outcome.err().message;
  EXPECT_EQ(outcome->message,
            std::string("Planned 2 packages for order ") + order_id + " (the fewest possible).");
  json::value result = json::parse(outcome->result_json);
  const auto& packages = result.at("packages").as_array();
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].at("line_item_ids"), (json::array{"li1", "li3"}));
  EXPECT_EQ(packages[1].at("line_item_ids"), (json::array{"li2"}));
  EXPECT_EQ(result.at("limits").as_array()[0].at("category_name"), "Mobile Phones");
  EXPECT_EQ(result.at("minimal"), true);
  EXPECT_TRUE(api->state.contains(std::string("plan/") + order_id));
  EXPECT_EQ(api->count("GET", "/product/202309/products/p-phone"), 1u) << "one Get Product per product";
  EXPECT_EQ(api->count("POST", split_path), 0u) << "a preview never splits";
}

TEST_F(MxSplitModule, PreviewReadsNoProductWhenOnlyTheTotalIsLimited) {
  must_split(R"([{"type":"TOTAL_COUNT_LIMITATION","max_count":"2"}])");
  auto outcome = run("split.preview");
  ASSERT_TRUE(outcome.ok()) << outcome.err().message;
  EXPECT_EQ(api->count_containing("/product/"), 0u);
  EXPECT_EQ(json::parse(outcome->result_json).at("packages").as_array().size(), 2u);
}

TEST_F(MxSplitModule, PreviewSaysWhenNoSplitIsNeeded) {
  must_split("[]", false);
  auto outcome = run("split.preview");
  ASSERT_TRUE(outcome.ok());
  EXPECT_TRUE(contains(outcome->message, "does not need to be split")) << outcome->message;
  EXPECT_FALSE(api->state.contains(std::string("plan/") + order_id));
}

TEST_F(MxSplitModule, PreviewSaysWhyThePlatformForbidsASplit) {
  api->on("GET", attributes_path, [](const recorded_call&) {
    return attributes_json(order_id, false, "[]", false, "Order has been canceled");
  });
  auto outcome = run("split.preview");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::failed_precondition);
  EXPECT_TRUE(contains(outcome.err().message, "Order has been canceled")) << outcome.err().message;
}

TEST_F(MxSplitModule, AdjustRefusesAPlanThatBreaksALimitAndSaysWhich) {
  ASSERT_TRUE(run("split.preview").ok());
  std::string before = api->state.at(std::string("plan/") + order_id);
  auto outcome = run("split.adjust", plan_input(R"([["li1","li2"],["li3"]])"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::invalid_argument);
  EXPECT_TRUE(
      contains(outcome.err().message,
               "package 1 holds 2 items of category 601739 (Mobile Phones); the platform allows at most 1"))
      << outcome.err().message;
  EXPECT_EQ(api->state.at(std::string("plan/") + order_id), before);
}

TEST_F(MxSplitModule, AdjustRefusesASinglePackage) {
  must_split(R"([{"type":"TOTAL_COUNT_LIMITATION","max_count":"5"}])");
  auto outcome = run("split.adjust", plan_input(R"([["li1","li2","li3"]])"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_TRUE(contains(outcome.err().message, "a split needs at least two packages"))
      << outcome.err().message;
}

TEST_F(MxSplitModule, AdjustSaysWhereThePlanTextIsMalformed) {
  auto outcome = run("split.adjust", plan_input(R"({"packages":[["li1"],"li2"]})"));
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::invalid_argument);
  EXPECT_TRUE(contains(outcome.err().message, "packages[1] is text, not a list")) << outcome.err().message;
}

TEST_F(MxSplitModule, AdjustedPlanIsTheOneConfirmSends) {
  auto kept = run("split.adjust",
                  plan_input(R"({"packages":[{"line_item_ids":["li1"]},{"line_item_ids":["li2","li3"]}]})"));
  ASSERT_TRUE(kept.ok()) << kept.err().message;
  EXPECT_EQ(json::parse(kept->result_json).at("source"), "seller");
  auto confirmed = run("split.confirm");
  ASSERT_TRUE(confirmed.ok()) << confirmed.err().message;
  ASSERT_EQ(split_bodies.size(), 1u);
  EXPECT_EQ(json::parse(split_bodies[0]),
            json::parse(R"({"splittable_groups":[{"id":"pkg-1","order_line_item_ids":["li1"]},)"
                        R"({"id":"pkg-2","order_line_item_ids":["li2","li3"]}]})"));
}

TEST_F(MxSplitModule, ConfirmSendsSplitOrdersOnceAndRecordsThePackages) {
  ASSERT_TRUE(run("split.preview").ok());
  auto first = run("split.confirm");
  ASSERT_TRUE(first.ok()) << first.err().message;
  EXPECT_TRUE(contains(first->message, "is split into 2 packages: 1150000000000000100, 1150000000000000101"))
      << first->message;
  json::value recorded = json::parse(api->state.at(std::string("split/") + order_id));
  EXPECT_EQ(recorded.at("state"), "done");
  EXPECT_EQ(recorded.at("groups").as_array()[1].at("package_id"), "1150000000000000101");

  auto second = run("split.confirm");
  ASSERT_TRUE(second.ok()) << second.err().message;
  EXPECT_EQ(api->count("POST", split_path), 1u) << "a second confirm does not resend";
  std::size_t calls = api->calls.size();
  auto gate = module->check_ship(order, *api);
  ASSERT_TRUE(gate.ok());
  EXPECT_TRUE(gate->allowed) << gate->reason;
  EXPECT_EQ(api->calls.size(), calls);
}

TEST_F(MxSplitModule, ConfirmNeedsAPlanFirst) {
  auto outcome = run("split.confirm");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::failed_precondition);
  EXPECT_TRUE(contains(outcome.err().message, "run Plan split first")) << outcome.err().message;
  EXPECT_EQ(api->count("POST", split_path), 0u);
}

TEST_F(MxSplitModule, ConfirmChecksTheOrderInsteadOfResendingAfterATimeout) {
  ASSERT_TRUE(run("split.preview").ok());
  api->on("POST", split_path, [](const recorded_call&) -> plugin::result<std::string> {
    return plugin::make_error(plugin::errc::timeout, "no answer within 30 s");
  });
  auto first = run("split.confirm");
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.err().code, plugin::errc::timeout);
  EXPECT_TRUE(contains(first.err().message, "it may have been made")) << first.err().message;
  EXPECT_FALSE(module->check_ship(order, *api)->allowed);

  api->on("GET", "/order/202309/orders", [](const recorded_call&) -> plugin::result<std::string> {
    return std::string(
        R"({"orders":[{"id":"5770000000000000001","line_items":[{"id":"li1","package_id":"P1"},)"
        R"({"id":"li2","package_id":"P2"},{"id":"li3","package_id":"P1"}]}]})");
  });
  auto second = run("split.confirm");
  ASSERT_TRUE(second.ok()) << second.err().message;
  EXPECT_TRUE(contains(second->message, "had already been split")) << second->message;
  EXPECT_EQ(api->count("POST", split_path), 1u);
  EXPECT_TRUE(module->check_ship(order, *api)->allowed);
}

TEST_F(MxSplitModule, ConfirmSendsAgainWhenTheCheckShowsTheTimedOutSplitDidNotHappen) {
  ASSERT_TRUE(run("split.preview").ok());
  int posts = 0;
  api->on("POST", split_path, [&posts](const recorded_call&) -> plugin::result<std::string> {
    if (++posts == 1) return plugin::make_error(plugin::errc::maybe_delivered, "connection reset");
    return std::string(
        R"({"packages":[{"splittable_group_id":"pkg-1","id":"A"},{"splittable_group_id":"pkg-2","id":"B"}]})");
  });
  api->on("GET", "/order/202309/orders", [](const recorded_call&) -> plugin::result<std::string> {
    return std::string(
        R"({"orders":[{"id":"5770000000000000001","line_items":[{"id":"li1","package_id":"P0"},)"
        R"({"id":"li2","package_id":"P0"},{"id":"li3","package_id":"P0"}]}]})");
  });
  ASSERT_FALSE(run("split.confirm").ok());
  auto second = run("split.confirm");
  ASSERT_TRUE(second.ok()) << second.err().message;
  EXPECT_EQ(posts, 2);
  EXPECT_TRUE(contains(second->message, "A, B")) << second->message;
}

struct refusal_case {
  std::int64_t code;
  const char* platform_message;
  const char* expected;
};

class MxSplitRefusals : public MxSplitModule, public ::testing::WithParamInterface<refusal_case> {};

TEST_P(MxSplitRefusals, BecomeAClearMessageAndLeaveTheOrderUnsplit) {
  const refusal_case& c = GetParam();
  ASSERT_TRUE(run("split.preview").ok());
  api->on("POST", split_path, [&c](const recorded_call&) -> plugin::result<std::string> {
    return plugin::make_error(plugin::errc::rejected,
                              "code " + std::to_string(c.code) + ": " + c.platform_message +
                                  " (POST /fulfillment/202309/orders/x/split, request_id R)");
  });
  auto outcome = run("split.confirm");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::rejected);
  EXPECT_TRUE(contains(outcome.err().message, c.expected)) << outcome.err().message;
  EXPECT_TRUE(contains(outcome.err().message, std::to_string(c.code))) << outcome.err().message;
  EXPECT_EQ(api->state[std::string("split/") + order_id], "") << "a refused split is not recorded";
  EXPECT_FALSE(module->check_ship(order, *api)->allowed);
  ASSERT_FALSE(run("split.confirm").ok());
  EXPECT_EQ(api->count("POST", split_path), 2u) << "after a refusal, confirming again sends again";
}

INSTANTIATE_TEST_SUITE_P(
    Codes, MxSplitRefusals,
    ::testing::Values(refusal_case{21003002,
                                   "The split does not satisfy the platform limitations for this order.",
                                   "a package of the plan breaks one of the platform's limits"},
                      refusal_case{21011035, "split order not allowed", "does not allow splitting"},
                      refusal_case{21011005, "Invalid parameters.",
                                   "every item must be in exactly one of at least two packages"}));

TEST_F(MxSplitModule, SplitAllPlansAndSplitsAnOrderThatMustSplit) {
  auto outcome = run("split.all");
  ASSERT_TRUE(outcome.ok()) << outcome.err().message;
  EXPECT_EQ(json::parse(outcome->result_json).at("status"), "split");
  EXPECT_EQ(api->count("POST", split_path), 1u);
  auto again = run("split.all");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(contains(again->message, "Already split")) << again->message;
  EXPECT_EQ(json::parse(again->result_json).at("status"), "already_split");
  EXPECT_EQ(api->count("POST", split_path), 1u);
}

TEST_F(MxSplitModule, SplitAllLeavesAnOrderThatNeedsNoSplit) {
  must_split("[]", false);
  auto outcome = run("split.all");
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(json::parse(outcome->result_json).at("status"), "not_needed");
  EXPECT_EQ(api->count("POST", split_path), 0u);
}

TEST_F(MxSplitModule, SplitAllReportsAnOrderThatCannotBeSplitWithinTheLimits) {
  set_up({}, "LOCAL");
  must_split(R"([{"type":"CATEGORY_ITEM_LIMITATION","category_id":"601739","max_count":"1"}])");
  auto outcome = run("split.all");
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.err().code, plugin::errc::failed_precondition);
  EXPECT_TRUE(contains(outcome.err().message, "SKU \"PHN\" has 2 units of category 601739 (Mobile Phones)"))
      << outcome.err().message;
  EXPECT_EQ(api->count("POST", split_path), 0u);
}

TEST_F(MxSplitModule, ActionsApplyOnlyToOrdersAwaitingShipment) {
  order.status = "AWAITING_COLLECTION";
  for (const auto* action : {"split.preview", "split.adjust", "split.confirm", "split.all"}) {
    auto state = module->action_state_for(action, order);
    ASSERT_TRUE(state.ok());
    EXPECT_FALSE(state->applies) << action;
  }
}

TEST_F(MxSplitModule, ConfirmIsDisabledUntilThereIsAPlan) {
  must_split("[]", false);
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());
  EXPECT_FALSE(module->action_state_for("split.preview", order)->applies) << "no split needed";

  must_split(R"([{"type":"TOTAL_COUNT_LIMITATION","max_count":"9"}])");  // must split, but the planner finds
  ASSERT_TRUE(module->on_order_changed(order, *api).ok());               // nothing to split: no plan
  auto state = module->action_state_for("split.confirm", order);
  ASSERT_TRUE(state.ok());
  EXPECT_TRUE(state->applies);
  EXPECT_TRUE(module->action_state_for("split.preview", order)->enabled);
}

TEST_F(MxSplitModule, DeclaredValueCapFromConfigShapesThePlan) {
  set_up({{"max_declared_value_per_package", std::string("220.00")}});
  must_split(R"([{"type":"TOTAL_COUNT_LIMITATION","max_count":"2"}])");
  auto outcome = run("split.preview");
  ASSERT_TRUE(outcome.ok()) << outcome.err().message;
  // By count alone the two phones would share a package; at 189.00 each they exceed the 220.00 cap.
  json::value result = json::parse(outcome->result_json);
  const auto& packages = result.at("packages").as_array();
  ASSERT_EQ(packages.size(), 2u);
  EXPECT_EQ(packages[0].at("line_item_ids"), (json::array{"li1", "li3"}));
  EXPECT_EQ(packages[1].at("line_item_ids"), (json::array{"li2"}));

  order.lines[2].sale_price = "39.99";
  auto refused = run("split.adjust", plan_input(R"([["li1","li3"],["li2"]])"));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(
      contains(refused.err().message, "package 1 is worth 228.99; the shop's declared-value cap is 220.00"))
      << refused.err().message;
}

TEST(MxSplitConfig, RefusesAnUnknownKeyWithASuggestion) {
  fake_context ctx({{"max_declared_value", std::string("10.00")}});
  auto made = make_split_module(ctx, "1");
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.err().message,
            "test.toml [markets.MX.mx-split]: key \"max_declared_value\": unknown key; did you mean "
            "\"max_declared_value_per_package\"?");
}

TEST(MxSplitConfig, RefusesAFloatingPointAmount) {
  fake_context ctx({{"max_declared_value_per_package", 2500.5}});
  auto made = make_split_module(ctx, "1");
  ASSERT_FALSE(made.ok());
  EXPECT_TRUE(
      contains(made.err().message, "key \"max_declared_value_per_package\": expected a positive amount"))
      << made.err().message;
  EXPECT_TRUE(contains(made.err().message, "write the amount in quotes")) << made.err().message;
}

TEST(MxSplitConfig, RefusesAMalformedAmountSayingWhatWasFound) {
  fake_context ctx({{"max_declared_value_per_package", std::string("2,500")}});
  auto made = make_split_module(ctx, "1");
  ASSERT_FALSE(made.ok());
  EXPECT_TRUE(contains(made.err().message, "found \"2,500\"")) << made.err().message;
}

TEST(MxSplitConfig, AcceptsAWholeNumberAmount) {
  fake_context ctx({{"max_declared_value_per_package", std::int64_t{2500}}});
  EXPECT_TRUE(make_split_module(ctx, "1").ok());
}

}  // namespace
}  // namespace kingkung::mx
