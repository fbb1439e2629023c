#include "connection_pool.hpp"

#include <exception>
#include <string>
#include <utility>

namespace kingkung::live::detail {

connection_pool::connection_pool(connection_settings settings, std::size_t cap,
                                 std::chrono::milliseconds idle_timeout, plugin::logger* log)
    : settings_(std::move(settings)), cap_(cap), idle_timeout_(idle_timeout), log_(log) {
  idle_.reserve(cap_);  // release() then never allocates
}

connection_pool::~connection_pool() = default;

void connection_pool::log_debug(const std::string& message) const {
  if (log_ != nullptr) log_->log(plugin::log_level::debug, message);
}

plugin::result<connection_pool::lease> connection_pool::acquire(steady::time_point deadline) {
  std::vector<std::unique_ptr<connection>> closed;  // destroyed after the lock is released
  std::unique_lock lock(mutex_);
  for (;;) {
    while (!idle_.empty()) {
      std::unique_ptr<connection> candidate = std::move(idle_.back());
      idle_.pop_back();
      if (!candidate->idle_longer_than(idle_timeout_, steady::now()) && candidate->still_open()) {
        ++reused_;
        lock.unlock();
        return lease{std::move(candidate), true};
      }
      ++stale_;
      --open_;
      closed.push_back(std::move(candidate));
    }
    if (open_ < cap_) break;
    if (freed_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= cap_) {
      return plugin::make_error(plugin::errc::timeout, "no connection to " + settings_.origin.host_port() +
                                                           " became free before the request's "
                                                           "timeout (pool_max_per_host = " +
                                                           std::to_string(cap_) + "); nothing was sent");
    }
  }
  const std::size_t slot = ++open_;
  lock.unlock();
  closed.clear();

  std::unique_ptr<connection> conn;
  plugin::result<void> opened;
  try {
    conn = std::make_unique<connection>(settings_);
    opened = conn->open(deadline);
  } catch (const std::exception& e) {
    // Out of descriptors or memory: nothing was sent.
    opened =
        plugin::make_error(plugin::errc::unavailable,
                           "cannot open a connection to " + settings_.origin.host_port() + ": " + e.what());
  }
  lock.lock();
  if (!opened) {
    --open_;
    lock.unlock();
    freed_.notify_one();
    return std::move(opened).err();
  }
  ++opened_;
  lock.unlock();
  log_debug("tiktok-live: opened a connection to " + settings_.origin.host_port() + " (" +
            std::to_string(slot) + " of " + std::to_string(cap_) + ")");
  return lease{std::move(conn), false};
}

void connection_pool::release(std::unique_ptr<connection> conn) {
  std::unique_lock lock(mutex_);
  if (conn->keep_alive()) {
    conn->mark_idle(steady::now());
    idle_.push_back(std::move(conn));
  } else {
    --open_;
  }
  lock.unlock();
  freed_.notify_one();
  // A connection not kept is closed here, outside the lock.
}

pool_stats connection_pool::stats() const {
  std::lock_guard lock(mutex_);
  pool_stats s;
  s.opened = opened_;
  s.reused = reused_;
  s.stale = stale_;
  s.idle = idle_.size();
  s.in_use = open_ - idle_.size();
  return s;
}

}  // namespace kingkung::live::detail
