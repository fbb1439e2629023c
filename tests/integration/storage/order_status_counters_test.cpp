// The per-status order counters behind the status tabs, on both backends: after every kind of write they
// equal a GROUP BY recount of the orders, the plain tabs read them, the migration fills them from the
// orders already stored, and two writers at once keep them right.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/order_search.hpp"
#include "kingkung/storage/shop_lifecycle_repository.hpp"
#include "storage_test_data.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::domain::order;
using kingkung::domain::order_status;
using kingkung::storage::order_filter;
using kingkung::storage::order_repository;
using kingkung::storage::order_search;
using kingkung::test::sample_order;

using counts_map = std::map<std::string, std::int64_t>;

constexpr std::int64_t base_time = 1764000000;

const order_status statuses[] = {order_status::unpaid, order_status::awaiting_shipment,
                                 order_status::in_transit, order_status::completed, order_status::cancelled};

class StorageOrderCounters : public kingkung::test::database_test {
 protected:
  void SetUp() override {
    database_test::SetUp();
    if (HasFatalFailure()) return;
    auto seller = kingkung::test::add_seller(db(), "Acme");
    kingkung::test::add_shop_row(db(), seller, "shop-a");
    kingkung::test::add_shop_row(db(), seller, "shop-b");
  }

  // What the counter rows hold, per shop and status (rows at zero left out).
  std::map<std::string, counts_map> counters() {
    std::map<std::string, counts_map> out;
    std::string shop, status;
    long long n = 0;
    auto session = db().acquire();
    soci::statement st =
        (session->prepare << "SELECT shop_id, status, order_count FROM order_status_counters",
         soci::into(shop), soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch())
      if (n != 0) out[shop][status] = n;
    return out;
  }

  // The same from the orders themselves.
  std::map<std::string, counts_map> recount() {
    std::map<std::string, counts_map> out;
    std::string shop, status;
    long long n = 0;
    auto session = db().acquire();
    soci::statement st =
        (session->prepare << "SELECT shop_id, status, count(*) FROM orders GROUP BY shop_id, status",
         soci::into(shop), soci::into(status), soci::into(n));
    st.execute();
    while (st.fetch()) out[shop][status] = n;
    return out;
  }

  void upsert(const std::vector<order>& orders) {
    auto stored = order_repository(db()).upsert(orders);
    ASSERT_TRUE(stored.ok()) << stored.err().message;
  }

  static order make(const std::string& shop, int i, order_status status, std::int64_t update_offset = 0) {
    auto o = sample_order(shop, "6" + std::to_string(100000 + i), status, base_time + i * 60,
                          base_time + 86400 + update_offset);
    o.raw_json += std::to_string(update_offset);
    return o;
  }

  std::vector<order> some_orders(const std::string& shop, int n) {
    std::vector<order> out;
    for (int i = 0; i < n; ++i) out.push_back(make(shop, i, statuses[i % 5]));
    return out;
  }

  static std::int64_t tab(const kingkung::storage::order_status_counts& c, const std::string& name) {
    auto it = c.find(name);
    return it == c.end() ? -1 : it->second;
  }
};

TEST_P(StorageOrderCounters, CountersEqualARecountAfterInserts) {
  upsert(some_orders("shop-a", 23));
  upsert(some_orders("shop-b", 7));
  auto want = recount();
  ASSERT_EQ(want["shop-a"].size(), 5u);
  EXPECT_EQ(counters(), want);
}

TEST_P(StorageOrderCounters, AStatusChangeMovesTheOrderBetweenCounters) {
  upsert(some_orders("shop-a", 10));
  auto later = make("shop-a", 1, order_status::in_transit, 500);  // was awaiting shipment
  upsert({later});
  auto want = recount();
  EXPECT_EQ(want["shop-a"]["AWAITING_SHIPMENT"], 1);
  EXPECT_EQ(want["shop-a"]["IN_TRANSIT"], 3);
  EXPECT_EQ(counters(), want);
}

TEST_P(StorageOrderCounters, ReUpsertingAnOrderInTheSameStatusChangesNoCounter) {
  auto orders = some_orders("shop-a", 10);
  upsert(orders);
  upsert(orders);  // unchanged
  std::vector<order> newer;
  for (int i = 0; i < 10; ++i) newer.push_back(make("shop-a", i, statuses[i % 5], 300));  // same statuses
  upsert(newer);
  std::vector<order> stale;
  for (int i = 0; i < 10; ++i) stale.push_back(make("shop-a", i, order_status::cancelled, -300));
  upsert(stale);
  counts_map want{
      {"UNPAID", 2}, {"AWAITING_SHIPMENT", 2}, {"IN_TRANSIT", 2}, {"COMPLETED", 2}, {"CANCELLED", 2}};
  EXPECT_EQ(recount()["shop-a"], want);
  EXPECT_EQ(counters()["shop-a"], want);
}

TEST_P(StorageOrderCounters, ANewerSnapshotWithALowerStatusKeepsTheCountOfTheKeptStatus) {
  upsert({make("shop-a", 1, order_status::completed)});
  upsert({make("shop-a", 1, order_status::awaiting_shipment, 100)});  // lower rank: the status stays
  EXPECT_EQ(counters()["shop-a"], (counts_map{{"COMPLETED", 1}}));
  EXPECT_EQ(counters(), recount());
}

TEST_P(StorageOrderCounters, ABatchThatFailsLeavesTheCountersAsTheyWere) {
  upsert(some_orders("shop-a", 5));
  auto before = counters();
  auto batch = some_orders("shop-a", 8);
  batch.back().shop_id = "no-such-shop";
  EXPECT_FALSE(order_repository(db()).upsert(batch).ok());
  EXPECT_EQ(counters(), before);
}

