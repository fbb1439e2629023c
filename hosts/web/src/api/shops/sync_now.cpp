#include "api/shops/sync_now.hpp"

#include <algorithm>
#include <chrono>

#include "kingkung/app/platform_services.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/lease_repository.hpp"
#include "kingkung/sync/worker.hpp"

namespace kingkung::web::shops {

sync_now::sync_now(storage::database& db, app::platform_services& services) : db_(db), services_(services) {
  thread_ = std::thread([this] { run(); });
}

sync_now::~sync_now() {
  stop();
}

bool sync_now::request(std::string_view shop_id) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    if (std::find(queue_.begin(), queue_.end(), shop_id) == queue_.end()) queue_.emplace_back(shop_id);
  }
  changed_.notify_all();
  return true;
}

void sync_now::wait_idle() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopping_ || (queue_.empty() && !busy_); });
}

void sync_now::stop() noexcept {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void sync_now::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    std::string shop_id = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    sync_one(shop_id);
    lock.lock();
    busy_ = false;
    changed_.notify_all();
  }
}

void sync_now::sync_one(const std::string& shop_id) {
  auto& engine = services_.sync();
  const std::string holder = sync::holder_prefix("sync-now");
  const std::string lease = sync::shop_lease_name(shop_id);
  storage::lease_repository leases(db_);
  auto taken = leases.try_acquire(lease, holder, engine.now(), engine.settings().lease_seconds);
  if (!taken || !*taken) {
    log::info("sync", "sync now of shop " + shop_id + ": a sync worker is on it already");
    return;
  }
  if (auto link = services_.links().link_for(shop_id)) {
    auto orders = engine.sync_orders(*link);
    auto products = engine.sync_products(*link);
    auto packages = engine.sync_packages(*link);
    if (!orders.ok || !products.ok || !packages.ok)
      log::warn("sync", "sync now of shop " + shop_id + " did not finish; the shop's health says why");
  }
  (void)leases.release(lease, holder);
}

}  // namespace kingkung::web::shops
