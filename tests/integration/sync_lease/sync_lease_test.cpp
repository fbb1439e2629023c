// A worker keeps its shop lease while a page, or one platform call, takes longer than the lease: a
// second worker cannot take the shop meanwhile. A worker whose lease is really taken from it stops at
// the end of the page in progress, with the cursor never past what was stored.
//
// Time is the simulator's timeline (the sync clock of the engine and the worker): each platform
// request moves it forward, as a slow platform would. The lease watcher looks every millisecond; after
// each step the request waits (at most a few seconds) until the watcher has caught up, as real time
// would let it.
#include <gtest/gtest.h>

#include <thread>

#include "../sync/sync_test_support.hpp"
#include "kingkung/storage/lease_repository.hpp"
#include "kingkung/sync/worker.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::mx_shop_id;

constexpr std::int64_t lease_ttl = 10;  // the smallest lease the config allows
const std::string lease_name = sync::shop_lease_name(mx_shop_id);

class SyncLeaseKeeping : public sync_test {
 protected:
  void SetUp() override {
    sync_test::SetUp();
    if (HasFatalFailure()) return;
    start();
    settings_.lease_seconds = lease_ttl;
    links_.add(env().connect(mx_shop_id), *env().api);
  }

  sync::worker_options options() {
    sync::worker_options o;
    o.holder = "worker-a";
    o.lease_check = std::chrono::milliseconds(1);
    return o;
  }

  std::int64_t now() const { return wall_->now().time_since_epoch() / std::chrono::seconds(1); }

  // Waits until worker-a's lease has at least half its length left, as a watcher that looks in real
  // time would keep it. Gives up (once for the whole test) after a few seconds.
  void let_the_watcher_catch_up() {
    if (gave_up_) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
      auto held = storage::lease_repository(db()).get(lease_name);
      if (held.ok() && held.value() && (*held)->holder == "worker-a" &&
          (*held)->expires_at - now() >= lease_ttl / 2)
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    gave_up_ = true;
  }

  // A second worker's attempt to take the shop now.
  bool second_worker_takes_the_shop() {
    auto taken = storage::lease_repository(db()).try_acquire(lease_name, "worker-b", now(), lease_ttl);
    return taken.ok() && *taken;
  }

  std::optional<storage::sync_state> state(std::string_view resource) {
    auto s = storage::sync_state_repository(db()).get(mx_shop_id, resource);
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : std::nullopt;
  }

  fixed_links links_;
  bool gave_up_ = false;
};

TEST_P(SyncLeaseKeeping, APageOfCallsLongerThanTheLeaseKeepsItAndCompletes) {
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, wall_);
  sync::worker a(db(), engine, queue, links_, options(), wall_);
  int requests = 0, taken_by_b = 0;
  faults().on_request([&](const std::string&, const std::string&) {
    ++requests;
    pass_time(3);
    let_the_watcher_catch_up();
    if (second_worker_takes_the_shop()) ++taken_by_b;
  });

  const std::int64_t started = now();
  auto report = a.run_once();
  faults().on_request({});

  EXPECT_EQ(report.worked, std::vector<std::string>{std::string(mx_shop_id)});
  EXPECT_TRUE(report.failed.empty());
  EXPECT_EQ(taken_by_b, 0);
  // The run outlasted its lease many times over, within pages (a page of packages is 11 calls).
  EXPECT_GT(now() - started, 4 * lease_ttl);
  for (auto resource : {sync::orders_resource, sync::packages_resource, sync::products_resource}) {
    auto s = state(resource);
    ASSERT_TRUE(s.has_value()) << resource;
    EXPECT_GT(s->last_success, started) << resource;
    EXPECT_EQ(s->consecutive_failures, 0) << resource;
  }
  EXPECT_FALSE(stored_orders(mx_shop_id).empty());
  // The lease was given back at the end.
  auto held = storage::lease_repository(db()).get(lease_name);
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(held.value().has_value());
}

TEST_P(SyncLeaseKeeping, OnePlatformCallLongerThanTheLeaseKeepsIt) {
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, wall_);
  sync::worker a(db(), engine, queue, links_, options(), wall_);
  bool slow_call_done = false;
  int taken_by_b = 0;
  std::int64_t slow_from = 0, slow_to = 0;
  faults().on_request([&](const std::string& method, const std::string& path) {
    if (slow_call_done || method != "GET" || path.rfind("/fulfillment/202309/packages/", 0) != 0) return;
    slow_call_done = true;
    slow_from = now();
    for (int step = 0; step < 20; ++step) {  // 40 s: four leases within one Get Package Detail
      pass_time(2);
      let_the_watcher_catch_up();
      if (second_worker_takes_the_shop()) ++taken_by_b;
    }
    slow_to = now();
  });

  auto report = a.run_once();
  faults().on_request({});

  ASSERT_TRUE(slow_call_done);
  EXPECT_GE(slow_to - slow_from, 4 * lease_ttl);
  EXPECT_EQ(taken_by_b, 0);
  EXPECT_TRUE(report.failed.empty());
  auto packages = state(sync::packages_resource);
  ASSERT_TRUE(packages.has_value());
  EXPECT_GT(packages->last_success, 0);
}

TEST_P(SyncLeaseKeeping, AWorkerWhoseLeaseIsTakenStopsAfterThePageInProgress) {
  settings_.page_size = 2;
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, wall_);
  sync::worker a(db(), engine, queue, links_, options(), wall_);
  bool taken = false;
  faults().on_request([&](const std::string& method, const std::string& path) {
    if (taken || method != "GET" || path.rfind("/order/202507/orders", 0) != 0) return;
    // The worker stalls past its lease (no renewal can land), and a second worker takes the shop.
    pass_time(lease_ttl + 1);
    taken = second_worker_takes_the_shop();
  });

  auto report = a.run_once();
  faults().on_request({});
  const auto searches = faults().count("POST", "/order/202309/orders/search");
  const auto package_calls = faults().count("POST", "/fulfillment/") + faults().count("GET", "/fulfillment/");
  const auto product_calls = faults().count("POST", "/product/") + faults().count("GET", "/product/");

  ASSERT_TRUE(taken);
  EXPECT_EQ(report.failed, std::vector<std::string>{std::string(mx_shop_id)});
  // Page 1 was in progress: it is finished and stored; nothing after it is read.
  auto platform = platform_update_times(*links_.link_for(mx_shop_id));
  ASSERT_GT(platform.size(), settings_.page_size);
  EXPECT_EQ(searches, 1u);
  EXPECT_EQ(package_calls, 0u);
  EXPECT_EQ(product_calls, 0u);
  // The cursor's promise: every order updated up to it is stored.
  const auto stored = stored_orders(mx_shop_id);
  const std::int64_t cursor = cursor_of(mx_shop_id);
  ASSERT_GT(cursor, 0);
  EXPECT_LT(stored.size(), platform.size());
  for (const auto& [id, update_time] : platform) {
    if (update_time <= cursor) {
      EXPECT_TRUE(stored.contains(id)) << id;
    }
  }
  // The lease stays with the worker that took it.
  auto held = storage::lease_repository(db()).get(lease_name);
  ASSERT_TRUE(held.ok() && held.value().has_value());
  EXPECT_EQ((*held)->holder, "worker-b");
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncLeaseKeeping);

}  // namespace
}  // namespace kingkung::sync_test
