// Random orders and limits (seeded): every plan covers each line item exactly once and respects every
// limit; for orders of up to 8 items its package count equals the minimum found by trying every way
// of grouping the items, computed here independently of the planner.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kingkung/mx/split_planner.hpp"

namespace kingkung::mx {
namespace {

const std::vector<std::string> category_pool = {"601739", "600942", "602118", "600154"};

split_request random_request(std::mt19937& rng, int items) {
  auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  split_request r;
  r.seller = between(0, 1) ? seller_kind::cross_border : seller_kind::local;
  int skus = between(1, items);
  std::vector<std::pair<std::string, std::int64_t>> sku_info;  // category, value
  for (int s = 0; s < skus; ++s)
    sku_info.emplace_back(category_pool[static_cast<std::size_t>(between(0, 3))], between(1, 120) * 10000);
  for (int i = 0; i < items; ++i) {
    int s = between(0, skus - 1);
    const auto& [category, value] = sku_info[static_cast<std::size_t>(s)];
    r.items.push_back({"li" + std::to_string(i), "sku" + std::to_string(s), {"600000", category}, value});
  }
  for (const auto& c : category_pool)
    if (between(0, 1)) r.limits.categories.push_back({c, between(1, 4), {}});
  if (between(0, 4)) r.limits.max_items = between(1, 6);
  if (between(0, 5) == 0) r.limits.max_value = between(120, 300) * 10000;
  return r;
}

// Whether a group of items may ship as one package, checked from the request alone.
bool package_ok(const split_request& r, const std::vector<std::size_t>& group) {
  if (r.limits.max_items && static_cast<std::int64_t>(group.size()) > *r.limits.max_items) return false;
  std::int64_t value = 0;
  for (std::size_t i : group) value += r.items[i].value;
  if (r.limits.max_value && value > *r.limits.max_value) return false;
  for (const auto& limit : r.limits.categories) {
    std::int64_t n = 0;
    for (std::size_t i : group)
      n += std::count(r.items[i].category_ids.begin(), r.items[i].category_ids.end(), limit.category_id);
    if (n > limit.max_count) return false;
  }
  return true;
}

// Tries every way of grouping the items (each item into each earlier group or a new one), dropping a
// grouping as soon as a group is not a valid package or, for local sellers, a SKU sits in two groups.
// Answers the fewest groups of a complete grouping, 0 when there is none.
std::size_t brute_force_minimum(const split_request& r) {
  const std::size_t n = r.items.size();
  std::vector<std::vector<std::size_t>> groups;
  std::map<std::string, std::size_t> group_of_sku;
  std::size_t best = 0;
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    if (i == n) {
      if (best == 0 || groups.size() < best) best = groups.size();
      return;
    }
    const std::string& sku = r.items[i].sku_id;
    for (std::size_t g = 0; g <= groups.size(); ++g) {
      if (r.seller == seller_kind::local) {
        auto placed = group_of_sku.find(sku);
        if (placed != group_of_sku.end() && placed->second != g) continue;
      }
      bool opened = g == groups.size();
      if (opened) groups.emplace_back();
      groups[g].push_back(i);
      bool new_sku = r.seller == seller_kind::local && group_of_sku.emplace(sku, g).second;
      if (package_ok(r, groups[g])) visit(i + 1);
      if (new_sku) group_of_sku.erase(sku);
      groups[g].pop_back();
      if (opened) groups.pop_back();
    }
  };
  visit(0);
  return best;
}

void expect_covers_each_item_once(const split_request& r, const split_plan& plan) {
  std::map<std::string, int> seen;
  for (const auto& p : plan.packages) {
    EXPECT_FALSE(p.empty());
    for (const auto& id : p) ++seen[id];
  }
  ASSERT_EQ(seen.size(), r.items.size());
  for (const auto& item : r.items) EXPECT_EQ(seen[item.id], 1) << item.id;
}

void expect_every_limit_holds(const split_request& r, const split_plan& plan) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < r.items.size(); ++i) index[r.items[i].id] = i;
  std::map<std::string, std::set<std::size_t>> packages_of_sku;
  for (std::size_t p = 0; p < plan.packages.size(); ++p) {
    std::vector<std::size_t> group;
    for (const auto& id : plan.packages[p]) {
      group.push_back(index.at(id));
      packages_of_sku[r.items[index.at(id)].sku_id].insert(p);
    }
    EXPECT_TRUE(package_ok(r, group)) << "package " << p + 1;
  }
  if (r.seller != seller_kind::local) return;
  for (const auto& [sku, where] : packages_of_sku) EXPECT_EQ(where.size(), 1u) << sku;
}

TEST(MxPlannerProperty, SmallOrdersGetTheBruteForceMinimum) {
  std::mt19937 rng(20251009);
  int planned = 0, infeasible = 0;
  for (int c = 0; c < 1700; ++c) {
    split_request r = random_request(rng, std::uniform_int_distribution<int>(1, 8)(rng));
    SCOPED_TRACE("case " + std::to_string(c));
    std::size_t minimum = brute_force_minimum(r);
    auto plan = plan_split(r);
    if (minimum == 0) {
      ++infeasible;
      ASSERT_FALSE(plan.ok()) << "no valid grouping exists, yet the planner answered one";
      EXPECT_EQ(plan.err().code, plugin::errc::failed_precondition) << plan.err().message;
      continue;
    }
    ++planned;
    ASSERT_TRUE(plan.ok()) << plan.err().message;
    expect_covers_each_item_once(r, plan.value());
    expect_every_limit_holds(r, plan.value());
    EXPECT_EQ(plan->packages.size(), minimum);
    EXPECT_TRUE(plan->minimal);
    EXPECT_LE(plan->lower_bound, minimum);
    EXPECT_TRUE(validate_plan(r, plan->packages).empty());
    if (HasFailure()) return;
  }
  EXPECT_GT(planned, 1000);
  EXPECT_GT(infeasible, 0);
}

TEST(MxPlannerProperty, LargeOrdersStayWithinEveryLimitAndTheStatedBound) {
  std::mt19937 rng(7);
  for (int c = 0; c < 300; ++c) {
    split_request r = random_request(rng, std::uniform_int_distribution<int>(9, 40)(rng));
    SCOPED_TRACE("case " + std::to_string(c));
    auto plan = plan_split(r);
    if (!plan.ok()) {
      EXPECT_EQ(plan.err().code, plugin::errc::failed_precondition) << plan.err().message;
      continue;
    }
    expect_covers_each_item_once(r, plan.value());
    expect_every_limit_holds(r, plan.value());
    EXPECT_TRUE(validate_plan(r, plan->packages).empty());
    // D limits touched; no plan beats the lower bound, and first fit stays within 2·D times it.
    std::size_t dims =
        (r.limits.max_items ? 1 : 0) + (r.limits.max_value ? 1 : 0) + r.limits.categories.size();
    EXPECT_GE(plan->packages.size(), plan->lower_bound);
    EXPECT_LE(plan->packages.size(), std::max<std::size_t>(1, 2 * dims * plan->lower_bound));
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace kingkung::mx