TEST_P(StorageOrderCounters, PurgingAShopRemovesItsCountersAndKeepsTheOthers) {
  upsert(some_orders("shop-a", 12));
  upsert(some_orders("shop-b", 4));
  kingkung::storage::shop_lifecycle_repository shops(db());
  ASSERT_TRUE(shops.disconnect_shop("shop-a", base_time).ok());
  auto purged = shops.purge_shop("shop-a", base_time + 1);
  ASSERT_TRUE(purged.ok()) << purged.err().message;
  EXPECT_EQ(purged->orders, 12u);
  auto after = counters();
  EXPECT_EQ(after.count("shop-a"), 0u);
  EXPECT_EQ(after, recount());
  order_filter f;
  f.shop_ids = {"shop-a", "shop-b"};
  auto tabs = order_search(db()).count_by_status(f);
  ASSERT_TRUE(tabs.ok()) << tabs.err().message;
  EXPECT_EQ(tab(*tabs, "all"), 4);
}

TEST_P(StorageOrderCounters, DeletingAShopRowDropsItsCountersWithItsOrders) {
  upsert(some_orders("shop-a", 6));
  upsert(some_orders("shop-b", 3));
  *db().acquire() << "DELETE FROM shops WHERE id = 'shop-a'";
  auto after = counters();
  EXPECT_EQ(after.count("shop-a"), 0u);
  EXPECT_EQ(after, recount());
}

TEST_P(StorageOrderCounters, PlainStatusTabsReadTheCountersAndSearchesCountTheOrders) {
  upsert(some_orders("shop-a", 10));
  // Counters that disagree with the orders show which path answered.
  *db().acquire()
      << "UPDATE order_status_counters SET order_count = 40 WHERE shop_id = 'shop-a' AND status = 'UNPAID'";
  order_filter f;
  f.shop_ids = {"shop-a"};
  f.status = order_status::completed;  // the tabs ignore the status filter
  auto plain = order_search(db()).count_by_status(f);
  ASSERT_TRUE(plain.ok()) << plain.err().message;
  EXPECT_EQ(tab(*plain, "UNPAID"), 40);
  EXPECT_EQ(tab(*plain, "all"), 48);
  EXPECT_EQ(tab(*plain, "ON_HOLD"), 0);
  f.created_from = base_time;
  auto dated = order_search(db()).count_by_status(f);
  ASSERT_TRUE(dated.ok()) << dated.err().message;
  EXPECT_EQ(tab(*dated, "UNPAID"), 2);
  EXPECT_EQ(tab(*dated, "all"), 10);
  f.created_from.reset();
  f.query = "610000";  // an order id prefix: orders 0 to 9
  auto searched = order_search(db()).count_by_status(f);
  ASSERT_TRUE(searched.ok()) << searched.err().message;
  EXPECT_EQ(tab(*searched, "UNPAID"), 2);
  EXPECT_EQ(tab(*searched, "all"), 10);
}

TEST_P(StorageOrderCounters, RebuildingSearchDataRecountsAShop) {
  upsert(some_orders("shop-a", 9));
  *db().acquire() << "DELETE FROM order_status_counters";
  ASSERT_TRUE(order_repository(db()).rebuild_search_data("shop-a").ok());
  EXPECT_EQ(counters(), recount());
}

TEST_P(StorageOrderCounters, TheMigrationFillsTheCountersFromStoredOrders) {
  upsert(some_orders("shop-a", 11));
  upsert(some_orders("shop-b", 6));
  {
    // Back to the schema before migration 6, keeping the orders.
    auto session = db().acquire();
    *session << "DROP TABLE order_status_counters";
    if (is_sqlite())
      *session << "DROP TABLE order_search_text";
    else
      *session << "ALTER TABLE orders DROP COLUMN search_text";
    *session << "DELETE FROM schema_migrations WHERE version = 6";
  }
  auto migrated = kingkung::storage::migrate(db());
  ASSERT_TRUE(migrated.ok()) << migrated.err().message;
  ASSERT_EQ(migrated->applied.size(), 1u);
  EXPECT_EQ(migrated->applied[0].version, 6);
  EXPECT_EQ(counters(), recount());
  EXPECT_EQ(counters()["shop-a"]["UNPAID"], 3);
}

TEST_P(StorageOrderCounters, ConcurrentUpsertsFromTwoSessionsKeepTheCountersRight) {
  upsert(some_orders("shop-a", 20));
  // Two writers move the same orders through different statuses at once; whichever snapshot wins an
  // order, the counters must follow it.
  std::atomic<int> stored{0};
  auto writer = [&](int seed) {
    order_repository repository(db());
    for (int round = 1; round <= 12; ++round) {
      std::vector<order> batch;
      for (int i = 0; i < 20; ++i)
        batch.push_back(make("shop-a", i, statuses[(i + seed + round) % 5], round * 10 + seed));
      for (int attempt = 0; attempt < 5; ++attempt) {
        if (repository.upsert(batch).ok()) {
          ++stored;
          break;
        }
      }
    }
  };
  std::thread first(writer, 1);
  std::thread second(writer, 2);
  first.join();
  second.join();
  EXPECT_GT(stored.load(), 0);
  auto want = recount();
  std::int64_t total = 0;
  for (const auto& [status, n] : want["shop-a"]) total += n;
  EXPECT_EQ(total, 20);
  EXPECT_EQ(counters(), want);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageOrderCounters);

}  // namespace
