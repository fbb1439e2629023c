// validate_plan: what the seller sees while moving items between packages.
#include <gtest/gtest.h>

#include "kingkung/mx/split_planner.hpp"

namespace kingkung::mx {
namespace {

split_item item(std::string id, std::string sku, std::string category, std::int64_t value = 0) {
  return {std::move(id), std::move(sku), {std::move(category)}, value};
}

split_request phones_and_lipsticks(seller_kind seller = seller_kind::cross_border) {
  return {{item("p1", "PHN", "601739"), item("p2", "PHN", "601739"), item("l1", "LIP", "600942"),
           item("l2", "LIP", "600942")},
          {{{"601739", 1, "Mobile Phones"}}, 3, std::nullopt},
          seller};
}

TEST(MxPlanValidation, AcceptsAPlanWithinEveryLimit) {
  EXPECT_TRUE(validate_plan(phones_and_lipsticks(), {{"p1", "l1"}, {"p2", "l2"}}).empty());
}

TEST(MxPlanValidation, NamesThePackageAndCategoryLimitItBreaks) {
  auto v = validate_plan(phones_and_lipsticks(), {{"p1", "p2"}, {"l1", "l2"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, violation_kind::category_count);
  EXPECT_EQ(v[0].package, 0u);
  EXPECT_EQ(v[0].subject, "601739");
  EXPECT_EQ(v[0].limit, 1);
  EXPECT_EQ(v[0].found, 2);
  EXPECT_EQ(
      v[0].message,
      "package 1 holds 2 items of category 601739 (Mobile Phones); the platform allows at most 1 per package "
      "(CATEGORY_ITEM_LIMITATION)");
}

TEST(MxPlanValidation, NamesTheTotalCountLimit) {
  auto v = validate_plan(phones_and_lipsticks(), {{"p1", "l1", "l2", "x"}, {"p2"}});
  ASSERT_FALSE(v.empty());
  bool total = false;
  for (const auto& x : v)
    if (x.kind == violation_kind::total_count) total = true;
  EXPECT_FALSE(total) << "the unknown id does not count as an item";
  v = validate_plan({phones_and_lipsticks().items, {{}, 2, std::nullopt}, seller_kind::cross_border},
                    {{"p1", "l1", "l2"}, {"p2"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, violation_kind::total_count);
  EXPECT_EQ(v[0].found, 3);
}

TEST(MxPlanValidation, ReportsMissingDuplicateUnknownAndEmpty) {
  auto v = validate_plan(phones_and_lipsticks(), {{"p1", "l1", "zz"}, {}, {"p2", "l1"}});
  std::vector<violation_kind> kinds;
  for (const auto& x : v) kinds.push_back(x.kind);
  EXPECT_EQ(kinds,
            (std::vector<violation_kind>{violation_kind::unknown_item, violation_kind::empty_package,
                                         violation_kind::duplicate_item, violation_kind::missing_item}));
  EXPECT_EQ(v.back().subject, "l2");
  EXPECT_EQ(v[2].message, "line item \"l1\" is placed twice (package 1 and package 3)");
}

TEST(MxPlanValidation, KeepsALocalSellersSkuTogether) {
  auto v = validate_plan(phones_and_lipsticks(seller_kind::local), {{"p1", "l1"}, {"p2", "l2"}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].kind, violation_kind::sku_split);
  EXPECT_NE(v[0].message.find("SKU \"LIP\" is in packages 1 and 2"), std::string::npos) << v[0].message;
}

TEST(MxPlanValidation, LetsACrossBorderSellerSplitASku) {
  EXPECT_TRUE(
      validate_plan(phones_and_lipsticks(seller_kind::cross_border), {{"p1", "l1"}, {"p2", "l2"}}).empty());
}

TEST(MxPlanValidation, ChecksTheDeclaredValueCap) {
  split_request r{{item("a", "A", "1", 20000000), item("b", "B", "1", 6000000)},
                  {{}, 5, 25000000},
                  seller_kind::cross_border};
  auto v = validate_plan(r, {{"a", "b"}});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].kind, violation_kind::declared_value);
  EXPECT_EQ(v[0].message, "package 1 is worth 2600.00; the shop's declared-value cap is 2500.00 per package");
}

}  // namespace
}  // namespace kingkung::mx
