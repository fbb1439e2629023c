// A timeline that only moves when the client waits: the client's rate-limit and backoff waits advance
// it instead of sleeping, and the simulator and the client read their wall clocks from it. The benches
// measure the work the product does, not the platform's quota (50 requests per second per API), which
// would otherwise dominate every figure.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "kingkung/plugin/host_context.hpp"
#include "kingkung/tiktok/pacing.hpp"

namespace kingkung::bench {

class virtual_timeline {
 public:
  explicit virtual_timeline(std::int64_t start_unix) : start_unix_(start_unix) {}

  std::chrono::nanoseconds elapsed() const { return std::chrono::nanoseconds{nanos_.load()}; }
  void advance(std::chrono::nanoseconds d) {
    if (d.count() > 0) nanos_ += d.count();
  }
  std::int64_t start_unix() const { return start_unix_; }

 private:
  std::int64_t start_unix_;
  std::atomic<std::int64_t> nanos_{0};
};

class virtual_wall_clock final : public plugin::clock {
 public:
  explicit virtual_wall_clock(const virtual_timeline& t) : t_(t) {}
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::time_point{std::chrono::seconds{t_.start_unix()}} +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(t_.elapsed());
  }

 private:
  const virtual_timeline& t_;
};

class virtual_pacing final : public tiktok::pacing_clock {
 public:
  explicit virtual_pacing(virtual_timeline& t) : t_(t) {}
  std::chrono::steady_clock::time_point now() const noexcept override {
    return std::chrono::steady_clock::time_point{} +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(t_.elapsed());
  }
  void sleep_for(std::chrono::nanoseconds d) noexcept override { t_.advance(d); }

 private:
  virtual_timeline& t_;
};

}  // namespace kingkung::bench
