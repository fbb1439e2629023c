// Monotonic time and waiting for the client's rate limiter, backoff and call durations. Production uses
// the steady clock and real sleeps; tests substitute a manual clock whose sleep_for only advances it.
#pragma once

#include <chrono>
#include <memory>

namespace kingkung::tiktok {

class pacing_clock {
 public:
  virtual ~pacing_clock() = default;
  virtual std::chrono::steady_clock::time_point now() const noexcept = 0;
  // Blocks the calling thread for `d` (no-op for zero or negative). Thread-safe.
  virtual void sleep_for(std::chrono::nanoseconds d) noexcept = 0;
};

// std::chrono::steady_clock and std::this_thread::sleep_for.
std::shared_ptr<pacing_clock> system_pacing_clock();

}  // namespace kingkung::tiktok
