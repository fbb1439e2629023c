// The keep-alive connections of one host, at most `cap` open at once (idle, leased or being opened).
// A caller that finds none free waits for one up to its request's deadline. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "connection.hpp"
#include "kingkung/live/live_transport.hpp"
#include "kingkung/plugin/host_context.hpp"

namespace kingkung::live::detail {

class connection_pool {
 public:
  struct lease {
    std::unique_ptr<connection> conn;
    bool reused = false;  // taken from the pool rather than opened for this request
  };

  connection_pool(connection_settings settings, std::size_t cap, std::chrono::milliseconds idle_timeout,
                  plugin::logger* log);
  ~connection_pool();
  connection_pool(const connection_pool&) = delete;
  connection_pool& operator=(const connection_pool&) = delete;

  // A pooled connection that still looks open, else a new one once the cap allows. Errors: those of
  // connection::open, or timeout when no connection became free before the deadline.
  plugin::result<lease> acquire(steady::time_point deadline);
  // Returns a leased connection: kept for reuse when it is still fit, closed otherwise.
  void release(std::unique_ptr<connection> conn);

  const connection_settings& settings() const noexcept { return settings_; }
  std::size_t cap() const noexcept { return cap_; }
  pool_stats stats() const;

 private:
  void log_debug(const std::string& message) const;

  connection_settings settings_;
  const std::size_t cap_;
  const std::chrono::milliseconds idle_timeout_;
  plugin::logger* log_;

  mutable std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<connection>> idle_;  // most recently used last
  std::size_t open_ = 0;                           // idle + leased + being opened
  std::size_t opened_ = 0;
  std::size_t reused_ = 0;
  std::size_t stale_ = 0;
};

}  // namespace kingkung::live::detail
