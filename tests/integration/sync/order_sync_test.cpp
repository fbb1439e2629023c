// Incremental order sync against the simulator: what is stored equals what the platform lists, runs
// pick up changes, late snapshots never move a status back, backfill and reconciliation windows.
#include <gtest/gtest.h>

#include "kingkung/storage/sync_state_repository.hpp"
#include "sync_test_support.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::br_shop_id;
using tiktok_sim_test::mx_shop_id;
using tiktok_sim_test::us_shop_id;

class SyncOrders : public sync_test {};

TEST_P(SyncOrders, StoresExactlyThePlatformsOrders) {
  start();
  auto l = link(mx_shop_id);
  auto report = make_engine().sync_orders(l);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_GT(report.pages, 1u) << "small pages, so paging is exercised";
  auto platform = platform_orders(l);
  ASSERT_FALSE(platform.empty());
  EXPECT_EQ(stored_orders(mx_shop_id), platform);
}

TEST_P(SyncOrders, ReadsEveryOrderWithGetOrderDetailInBatchesOfAtMostFifty) {
  start();
  settings_.page_size = 50;
  auto l = link(us_shop_id);
  ASSERT_TRUE(make_engine().sync_orders(l).ok);
  std::size_t ids = 0;
  for (const auto& r : faults().requests()) {
    if (r.method != "GET" || r.path.rfind("/order/", 0) != 0) continue;
    auto query = r.target.substr(r.target.find("ids=") + 4);
    query = query.substr(0, query.find('&'));
    std::size_t in_request = 1;
    for (std::size_t at = query.find("%2C"); at != std::string::npos; at = query.find("%2C", at + 1))
      ++in_request;
    EXPECT_LE(in_request, 50u);
    ids += in_request;
  }
  EXPECT_EQ(ids, platform_orders(l).size());
}

TEST_P(SyncOrders, PicksUpOrdersAddedAndChangedBetweenRuns) {
  start();
  auto l = link(us_shop_id);
  auto changing = env().create_orders(us_shop_id, 1, "single", "UNPAID").front();
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(l).ok);
  ASSERT_EQ(stored_orders(us_shop_id).at(changing), "UNPAID");

  pass_time(2);
  auto added = env().create_orders(us_shop_id, 3, "single");
  env().control_data("POST", "/__sim/orders/" + changing + "/status",
                     tiktok_sim_test::json::object{{"status", "AWAITING_SHIPMENT"}});
  auto second = engine.sync_orders(l);
  ASSERT_TRUE(second.ok) << second.error;

  auto stored = stored_orders(us_shop_id);
  EXPECT_EQ(stored.at(changing), "AWAITING_SHIPMENT");
  for (const auto& id : added) EXPECT_TRUE(stored.contains(id)) << id;
  EXPECT_EQ(stored, platform_orders(l));
}

TEST_P(SyncOrders, ALateOlderSnapshotDoesNotMoveAStatusBack) {
  start();
  auto l = link(us_shop_id);
  auto id = env().create_orders(us_shop_id, 1, "single", "UNPAID").front();
  auto engine = make_engine();
  faults().capture_next("GET", "/order/");
  ASSERT_TRUE(engine.refresh_orders(l, {id}).ok);  // the UNPAID snapshot is kept for later

  pass_time(1);
  env().control_data("POST", "/__sim/orders/" + id + "/status",
                     tiktok_sim_test::json::object{{"status", "AWAITING_SHIPMENT"}});
  ASSERT_TRUE(engine.refresh_orders(l, {id}).ok);
  ASSERT_EQ(stored_orders(us_shop_id).at(id), "AWAITING_SHIPMENT");

  faults().replay_captured_once();
  auto late = engine.refresh_orders(l, {id});
  ASSERT_TRUE(late.ok) << late.error;
  EXPECT_EQ(late.stale, 1u);
  EXPECT_EQ(stored_orders(us_shop_id).at(id), "AWAITING_SHIPMENT");
}

