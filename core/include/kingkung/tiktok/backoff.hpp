// Capped exponential backoff with full jitter: before retry n (0-based) the client waits a uniformly
// random time in [0, min(cap, base * 2^n)], and never less than a Retry-After the platform sent.
//
// A 429 without Retry-After waits the platform's counting window (one second) plus that draw: the
// platform counts requests per second, so a retry inside the second that was throttled is refused
// again and only spends a retry. The cap bounds the random part, not the window: a retry the platform
// is sure to refuse is never sound, however short the operator wants retries to be. The draw on top
// spreads the retries of callers (in this process or another) throttled in the same second.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace kingkung::tiktok {

struct backoff_policy {
  std::chrono::milliseconds base{200};
  std::chrono::milliseconds cap{10000};
  unsigned max_retries = 4;  // retries after the first attempt
  // The least wait after a 429 that came without Retry-After: the window the platform counts in.
  std::chrono::milliseconds rate_limit_window{1000};

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

// The wait before retry `retry` after a 429 (rate limited): with a Retry-After (non-zero), the same as
// backoff_delay; without one, rate_limit_window + jitter(ceiling(retry)).
std::chrono::milliseconds rate_limited_delay(
    const backoff_policy& policy, unsigned retry, const jitter_source& jitter,
    std::chrono::milliseconds retry_after = std::chrono::milliseconds{0});

}  // namespace kingkung::tiktok
