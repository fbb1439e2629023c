// Leases and workers: one holder per shop at a time, takeover after a dead worker's lease expires,
// several workers on one database syncing every shop, and a prompt stop.
#include <gtest/gtest.h>

#include <thread>

#include "kingkung/storage/lease_repository.hpp"
#include "kingkung/sync/worker.hpp"
#include "sync_test_support.hpp"

namespace kingkung::sync_test {
namespace {

using tiktok_sim_test::br_shop_id;
using tiktok_sim_test::mx_shop_id;
using tiktok_sim_test::start_unix;
using tiktok_sim_test::us_shop_id;

class SyncLeases : public test::database_test {};

TEST_P(SyncLeases, AFreeLeaseIsTakenAndAHeldOneIsRefused) {
  storage::lease_repository leases(db());
  auto a = leases.try_acquire("shop:1", "worker-a", 1000, 60);
  ASSERT_TRUE(a.ok()) << a.err().message;
  EXPECT_TRUE(*a);
  auto b = leases.try_acquire("shop:1", "worker-b", 1030, 60);
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(*b);
  auto held = leases.get("shop:1");
  ASSERT_TRUE(held.ok() && held.value());
  EXPECT_EQ((*held)->holder, "worker-a");
  EXPECT_EQ((*held)->expires_at, 1060);
}

TEST_P(SyncLeases, TheHolderRenewsItsLeaseEvenWithinTheSameSecond) {
  storage::lease_repository leases(db());
  ASSERT_TRUE(*leases.try_acquire("shop:1", "worker-a", 1000, 60));
  EXPECT_TRUE(*leases.try_acquire("shop:1", "worker-a", 1000, 60));
  EXPECT_TRUE(*leases.renew("shop:1", "worker-a", 1000, 60));
  EXPECT_TRUE(*leases.renew("shop:1", "worker-a", 1050, 60));
  EXPECT_EQ((*leases.get("shop:1"))->expires_at, 1110);
  EXPECT_EQ((*leases.get("shop:1"))->acquired_at, 1000);
}

TEST_P(SyncLeases, AnExpiredLeaseIsTakenOverAndTheOldHolderCannotRenewIt) {
  storage::lease_repository leases(db());
  ASSERT_TRUE(*leases.try_acquire("shop:1", "worker-a", 1000, 60));
  EXPECT_FALSE(*leases.try_acquire("shop:1", "worker-b", 1059, 60));
  EXPECT_TRUE(*leases.try_acquire("shop:1", "worker-b", 1060, 60));
  EXPECT_FALSE(*leases.renew("shop:1", "worker-a", 1061, 60));
  EXPECT_EQ((*leases.get("shop:1"))->holder, "worker-b");
}

TEST_P(SyncLeases, ReleaseFreesTheLeaseOnlyForItsHolder) {
  storage::lease_repository leases(db());
  ASSERT_TRUE(*leases.try_acquire("shop:1", "worker-a", 1000, 60));
  ASSERT_TRUE(leases.release("shop:1", "worker-b").ok());
  EXPECT_FALSE(*leases.try_acquire("shop:1", "worker-b", 1001, 60));
  ASSERT_TRUE(leases.release("shop:1", "worker-a").ok());
  EXPECT_TRUE(*leases.try_acquire("shop:1", "worker-b", 1001, 60));
}

TEST_P(SyncLeases, ManyThreadsRacingForOneLeaseGiveExactlyOneHolder) {
  std::atomic<int> winners{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&, i] {
      auto won =
          storage::lease_repository(db()).try_acquire("shop:race", "worker-" + std::to_string(i), 1000, 60);
      if (won.ok() && *won) ++winners;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(winners.load(), 1);
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncLeases);

// Records which workers are inside each shop; fails on overlap.
class holder_recorder final : public sync::worker_observer {
 public:
  void on_shop_started(std::string_view shop_id, std::string_view holder) noexcept override {
    std::lock_guard lock(mu_);
    auto& inside = active_[std::string(shop_id)];
    inside.insert(std::string(holder));
    max_inside_ = std::max(max_inside_, inside.size());
    workers_of_[std::string(shop_id)].insert(std::string(holder));
  }
  void on_shop_finished(std::string_view shop_id, std::string_view holder, bool) noexcept override {
    std::lock_guard lock(mu_);
    active_[std::string(shop_id)].erase(std::string(holder));
  }
  std::size_t max_inside() {
    std::lock_guard lock(mu_);
    return max_inside_;
  }
  std::set<std::string> shops() {
    std::lock_guard lock(mu_);
    std::set<std::string> out;
    for (const auto& [shop, w] : workers_of_) out.insert(shop);
    return out;
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::set<std::string>> active_;
  std::map<std::string, std::set<std::string>> workers_of_;
  std::size_t max_inside_ = 0;
};

class SyncWorkers : public sync_test {
 protected:
  void start_workers_env() {
    start();
    for (auto id : {mx_shop_id, br_shop_id, us_shop_id}) links_.add(env().connect(id), *env().api);
  }
  sync::worker_options options(std::string holder, std::shared_ptr<holder_recorder> recorder = nullptr) {
    sync::worker_options o;
    o.holder = std::move(holder);
    o.idle_wait = std::chrono::milliseconds(1);
    o.observer = std::move(recorder);
    return o;
  }

  fixed_links links_;
  std::shared_ptr<manual_clock> lease_clock_ = std::make_shared<manual_clock>(start_unix);
};

TEST_P(SyncWorkers, TwoWorkersSyncEveryShopAndNeverHoldOneShopTogether) {
  start_workers_env();
  auto recorder = std::make_shared<holder_recorder>();
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, lease_clock_);
  sync::worker a(db(), engine, queue, links_, options("worker-a", recorder), lease_clock_);
  sync::worker b(db(), engine, queue, links_, options("worker-b", recorder), lease_clock_);
  std::vector<std::string> held_elsewhere;
  std::mutex mu;
  auto loop = [&](sync::worker& w) {
    for (int pass = 0; pass < 4; ++pass) {
      auto report = w.run_once();
      std::lock_guard lock(mu);
      held_elsewhere.insert(held_elsewhere.end(), report.held_elsewhere.begin(), report.held_elsewhere.end());
    }
  };
  std::thread ta(loop, std::ref(a)), tb(loop, std::ref(b));
  ta.join();
  tb.join();

  EXPECT_EQ(recorder->max_inside(), 1u);
  EXPECT_EQ(recorder->shops(), (std::set<std::string>{std::string(mx_shop_id), std::string(br_shop_id),
                                                      std::string(us_shop_id)}));
  for (auto id : {mx_shop_id, br_shop_id, us_shop_id})
    EXPECT_EQ(stored_orders(id), platform_orders(*links_.link_for(id))) << id;
}

TEST_P(SyncWorkers, ADeadWorkersLeaseIsTakenOverAfterItExpires) {
  start_workers_env();
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, lease_clock_);
  storage::lease_repository leases(db());
  ASSERT_TRUE(*leases.try_acquire(sync::shop_lease_name(mx_shop_id), "dead-worker", lease_clock_->unix_now(),
                                  settings_.lease_seconds));
  sync::worker survivor(db(), engine, queue, links_, options("survivor"), lease_clock_);

  auto before = survivor.run_once();
  EXPECT_EQ(before.held_elsewhere, std::vector<std::string>{std::string(mx_shop_id)});
  EXPECT_TRUE(stored_orders(mx_shop_id).empty());

  lease_clock_->advance(settings_.lease_seconds);
  auto after = survivor.run_once();
  EXPECT_NE(std::find(after.worked.begin(), after.worked.end(), std::string(mx_shop_id)), after.worked.end());
  EXPECT_EQ(stored_orders(mx_shop_id), platform_orders(*links_.link_for(mx_shop_id)));
}

TEST_P(SyncWorkers, AShopIsNotSyncedAgainBeforeItsInterval) {
  start_workers_env();
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, lease_clock_);
  sync::worker w(db(), engine, queue, links_, options("worker-a"), wall_);
  EXPECT_EQ(w.run_once().worked.size(), 3u);
  EXPECT_TRUE(w.run_once().worked.empty());
  pass_time(settings_.interval_seconds);
  EXPECT_EQ(w.run_once().worked.size(), 3u);
}

TEST_P(SyncWorkers, AShopWithoutALinkIsReportedUnreachableAndNotCalled) {
  start();
  links_.add(env().connect(us_shop_id), *env().api);
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, lease_clock_);
  sync::worker w(db(), engine, queue, links_, options("worker-a"), lease_clock_);
  auto report = w.run_once();
  EXPECT_EQ(report.unreachable.size(), 2u);
  EXPECT_TRUE(stored_orders(mx_shop_id).empty());
  EXPECT_FALSE(stored_orders(us_shop_id).empty());
}

TEST_P(SyncWorkers, StopEndsARunningWorker) {
  start_workers_env();
  auto engine = make_engine();
  sync::write_back_queue queue(db(), settings_, lease_clock_);
  sync::worker w(db(), engine, queue, links_, options("worker-a"), lease_clock_);
  std::thread runner([&] { w.run(); });
  while (stored_orders(us_shop_id).empty()) std::this_thread::yield();
  w.stop();
  runner.join();
  EXPECT_TRUE(w.stopping());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(SyncWorkers);

}  // namespace
}  // namespace kingkung::sync_test