TEST_P(SyncOrders, TheFirstRunReadsOnlyTheBackfillWindow) {
  start();
  settings_.backfill_days = 5;
  auto l = link(br_shop_id);
  ASSERT_TRUE(make_engine().sync_orders(l).ok);
  const std::int64_t from = env().api->now_unix() - 5 * 86400;
  std::map<std::string, std::string> expected;
  auto statuses = platform_orders(l);
  for (const auto& [id, update_time] : platform_update_times(l))
    if (update_time >= from) expected[id] = statuses.at(id);
  ASSERT_LT(expected.size(), statuses.size()) << "the demo data spans 30 days";
  EXPECT_EQ(stored_orders(br_shop_id), expected);
}

TEST_P(SyncOrders, TheCursorEndsAtThePlatformsTimeAndTheNextRunRereadsTheOverlap) {
  start();
  auto l = link(mx_shop_id);
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(l).ok);
  EXPECT_EQ(cursor_of(mx_shop_id), env().api->now_unix());
  auto second = engine.sync_orders(l);
  ASSERT_TRUE(second.ok) << second.error;
  EXPECT_EQ(second.inserted, 0u);
  EXPECT_EQ(second.updated, 0u);
}

TEST_P(SyncOrders, ReconciliationStoresOrdersTheIncrementalCursorHadPassed) {
  start();
  auto l = link(mx_shop_id);
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(l).ok);
  auto missed = env().create_orders(mx_shop_id, 2, "single");
  // A cursor that ran ahead (e.g. the platform indexed these orders late).
  ASSERT_TRUE(
      storage::sync_state_repository(db())
          .save_cursor(mx_shop_id, sync::orders_resource, std::to_string(env().api->now_unix() + 600), 0)
          .ok());
  ASSERT_TRUE(engine.sync_orders(l).ok);
  ASSERT_FALSE(stored_orders(mx_shop_id).contains(missed.front()));

  EXPECT_TRUE(engine.reconcile_due(mx_shop_id));
  auto pass = engine.reconcile_orders(l);
  ASSERT_TRUE(pass.ok) << pass.error;
  EXPECT_EQ(pass.inserted, 2u);
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(l));
  EXPECT_FALSE(engine.reconcile_due(mx_shop_id));
}

TEST_P(SyncOrders, HealthShowsLastSuccessLagCountsAndPendingWriteBacks) {
  start();
  auto l = link(us_shop_id);
  auto engine = make_engine();
  ASSERT_TRUE(engine.sync_orders(l).ok);
  sync::write_back_queue queue(db(), settings_, wall_);
  ASSERT_TRUE(queue.enqueue(us_shop_id, sync::write_back_kind::ship, R"({"package_id":"1"})", "ship-1").ok());

  auto h = engine.health(us_shop_id);
  ASSERT_TRUE(h.ok()) << h.err().message;
  EXPECT_EQ(h->last_success, env().time.unix_now());
  EXPECT_EQ(h->lag_seconds, 0);
  EXPECT_EQ(h->orders, static_cast<std::int64_t>(platform_orders(l).size()));
  EXPECT_EQ(h->pending_write_backs, 1);
  EXPECT_TRUE(h->last_error.empty());
}

TEST_P(SyncOrders, HealthShowsTheLastErrorWithoutTheAccessToken) {
  start();
  auto l = link(us_shop_id);
  faults().add({"POST", "/order/", 0, 1, fault_kind::server_error});
  auto report = make_engine().sync_orders(l);
  ASSERT_FALSE(report.ok);
  auto h = make_engine().health(us_shop_id);
  ASSERT_TRUE(h.ok());
  EXPECT_NE(h->last_error.find("36009003"), std::string::npos) << h->last_error;
  EXPECT_EQ(h->consecutive_failures, 1);
  auto token = env().tokens->current(us_shop_id);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(h->last_error.find(std::string(token->reveal())), std::string::npos);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncOrders);

}  // namespace
}  // namespace kingkung::sync_test
