#include "kingkung/tiktok/backoff.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <random>

namespace kingkung::tiktok {

std::chrono::milliseconds backoff_policy::ceiling(unsigned retry) const noexcept {
  const auto base_ms = std::max<std::int64_t>(base.count(), 0);
  const auto cap_ms = std::max<std::int64_t>(cap.count(), 0);
  std::int64_t value = base_ms;
  for (unsigned i = 0; i < retry && value < cap_ms; ++i) value *= 2;  // stops before it can overflow
  return std::chrono::milliseconds{std::min(value, cap_ms)};
}

jitter_source random_jitter() {
  struct state {
    std::mutex mutex;
    std::mt19937_64 engine{std::random_device{}()};
  };
  auto shared = std::make_shared<state>();
  return [shared](std::int64_t max_inclusive) -> std::int64_t {
    if (max_inclusive <= 0) return 0;
    std::uniform_int_distribution<std::int64_t> pick(0, max_inclusive);
    std::lock_guard lock(shared->mutex);
    return pick(shared->engine);
  };
}

std::chrono::milliseconds backoff_delay(const backoff_policy& policy, unsigned retry,
                                        const jitter_source& jitter, std::chrono::milliseconds retry_after) {
  const std::int64_t ceiling = policy.ceiling(retry).count();
  std::int64_t pick = jitter ? jitter(ceiling) : ceiling;
  pick = std::clamp<std::int64_t>(pick, 0, ceiling);
  return std::max(std::chrono::milliseconds{pick}, retry_after);
}

std::chrono::milliseconds rate_limited_delay(const backoff_policy& policy, unsigned retry,
                                             const jitter_source& jitter,
                                             std::chrono::milliseconds retry_after) {
  if (retry_after.count() > 0) return backoff_delay(policy, retry, jitter, retry_after);
  const auto window = std::max(policy.rate_limit_window, std::chrono::milliseconds{0});
  return window + backoff_delay(policy, retry, jitter);
}

}  // namespace kingkung::tiktok
