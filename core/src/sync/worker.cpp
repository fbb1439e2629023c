#include "kingkung/sync/worker.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>

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
  storage::lease_repository leases(db_);
  const std::string lease = shop_lease_name(shop_id);
  const std::int64_t ttl = engine_.settings().lease_seconds;
  std::int64_t renewed_at = now();
  bool lost = false;
  // Between pages: renew once half the lease is used; stop when the lease is lost or stop() was called.
  keep_going go = [&]() {
    if (stop_.load()) return false;
    if (now() - renewed_at >= ttl / 2) {
      auto renewed = leases.renew(lease, options_.holder, now(), ttl);
      if (!renewed.ok() || !*renewed) {
        lost = true;
        log::warn("sync", "worker " + options_.holder + " lost the lease of shop " + std::string(shop_id));
        return false;
      }
      renewed_at = now();
    }
    return true;
  };

  bool ok = true;
  auto orders = engine_.sync_orders(link, go);
  ok = ok && orders.ok;
  if (!lost && !stop_ && ok && engine_.reconcile_due(shop_id))
    ok = engine_.reconcile_orders(link, go).ok && ok;
  if (!lost && !stop_ && options_.sync_packages) ok = engine_.sync_packages(link, go).ok && ok;
  if (!lost && !stop_ && options_.sync_products) ok = engine_.sync_products(link, go).ok && ok;
  if (!lost && !stop_ && go()) {
    auto drained = queue_.drain(link);
    ok = ok && drained.error.empty();
  }
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
