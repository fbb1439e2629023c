// Capped exponential backoff with full jitter: before retry n (0-based) the client waits a uniformly
// random time in [0, min(cap, base * 2^n)], and never less than a Retry-After the platform sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace kingkung::tiktok {

struct backoff_policy {
  std::chrono::milliseconds base{200};
  std::chrono::milliseconds cap{10000};
  unsigned max_retries = 4;  // retries after the first attempt

  // min(cap, base * 2^retry): the upper bound of the wait before retry `retry`.
  std::chrono::milliseconds ceiling(unsigned retry) const noexcept;
};

// Returns a uniformly distributed integer in [0, max_inclusive]. Tests inject a fixed one.
using jitter_source = std::function<std::int64_t(std::int64_t max_inclusive)>;

// A thread-safe source backed by a randomly seeded generator.
jitter_source random_jitter();

// The wait before retry `retry`: jitter(ceiling(retry)), raised to `retry_after` when that is longer.
std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned retry,
                                        const jitter_source& jitter,
                                        std::chrono::milliseconds retry_after = std::chrono::milliseconds{0});

}  // namespace kingkung::tiktok
