// A token bucket per (shop, API): the platform allows 50 requests per second per API for each app and
// shop; the client stays below that with a configurable rate (config tiktok.qps_per_api). The bucket
// holds at most `qps` tokens, so a burst after a quiet period is at most `qps` calls, and refills one
// token every 1/qps seconds. Kept as a theoretical arrival time per key, in integer nanoseconds.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "kingkung/tiktok/pacing.hpp"

namespace kingkung::tiktok {

class rate_limiter {
 public:
  // qps 0 is treated as 1.
  explicit rate_limiter(unsigned qps, std::shared_ptr<pacing_clock> clock = system_pacing_clock());

  // Takes one token for (shop, api), waiting (through the pacing clock) until it is available.
  // Waiting callers keep their place: a token is reserved before the wait. Thread-safe.
  // Returns how long it waited.
  std::chrono::nanoseconds acquire(std::string_view shop, std::string_view api);

  // Takes a token only if one is available now and returns zero; otherwise takes nothing and returns
  // how long until one will be.
  std::chrono::nanoseconds try_acquire(std::string_view shop, std::string_view api);

  unsigned qps() const noexcept { return qps_; }

 private:
  // Reserves a token; returns the wait before it may be used (zero when available now).
  std::chrono::nanoseconds reserve(std::string_view shop, std::string_view api, bool only_if_free);

  unsigned qps_;
  std::chrono::nanoseconds interval_;
  std::shared_ptr<pacing_clock> clock_;
  std::mutex mutex_;
  std::map<std::string, std::chrono::steady_clock::time_point, std::less<>> next_free_;
};

}  // namespace kingkung::tiktok
