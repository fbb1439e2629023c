// Search Orders walks each shop's time index (src/engine/order_index.hpp, order_search.hpp) instead of
// sorting every order, and settling takes only what is due (due_work.hpp). These pin that the walk
// answers what sorting every order answered: against the brute-force take_page on thousands of
// randomized orders, with filters, both sort fields and orders, and update_time changes between pages.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "due_work.hpp"
#include "order_search.hpp"
#include "order_store.hpp"
#include "paging.hpp"

namespace {

using namespace kingkung::sim::detail;

constexpr std::string_view token_key = "order-index-test-key";
constexpr std::int64_t base_time = 1'760'000'000;
const std::vector<std::string> statuses = {
    "UNPAID",     "ON_HOLD",   "AWAITING_SHIPMENT", "AWAITING_COLLECTION",
    "IN_TRANSIT", "DELIVERED", "COMPLETED",         "CANCELLED"};
const std::vector<std::string> warehouses = {"7000714532876273410", "7000714532876273411",
                                             "7000714532876273412"};

class random_shop {
 public:
  explicit random_shop(unsigned seed, int orders) : rng_(seed) {
    for (int i = 0; i < orders; ++i) {
      order o;
      o.id = "576" + std::to_string(100'000'000'000'000ULL + pick(0, 899'999'999'999'999));
      // A narrow time range, so that many orders share a second and the id decides their order.
      o.create_time = base_time + pick(0, 400);
      o.update_time = o.create_time + pick(0, 200);
      o.status = statuses[static_cast<std::size_t>(pick(0, 7))];
      o.shipping_type = pick(0, 1) ? "TIKTOK" : "SELLER";
      o.user_id = "buyer-" + std::to_string(pick(0, 30));
      o.warehouse_id = warehouses[static_cast<std::size_t>(pick(0, 2))];
      o.is_buyer_request_cancel = pick(0, 9) == 0;
      insert_order(shop, std::move(o));
    }
  }

  std::int64_t pick(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }

  order& any_order() {
    auto it = shop.orders.begin();
    std::advance(it, pick(0, static_cast<std::int64_t>(shop.orders.size()) - 1));
    return it->second;
  }

  // Moves a few orders' update_time, forwards and backwards, as status changes and invoices do.
  void touch_some(int count) {
    for (int i = 0; i < count; ++i) {
      order& o = any_order();
      set_update_time(shop, o, o.update_time + pick(-150, 400));
      if (pick(0, 2) == 0) o.status = statuses[static_cast<std::size_t>(pick(0, 7))];
    }
  }

  order_filter random_filter() {
    order_filter f;
    auto window = [&](std::optional<std::int64_t>& ge, std::optional<std::int64_t>& lt) {
      if (pick(0, 2) == 0) ge = base_time + pick(-20, 500);
      if (pick(0, 2) == 0) lt = base_time + pick(-20, 650);
    };
    window(f.update_ge, f.update_lt);
    window(f.create_ge, f.create_lt);
    if (pick(0, 3) == 0) f.status = statuses[static_cast<std::size_t>(pick(0, 7))];
    if (pick(0, 5) == 0) f.shipping_type = pick(0, 1) ? "TIKTOK" : "SELLER";
    if (pick(0, 7) == 0) f.buyer_user_id = "buyer-" + std::to_string(pick(0, 30));
    if (pick(0, 7) == 0) f.buyer_request_cancel = pick(0, 1) == 1;
    if (pick(0, 5) == 0) f.warehouse_ids = std::vector<std::string>{warehouses[0], warehouses[2]};
    return f;
  }

  shop_state shop;

