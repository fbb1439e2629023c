// Hand-made planner cases. Limits are those of the simulator's MX cross-border shops unless a case says
// otherwise: Mobile Phones (601739) at most 1, Makeup (600942) 3, Educational Toys (602118) 2, and 5
// items per package.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kingkung/mx/split_planner.hpp"

namespace kingkung::mx {
namespace {

constexpr const char* phone = "601739";
constexpr const char* makeup = "600942";
constexpr const char* toys = "602118";
constexpr const char* kitchen = "600154";

struct sku_units {
  std::string sku;
  std::string category;  // empty: unknown
  int units = 1;
  std::int64_t value = 0;
};

std::vector<split_item> items_of(const std::vector<sku_units>& skus) {
  std::vector<split_item> out;
  for (const auto& s : skus)
    for (int u = 1; u <= s.units; ++u) {
      split_item item{s.sku + "-" + std::to_string(u), s.sku, {}, s.value};
      if (!s.category.empty()) item.category_ids = {s.category.substr(0, 3) + "000", s.category};
      out.push_back(std::move(item));
    }
  return out;
}

split_limits sim_limits() {
  return {
      {{phone, 1, "Mobile Phones"}, {makeup, 3, "Makeup"}, {toys, 2, "Educational Toys"}}, 5, std::nullopt};
}

struct plan_case {
  const char* name;
  seller_kind seller;
  std::vector<sku_units> order;
  split_limits limits;
  std::size_t packages;
  plan_method method;
};

class MxPlannerCases : public ::testing::TestWithParam<plan_case> {};

TEST_P(MxPlannerCases, PlansTheFewestPackagesWithinEveryLimit) {
  const plan_case& c = GetParam();
  split_request request{items_of(c.order), c.limits, c.seller};
  auto plan = plan_split(request);
  ASSERT_TRUE(plan.ok()) << plan.err().message;
  EXPECT_EQ(plan->packages.size(), c.packages);
  EXPECT_TRUE(plan->minimal);
  EXPECT_EQ(plan->method, c.method) << to_string(plan->method);
  EXPECT_TRUE(validate_plan(request, plan->packages).empty())
      << describe(validate_plan(request, plan->packages));
}

split_limits total_only(std::int64_t n) {
  return {{}, n, std::nullopt};
}
split_limits makeup_only(std::int64_t n) {
  return {{{makeup, n, "Makeup"}}, std::nullopt, std::nullopt};
}
split_limits value_cap(std::int64_t units) {
  return {{}, 5, units * 10000};
}

INSTANTIATE_TEST_SUITE_P(
    Table, MxPlannerCases,
    ::testing::Values(
        plan_case{"two_phones_and_a_pan",
                  seller_kind::cross_border,
                  {{"PHN", phone, 2}, {"KNF", kitchen, 1}},
                  sim_limits(),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"six_pans_over_the_total",
                  seller_kind::cross_border,
                  {{"KNF", kitchen, 6}},
                  sim_limits(),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"every_limit_at_once",
                  seller_kind::cross_border,
                  {{"LIP", makeup, 4}, {"BLK", toys, 4}, {"PHN", phone, 1}},
                  sim_limits(),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"three_phones",
                  seller_kind::cross_border,
                  {{"PHN", phone, 3}, {"LIP", makeup, 2}},
                  sim_limits(),
                  3,
                  plan_method::first_fit_decreasing},
        plan_case{"nothing_broken_stays_one_package",
                  seller_kind::cross_border,
                  {{"KNF", kitchen, 2}},
                  sim_limits(),
                  1,
                  plan_method::single_package},
        plan_case{"local_skus_stay_whole",
                  seller_kind::local,
                  {{"LIP", makeup, 3}, {"EYE", makeup, 2}},
                  sim_limits(),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"local_pairs_cannot_share_a_package",
                  seller_kind::local,
                  {{"A", makeup, 2}, {"B", makeup, 2}, {"C", makeup, 2}},
                  makeup_only(3),
                  3,
                  plan_method::exact},
        plan_case{"cross_border_pairs_may_be_broken_up",
                  seller_kind::cross_border,
                  {{"A", makeup, 2}, {"B", makeup, 2}, {"C", makeup, 2}},
                  makeup_only(3),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"local_bin_packing_needs_the_search",
                  seller_kind::local,
                  {{"A", kitchen, 4},
                   {"B", kitchen, 3},
                   {"C", kitchen, 3},
                   {"D", kitchen, 2},
                   {"E", kitchen, 2},
                   {"F", kitchen, 2}},
                  total_only(8),
                  2,
                  plan_method::exact},
        plan_case{"value_cap_splits_by_worth",
                  seller_kind::cross_border,
                  {{"A", kitchen, 1, 15000000}, {"B", kitchen, 1, 15000000}, {"C", kitchen, 1, 10000000}},
                  value_cap(2500),
                  2,
                  plan_method::first_fit_decreasing},
        plan_case{"a_limit_on_a_parent_category_counts_its_children",
                  seller_kind::cross_border,
                  {{"LIP", makeup, 2}, {"EYE", "600943", 2}},
                  {{{"600000", 2, "Beauty"}}, 5, std::nullopt},
                  2,
                  plan_method::first_fit_decreasing}),
    [](const ::testing::TestParamInfo<plan_case>& info) { return std::string(info.param.name); });

TEST(MxPlanner, DealsItemsOutWhenFirstFitMissesTheLowerBound) {
  // First fit fills package 1 with both toys and a third item, leaving four of the other category to
  // share package 2 two at a time: three packages. Dealing out in turn meets the lower bound of two.
  split_limits limits{{{toys, 2, "Educational Toys"}, {"600999", 2, ""}}, 3, std::nullopt};
  split_request request{items_of({{"BLK", toys, 2}, {"OTH", "600999", 4}}), limits,
                        seller_kind::cross_border};
  auto plan = plan_split(request);
  ASSERT_TRUE(plan.ok()) << plan.err().message;
  EXPECT_EQ(plan->packages.size(), 2u);
  EXPECT_EQ(plan->method, plan_method::balanced);
  EXPECT_TRUE(plan->minimal);
  EXPECT_TRUE(validate_plan(request, plan->packages).empty())
      << describe(validate_plan(request, plan->packages));
}

TEST(MxPlanner, KeepsTheOrdersItemOrderInsidePackages) {
  split_request request{items_of({{"PHN", phone, 2}, {"KNF", kitchen, 2}}), sim_limits(),
                        seller_kind::cross_border};
  auto plan = plan_split(request);
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->packages.size(), 2u);
  EXPECT_EQ(plan->packages[0], (std::vector<std::string>{"PHN-1", "KNF-1", "KNF-2"}));
  EXPECT_EQ(plan->packages[1], (std::vector<std::string>{"PHN-2"}));
}

TEST(MxPlanner, RefusesALocalSkuWithMoreUnitsThanACategoryAllows) {
  split_request request{items_of({{"LIP", makeup, 4}, {"KNF", kitchen, 1}}), sim_limits(),
                        seller_kind::local};
  auto plan = plan_split(request);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(plan.err().message.find("SKU \"LIP\" has 4 units of category 600942 (Makeup)"), std::string::npos)
      << plan.err().message;
  EXPECT_NE(plan.err().message.find("at most 3"), std::string::npos);
}

TEST(MxPlanner, RefusesALocalSkuWithMoreUnitsThanAPackageHolds) {
  split_request request{items_of({{"KNF", kitchen, 6}, {"TSH", kitchen, 1}}), sim_limits(),
                        seller_kind::local};
  auto plan = plan_split(request);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.err().message.find("TOTAL_COUNT_LIMITATION"), std::string::npos) << plan.err().message;
}

