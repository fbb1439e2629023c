// The client's rate limit per (shop, API). The platform throttles above 50 requests per second per API
// for each app and shop (HTTP 429); the client stays at or below a configurable rate (config
// tiktok.qps_per_api). The guarantee is the one the platform counts: at most `qps` calls for one
// (shop, API) start in any one-second window, wherever that window begins. A sliding window keeps the
// start times of the last `qps` calls per key (so memory per key is bounded by qps); a call may start
// once the oldest of them is a full second old. A quiet period therefore allows a burst of `qps` calls
// and no more until a second after the burst began. Keys idle for longer than a second are dropped.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/tiktok/pacing.hpp"

namespace kingkung::tiktok {

class rate_limiter {
 public:
  // qps 0 is treated as 1.
  explicit rate_limiter(unsigned qps, std::shared_ptr<pacing_clock> clock = system_pacing_clock());

  // Takes one slot for (shop, api), waiting (through the pacing clock) until it may start.
  // Waiting callers keep their place: the slot is reserved before the wait, so a later caller never
  // starts before an earlier one. Thread-safe. Returns how long it waited.
  std::chrono::nanoseconds acquire(std::string_view shop, std::string_view api);

  // Takes a slot only if a call may start now and returns zero; otherwise takes nothing and returns
  // how long until one may.
  std::chrono::nanoseconds try_acquire(std::string_view shop, std::string_view api);

  unsigned qps() const noexcept { return qps_; }

 private:
  using time_point = std::chrono::steady_clock::time_point;

  // The start times reserved for one key, oldest first once full: a ring of at most qps entries.
  struct window {
    std::vector<time_point> starts;
    std::size_t oldest = 0;  // index of the oldest start once `starts` holds qps entries
    time_point newest{};
  };

  // Reserves a start; returns the wait before it (zero when the call may start now).
  std::chrono::nanoseconds reserve(std::string_view shop, std::string_view api, bool only_if_free);
  // Drops the windows whose every start is a second or more in the past: they constrain nothing.
  void forget_idle(time_point now);

  unsigned qps_;
  std::shared_ptr<pacing_clock> clock_;
  std::mutex mutex_;
  std::map<std::string, window, std::less<>> windows_;
  std::size_t reserves_since_sweep_ = 0;
};

}  // namespace kingkung::tiktok