 private:
  std::mt19937 rng_;
};

// What Search Orders answered before the index: every matching order sorted, then the page found.
page_of<order> brute_force(const shop_state& shop, const order_filter& filter, bool by_update,
                           bool descending, const paging_request& paging) {
  std::vector<const order*> matching;
  for (const auto& [id, o] : shop.orders)
    if (filter.matches(o)) matching.push_back(&o);
  return take_page<order>(
      std::move(matching), [&](const order& o) { return by_update ? o.update_time : o.create_time; },
      [](const order& o) -> const std::string& { return o.id; }, descending, paging.page_size, paging.after,
      paging.fingerprint, token_key);
}

std::vector<std::string> ids_of(const std::vector<const order*>& items) {
  std::vector<std::string> ids;
  for (const auto* o : items) ids.push_back(o->id);
  return ids;
}

// Compares one page with the reference; returns the cursor of the next page (nullopt on the last).
std::optional<page_cursor> expect_same_page(const shop_state& shop, const order_filter& filter,
                                            bool by_update, bool descending, const paging_request& paging) {
  auto walked = page_of_orders(shop, filter, by_update, descending, paging, token_key);
  auto expected = brute_force(shop, filter, by_update, descending, paging);
  EXPECT_EQ(ids_of(walked.items), ids_of(expected.items));
  EXPECT_EQ(walked.total_count, expected.total_count);
  EXPECT_EQ(walked.next_page_token, expected.next_page_token);
  if (walked.next_page_token.empty()) return std::nullopt;
  return decode_page_token(walked.next_page_token, token_key);
}

TEST(SimOrderIndex, RandomQueriesGiveThePagesThatSortingEveryOrderGave) {
  random_shop r(7, 3000);
  for (int query = 0; query < 60 && !::testing::Test::HasFailure(); ++query) {
    order_filter filter = r.random_filter();
    bool by_update = r.pick(0, 1) == 1;
    bool descending = r.pick(0, 1) == 1;
    paging_request paging;
    paging.page_size = static_cast<std::size_t>(r.pick(1, 100));
    paging.fingerprint = static_cast<std::uint64_t>(query);
    for (int page = 0; page < 4; ++page) {
      SCOPED_TRACE("query " + std::to_string(query) + " page " + std::to_string(page));
      paging.after = expect_same_page(r.shop, filter, by_update, descending, paging);
      if (!paging.after) break;
    }
  }
}

TEST(SimOrderIndex, CursorsAnywhereInTheTimeRangeResumeLikeTheReference) {
  random_shop r(11, 2000);
  for (int i = 0; i < 100 && !::testing::Test::HasFailure(); ++i) {
    SCOPED_TRACE("cursor " + std::to_string(i));
    order_filter filter = r.random_filter();
    paging_request paging;
    paging.page_size = static_cast<std::size_t>(r.pick(1, 60));
    // A cursor on an existing order, or on a time and id no order has (before, inside or after the range).
    if (r.pick(0, 1) == 0) {
      const order& o = r.any_order();
      paging.after = page_cursor{0, r.pick(0, 1) ? o.update_time : o.create_time, o.id};
    } else {
      paging.after = page_cursor{0, base_time + r.pick(-50, 700), "576" + std::to_string(r.pick(0, 999))};
    }
    expect_same_page(r.shop, filter, r.pick(0, 1) == 1, r.pick(0, 1) == 1, paging);
  }
}

TEST(SimOrderIndex, PageTokensResumeCorrectlyWhenOrdersAreUpdatedBetweenPages) {
  random_shop r(23, 3000);
  for (int walk = 0; walk < 6 && !::testing::Test::HasFailure(); ++walk) {
    order_filter filter;
    filter.update_ge = base_time + r.pick(0, 100);
    filter.update_lt = base_time + r.pick(300, 700);
    bool descending = walk % 2 == 1;
    paging_request paging;
    paging.page_size = 50;
    for (int page = 0; page < 12; ++page) {
      SCOPED_TRACE("walk " + std::to_string(walk) + " page " + std::to_string(page));
      paging.after = expect_same_page(r.shop, filter, true, descending, paging);
      if (!paging.after) break;
      r.touch_some(25);
    }
  }
}

TEST(SimOrderIndex, AnOrderWhoseUpdateTimeChangesMovesToItsNewPlace) {
  random_shop r(5, 500);
  order_filter all;
  paging_request first;
  first.page_size = 1;
  const order* oldest = page_of_orders(r.shop, all, true, false, first, token_key).items.at(0);
  const order* newest = page_of_orders(r.shop, all, true, true, first, token_key).items.at(0);
  std::string moved = oldest->id;
  set_update_time(r.shop, r.shop.orders.at(moved), newest->update_time + 10);

  EXPECT_NE(page_of_orders(r.shop, all, true, false, first, token_key).items.at(0)->id, moved);
  EXPECT_EQ(page_of_orders(r.shop, all, true, true, first, token_key).items.at(0)->id, moved);
  order_filter before_move;
  before_move.update_lt = oldest->update_time + 1;
  auto window = page_of_orders(r.shop, before_move, true, false, first, token_key);
  EXPECT_TRUE(window.items.empty() || window.items.at(0)->id != moved);
  EXPECT_EQ(page_of_orders(r.shop, all, true, false, first, token_key).total_count, 500u);
}

TEST(SimOrderIndex, RebuildingTheIndexesGivesTheIndexKeptInStepWithChanges) {
  random_shop r(3, 1500);
  r.touch_some(400);
  sim_state state;
  state.shops.emplace("shop", r.shop);
  rebuild_indexes(state);
  const order_index& rebuilt = state.shops.at("shop").order_times;
  EXPECT_EQ(rebuilt.by_update_time(), r.shop.order_times.by_update_time());
  EXPECT_EQ(rebuilt.by_create_time(), r.shop.order_times.by_create_time());
  EXPECT_EQ(rebuilt.by_update_time().size(), 1500u);
}

// What counting a window of the index means: every order whose time falls in [ge, lt).
std::size_t brute_count(const shop_state& shop, bool by_update, std::optional<std::int64_t> ge,
                        std::optional<std::int64_t> lt) {
  std::size_t n = 0;
  for (const auto& [id, o] : shop.orders) {
    std::int64_t t = by_update ? o.update_time : o.create_time;
    if ((!ge || t >= *ge) && (!lt || t < *lt)) ++n;
  }
  return n;
}

TEST(SimOrderIndex, KeptWindowCountsStayExactAcrossAddsAndMovesOfRandomOrders) {
  random_shop r(31, 2000);
  // More distinct windows than are kept, asked again and again, so counts are both reused and evicted.
  std::vector<std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>>> windows;
  for (int i = 0; i < 12; ++i) {
    std::optional<std::int64_t> ge, lt;
    if (r.pick(0, 3) != 0) ge = base_time + r.pick(-20, 500);
    if (r.pick(0, 3) != 0) lt = base_time + r.pick(-20, 650);
    windows.emplace_back(ge, lt);
  }
  int next_id = 0;
  for (int round = 0; round < 300 && !::testing::Test::HasFailure(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const auto& [ge, lt] = windows[static_cast<std::size_t>(r.pick(0, 11))];
    const bool by_update = r.pick(0, 1) == 1;
    const std::size_t counted = by_update ? r.shop.order_times.count_by_update_time(ge, lt)
                                          : r.shop.order_times.count_by_create_time(ge, lt);
    EXPECT_EQ(counted, brute_count(r.shop, by_update, ge, lt));
    r.touch_some(static_cast<int>(r.pick(0, 6)));
    if (r.pick(0, 3) == 0) {
      order o;
      o.id = "577" + std::to_string(next_id++);
      o.create_time = base_time + r.pick(0, 400);
      o.update_time = o.create_time + r.pick(0, 200);
      insert_order(r.shop, std::move(o));
    }
  }
}

TEST(SimOrderIndex, SearchTotalCountFollowsAnOrderMovedOutOfTheWindowBetweenPages) {
  random_shop r(13, 400);
  order_filter window;
  window.update_ge = base_time + 100;
  window.update_lt = base_time + 300;
  paging_request first;
  first.page_size = 10;
  const std::size_t before = page_of_orders(r.shop, window, true, false, first, token_key).total_count;
  ASSERT_EQ(before, brute_count(r.shop, true, window.update_ge, window.update_lt));
  ASSERT_GT(before, 0u);
  order& inside = r.shop.orders.at(page_of_orders(r.shop, window, true, false, first, token_key).items.at(0)->id);
  set_update_time(r.shop, inside, base_time + 1000);
  EXPECT_EQ(page_of_orders(r.shop, window, true, false, first, token_key).total_count, before - 1);
  set_update_time(r.shop, inside, base_time + 200);
  EXPECT_EQ(page_of_orders(r.shop, window, true, false, first, token_key).total_count, before);
}

TEST(SimDueWork, TakesOnlyWhatIsDueInShopKindAndIdOrderEachOnce) {
  due_work due;
  due.add(200, {"us", due_kind::product_audit, "p2"});
  due.add(100, {"us", due_kind::invoice_decision, "k9"});
  due.add(150, {"br", due_kind::product_audit, "p1"});
  due.add(120, {"us", due_kind::product_audit, "p2"});
  due.add(300, {"br", due_kind::invoice_decision, "k1"});
  due.add(90, {"us", due_kind::invoice_decision, "k3"});

  auto taken = due.take_due(200);
  std::vector<due_item> expected = {{"br", due_kind::product_audit, "p1"},
                                    {"us", due_kind::invoice_decision, "k3"},
                                    {"us", due_kind::invoice_decision, "k9"},
                                    {"us", due_kind::product_audit, "p2"}};
  EXPECT_EQ(taken, expected);
  EXPECT_EQ(due.size(), 1u);
  EXPECT_TRUE(due.take_due(299).empty());
  EXPECT_EQ(due.take_due(300), (std::vector<due_item>{{"br", due_kind::invoice_decision, "k1"}}));
}

}  // namespace
