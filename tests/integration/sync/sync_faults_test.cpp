// Order sync under failure: 429 storms, 5xx and timeouts mid-sync, the database failing mid-batch or
// losing its connection. The cursor never passes data that was not stored, and the next run completes.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <set>

#include "sync_test_support.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::br_shop_id;
using tiktok_sim_test::mx_shop_id;
using tiktok_sim_test::us_shop_id;

class SyncFaults : public sync_test {
 protected:
  // Orders the platform has but storage lacks must all be at or after the cursor.
  void expect_cursor_before_unstored(const sync::shop_link& l) {
    auto stored = stored_orders(l.shop.id);
    std::int64_t cursor = cursor_of(l.shop.id);
    for (const auto& [id, update_time] : platform_update_times(l))
      if (!stored.contains(id)) {
        EXPECT_LE(cursor, update_time) << "order " << id << " is not stored";
      }
  }
};

TEST_P(SyncFaults, A429StormKeepsTheConfiguredRateAndSkipsNoOrder) {
  constexpr unsigned qps = 4;
  sim_options options;
  options.env.mx_orders = 120;
  options.client_qps = qps;
  options.client_retries = 6;
  start(options);
  auto l = link(mx_shop_id);
  faults().add({"POST", "/order/", 1, 4, fault_kind::rate_limited});
  faults().add({"GET", "/order/", 2, 3, fault_kind::rate_limited});
  auto report = make_engine().sync_orders(l);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_EQ(faults().count("POST", "/order/", 429), 4u);
  EXPECT_EQ(faults().count("GET", "/order/", 429), 3u);
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(l));

  // Per API, any n consecutive requests span at least (n - qps) / qps seconds: the token bucket's bound
  // (a burst of at most qps, then qps per second), retries included.
  std::map<std::string, std::vector<std::chrono::nanoseconds>> by_api;
  for (const auto& r : faults().requests()) by_api[r.method + " " + r.path].push_back(r.at);
  ASSERT_GT(by_api["POST /order/202309/orders/search"].size(), 3 * qps) << "enough calls to measure a rate";
  for (const auto& [api, times] : by_api)
    for (std::size_t i = 0; i < times.size(); ++i)
      for (std::size_t j = i + qps; j < times.size(); ++j) {
        auto min_span = std::chrono::nanoseconds(std::chrono::seconds(1)) *
                        static_cast<std::int64_t>(j - i + 1 - qps) / qps;
        ASSERT_GE(times[j] - times[i], min_span - std::chrono::microseconds(1))
            << api << " requests " << i << ".." << j;
      }
}