TEST(MxPlanner, RefusesAnItemWorthMoreThanTheValueCap) {
  split_request request{items_of({{"PHN", kitchen, 1, 30000000}, {"KNF", kitchen, 1, 10000}}),
                        value_cap(2500), seller_kind::cross_border};
  auto plan = plan_split(request);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.err().code, plugin::errc::failed_precondition);
  EXPECT_NE(plan.err().message.find("line item \"PHN-1\" (SKU \"PHN\") is worth 3000.00"), std::string::npos)
      << plan.err().message;
}

TEST(MxPlanner, RefusesAnItemOfUnknownCategoryWhenACategoryLimitApplies) {
  split_request request{items_of({{"PHN", phone, 2}, {"X", "", 1}}), sim_limits(), seller_kind::cross_border};
  auto plan = plan_split(request);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(plan.err().message.find("category of line item \"X-1\""), std::string::npos)
      << plan.err().message;
}

TEST(MxPlanner, NeedsNoCategoryWhenOnlyTheTotalIsLimited) {
  split_request request{items_of({{"X", "", 7}}), total_only(5), seller_kind::cross_border};
  auto plan = plan_split(request);
  ASSERT_TRUE(plan.ok()) << plan.err().message;
  EXPECT_EQ(plan->packages.size(), 2u);
}

TEST(MxPlanner, RefusesDuplicateItemIds) {
  auto items = items_of({{"KNF", kitchen, 2}});
  items[1].id = items[0].id;
  auto plan = plan_split({items, sim_limits(), seller_kind::cross_border});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.err().code, plugin::errc::invalid_argument);
  EXPECT_NE(plan.err().message.find("appears twice"), std::string::npos);
}

TEST(MxPlanner, RefusesALimitBelowOne) {
  auto plan = plan_split({items_of({{"KNF", kitchen, 2}}), total_only(0), seller_kind::cross_border});
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.err().message.find("TOTAL_COUNT_LIMITATION max_count: expected at least 1, found 0"),
            std::string::npos);
}

TEST(MxPlanner, PlansALargeOrderByFirstFitAndSaysItIsNotProvenMinimal) {
  // 20 local SKUs of two units: beyond the exact search. No two Makeup SKUs fit one package (2 + 2 > 3),
  // so ten packages are needed, while the counting bound only proves eight.
  std::vector<sku_units> order;
  for (int i = 0; i < 20; ++i) order.push_back({"S" + std::to_string(10 + i), i % 2 ? makeup : kitchen, 2});
  split_request request{items_of(order), sim_limits(), seller_kind::local};
  auto plan = plan_split(request);
  ASSERT_TRUE(plan.ok()) << plan.err().message;
  EXPECT_EQ(plan->method, plan_method::first_fit_decreasing);
  EXPECT_EQ(plan->lower_bound, 8u);
  EXPECT_EQ(plan->packages.size(), 10u);
  EXPECT_FALSE(plan->minimal);
  EXPECT_TRUE(validate_plan(request, plan->packages).empty())
      << describe(validate_plan(request, plan->packages));
}

}  // namespace
}  // namespace kingkung::mx
