#include "kingkung/sync/worker.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <unistd.h>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/lease_repository.hpp"
#include "kingkung/storage/sync_state_repository.hpp"
#include "sync/system_clock.hpp"

namespace kingkung::sync {

namespace {

// UTC with milliseconds, like the log's own stamps, so that the windows of several workers compare.
std::string utc_millis(std::chrono::system_clock::time_point at) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return text;
}

// Holds a shop's lease for the length of a run. The lease is renewed once a third of it is used: at
// every page boundary (hold()) and from a watcher thread that looks every `check_every`, so that neither
// a long page nor one slow platform call (rate-limit waits, retries, timeouts) outlives the lease while
// this process is alive. Once a renewal is refused (someone else holds the lease, or it lapsed) the
// lease is lost for good and hold() says so.
class lease_keeper {
 public:
  lease_keeper(storage::database& db, std::string name, std::string holder, std::int64_t ttl,
               std::function<std::int64_t()> now, std::chrono::milliseconds check_every)
      : leases_(db),
        name_(std::move(name)),
        holder_(std::move(holder)),
        ttl_(ttl),
        now_(std::move(now)),
        renewed_at_(now_()) {
    const auto every = std::max(check_every, std::chrono::milliseconds(1));
    watcher_ = std::thread([this, every] { watch(every); });
  }
  ~lease_keeper() {
    {
      std::lock_guard lock(wake_mutex_);
      done_ = true;
    }
    wake_.notify_all();
    watcher_.join();
  }
  lease_keeper(const lease_keeper&) = delete;
  lease_keeper& operator=(const lease_keeper&) = delete;

  // Renews when due; false once the lease is lost.
  bool hold() {
    std::lock_guard lock(renew_mutex_);
    if (lost_) return false;
    const std::int64_t at = now_();
    if (at - renewed_at_ < std::max<std::int64_t>(1, ttl_ / 3)) return true;
    auto renewed = leases_.renew(name_, holder_, at, ttl_);
    if (renewed.ok() && *renewed) {
      renewed_at_ = at;
      return true;
    }
    // A database error is tried again at the next look, while the lease may still be ours.
    if (!renewed.ok() && at < renewed_at_ + ttl_) {
      log::warn("sync", "worker " + holder_ + ": renewing " + name_ + " failed: " + renewed.err().message);
      return true;
    }
    lost_ = true;
    log::warn("sync", "worker " + holder_ + " lost the lease " + name_);
    return false;
  }

 private:
  void watch(std::chrono::milliseconds every) {
    std::unique_lock lock(wake_mutex_);
    while (!wake_.wait_for(lock, every, [&] { return done_; })) {
      lock.unlock();
      const bool held = hold();
      lock.lock();
      if (!held) return;
    }
  }

  storage::lease_repository leases_;
  const std::string name_;
  const std::string holder_;
  const std::int64_t ttl_;
  const std::function<std::int64_t()> now_;
  std::mutex renew_mutex_;
  std::int64_t renewed_at_;
  bool lost_ = false;
  std::mutex wake_mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread watcher_;  // last: started once everything it reads is set
};

}  // namespace

std::string shop_lease_name(std::string_view shop_id) {
  return "sync:shop:" + std::string(shop_id);
}

std::string holder_prefix(std::string_view role) {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::string out = std::string(host[0] != '\0' ? host : "host") + ":" + std::to_string(::getpid());
  if (!role.empty()) out += ":" + std::string(role);
  return out;
}

worker::worker(storage::database& db, engine& sync_engine, write_back_queue& queue, shop_link_provider& links,
               worker_options options, std::shared_ptr<const plugin::clock> clock)
    : db_(db),
      engine_(sync_engine),
      queue_(queue),
      links_(links),
      options_(std::move(options)),
      clock_(detail::clock_or_system(std::move(clock))) {
  if (options_.holder.empty()) throw std::invalid_argument("sync worker: a holder id is required");
}

worker::~worker() {
  stop();
}

std::int64_t worker::now() const {
  return detail::unix_seconds(*clock_);
}

void worker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

bool worker::due(std::string_view shop_id, std::int64_t at) {
  auto state = storage::sync_state_repository(db_).get(shop_id, orders_resource);
  if (!state) return false;
  if (!state.value()) return true;
  if (at - (*state)->last_attempt >= engine_.settings().interval_seconds) return true;
  return queue_.has_due(shop_id);
}

bool worker::work_on(std::string_view shop_id, const shop_link& link) {
  lease_keeper lease(
      db_, shop_lease_name(shop_id), options_.holder, engine_.settings().lease_seconds,
      [this] { return now(); }, options_.lease_check);
  bool lost = false;
  // Between pages: stop when the lease is lost or stop() was called (the watcher renews meanwhile).
  keep_going go = [&]() {
    if (stop_.load()) return false;
    if (!lease.hold()) lost = true;
    return !lost;
  };

  bool ok = engine_.sync_orders(link, go).ok;
  if (ok && go() && engine_.reconcile_due(shop_id)) ok = engine_.reconcile_orders(link, go).ok;
  if (options_.sync_packages && go()) ok = engine_.sync_packages(link, go).ok && ok;
  if (options_.sync_products && go()) ok = engine_.sync_products(link, go).ok && ok;
  if (go()) ok = queue_.drain(link).error.empty() && ok;
  return ok && !lost;
}

pass_report worker::run_once() {
  pass_report report;
  auto shops = storage::sync_state_repository(db_).connected_shops();
  if (!shops) {
    log::warn("sync", "worker " + options_.holder + ": listing shops failed: " + shops.err().message);
    return report;
  }
  storage::lease_repository leases(db_);
  for (const auto& shop_id : *shops) {
    if (stop_) break;
    if (!due(shop_id, now())) continue;
    const std::string lease = shop_lease_name(shop_id);
    auto taken = leases.try_acquire(lease, options_.holder, now(), engine_.settings().lease_seconds);
    if (!taken.ok() || !*taken) {
      report.held_elsewhere.push_back(shop_id);
      continue;
    }
    // Checked again under the lease: another worker may have just finished this shop.
    if (!due(shop_id, now())) {
      (void)leases.release(lease, options_.holder);
      continue;
    }
    auto link = links_.link_for(shop_id);
    if (!link || link->api == nullptr) {
      report.unreachable.push_back(shop_id);
      (void)leases.release(lease, options_.holder);
      continue;
    }
    if (options_.observer) options_.observer->on_shop_started(shop_id, options_.holder);
    const auto started = clock_->now();
    bool ok = work_on(shop_id, *link);
    const auto finished = clock_->now();
    if (options_.observer) options_.observer->on_shop_finished(shop_id, options_.holder, ok);
    // Both ends lie inside the lease: the windows of one shop never overlap while leases hold.
    const std::string window =
        " by " + options_.holder + " from " + utc_millis(started) + " to " + utc_millis(finished);
    if (ok)
      log::info("sync", "shop " + shop_id + " synced" + window);
    else
      log::warn("sync", "shop " + shop_id + " sync failed" + window);
    (void)leases.release(lease, options_.holder);
    report.worked.push_back(shop_id);
    if (!ok) report.failed.push_back(shop_id);
  }
  return report;
}

void worker::run() {
  while (!stop_) {
    run_once();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.idle_wait, [&] { return stop_.load(); });
  }
}

}  // namespace kingkung::sync