TEST_P(SyncFaults, TheSimulatorsOwnRateLimitIsAbsorbedWithoutSkippingOrders) {
  sim_options options;
  options.env.us_orders = 300;
  options.client_retries = 8;
  start(options);
  settings_.page_size = 5;
  auto l = link(us_shop_id);
  auto report = make_engine().sync_orders(l);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_GT(faults().count("POST", "/order/", 429) + faults().count("GET", "/order/", 429), 0u)
      << "more than 50 calls per simulated second must meet the platform's limit";
  EXPECT_EQ(stored_orders(us_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, ARandom429StormFromTheSimulatorSkipsNoOrder) {
  sim_options options;
  options.env.br_orders = 120;
  options.client_qps = 10;
  options.client_retries = 8;
  start(options);
  auto l = link(br_shop_id);
  env().control_data("POST", "/__sim/faults",
                     tiktok_sim_test::json::object{{"rates", tiktok_sim_test::json::object{{"429", 0.3}}},
                                                   {"paths", tiktok_sim_test::json::array{"/order/*"}}});
  auto report = make_engine().sync_orders(l);
  env().control_data("POST", "/__sim/faults/clear");
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_GT(faults().count("POST", "/order/", 429) + faults().count("GET", "/order/", 429), 0u);
  EXPECT_EQ(stored_orders(br_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, AServerErrorMidSyncFailsTheRunAndTheCursorStaysBeforeUnstoredOrders) {
  start();
  auto l = link(mx_shop_id);
  faults().add({"POST", "/order/", 2, 1, fault_kind::server_error});
  auto engine = make_engine();
  auto failed = engine.sync_orders(l);
  ASSERT_FALSE(failed.ok);
  EXPECT_NE(failed.error.find("36009003"), std::string::npos) << failed.error;
  auto stored = stored_orders(mx_shop_id);
  EXPECT_FALSE(stored.empty()) << "the pages before the failure are kept";
  EXPECT_LT(stored.size(), platform_orders(l).size());
  expect_cursor_before_unstored(l);

  auto next = engine.sync_orders(l);
  ASSERT_TRUE(next.ok) << next.error;
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, ATimeoutOnOrderDetailFailsTheRunAndTheNextRunCompletes) {
  start();
  auto l = link(br_shop_id);
  faults().add({"GET", "/order/", 1, 1, fault_kind::timeout});
  auto engine = make_engine();
  auto failed = engine.sync_orders(l);
  ASSERT_FALSE(failed.ok);
  expect_cursor_before_unstored(l);
  ASSERT_TRUE(engine.sync_orders(l).ok);
  EXPECT_EQ(stored_orders(br_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, RetriedServerErrorsAndTimeoutsDoNotFailTheRun) {
  sim_options options;
  options.client_retries = 3;
  start(options);
  auto l = link(mx_shop_id);
  faults().add({"POST", "/order/", 1, 2, fault_kind::server_error});
  faults().add({"GET", "/order/", 2, 1, fault_kind::timeout});
  auto report = make_engine().sync_orders(l);
  ASSERT_TRUE(report.ok) << report.error;
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, TheDatabaseFailingMidBatchRollsTheWholeBatchBack) {
  start();
  auto l = link(us_shop_id);
  auto times = platform_update_times(l);
  ASSERT_GT(times.size(), 20u);
  // An order in the middle of the update-time order, so some batches store before the failure.
  std::vector<std::pair<std::int64_t, std::string>> ordered;
  for (const auto& [id, t] : times) ordered.emplace_back(t, id);
  std::sort(ordered.begin(), ordered.end());
  const std::string poisoned = ordered[ordered.size() / 2].second;
  {
    auto sql = db().acquire();
    if (is_sqlite())
      *sql << "CREATE TRIGGER kk_test_fail BEFORE INSERT ON order_lines WHEN NEW.order_id = '" + poisoned +
                  "' BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END";
    else
      *sql
          << "CREATE TRIGGER kk_test_fail BEFORE INSERT ON order_lines FOR EACH ROW BEGIN IF NEW.order_id = "
             "'" +
                 poisoned +
                 "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'simulated storage failure'; END IF; END";
  }
  auto engine = make_engine();
  auto failed = engine.sync_orders(l);
  ASSERT_FALSE(failed.ok);
  EXPECT_NE(failed.error.find("simulated storage failure"), std::string::npos) << failed.error;

  auto batch = faults().detail_batch_of(poisoned);
  ASSERT_GT(batch.size(), 1u);
  auto stored = stored_orders(us_shop_id);
  for (const auto& id : batch) EXPECT_FALSE(stored.contains(id)) << id << " of the failed batch was stored";
  EXPECT_FALSE(stored.empty());
  expect_cursor_before_unstored(l);

  *db().acquire() << "DROP TRIGGER kk_test_fail";
  auto next = engine.sync_orders(l);
  ASSERT_TRUE(next.ok) << next.error;
  EXPECT_EQ(stored_orders(us_shop_id), platform_orders(l));
}

TEST_P(SyncFaults, ALostDatabaseConnectionFailsTheRunAndTheNextRunReconnectsAndCompletes) {
  if (is_sqlite()) GTEST_SKIP() << "an embedded SQLite database has no connection to lose";
  start();
  auto l = link(mx_shop_id);
  // On the third Get Order Detail, the server drops every connection of this database.
  int details = 0;
  auto url = scratch().url();
  faults().on_request([&](const std::string& method, const std::string& path) {
    if (method != "GET" || path.rfind("/order/", 0) != 0 || ++details != 3) return;
    auto admin_url = test::test_server_url();
    ASSERT_TRUE(admin_url.ok());
    auto admin = storage::database::open(*admin_url, 1);
    ASSERT_TRUE(admin.ok());
    auto sql = (*admin)->acquire();
    std::vector<long long> ids(200);
    *sql << "SELECT id FROM information_schema.processlist WHERE db = :db", soci::into(ids),
        soci::use(url.name);
    for (auto id : ids) *sql << "KILL CONNECTION " + std::to_string(id);
  });
  auto engine = make_engine();
  auto first = engine.sync_orders(l);
  faults().on_request(nullptr);
  ASSERT_GE(details, 3) << "the connections were dropped mid-sync";
  // Either a statement met the dropped connection and the run failed, or the pool noticed and
  // reconnected first; in both cases nothing unstored may lie behind the cursor.
  if (!first.ok) expect_cursor_before_unstored(l);
  auto next = engine.sync_orders(l);
  ASSERT_TRUE(next.ok) << next.error;
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(l));
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncFaults);

}  // namespace
}  // namespace kingkung::sync_test
