#include "kingkung/tiktok/rate_limiter.hpp"

#include <algorithm>

namespace kingkung::tiktok {
namespace {

std::string bucket_key(std::string_view shop, std::string_view api) {
  std::string key(shop);
  key.push_back('\n');  // cannot appear in a shop id or an API name
  key.append(api);
  return key;
}

}  // namespace

rate_limiter::rate_limiter(unsigned qps, std::shared_ptr<pacing_clock> clock)
    : qps_(qps == 0 ? 1 : qps),
      interval_(std::chrono::nanoseconds{std::chrono::seconds{1}} / qps_),
      clock_(clock ? std::move(clock) : system_pacing_clock()) {}

// Generic cell rate algorithm: `next_free_` is when the bucket would be full again if every reserved
// token were spent; a token is available at `now` while that lies less than (qps - 1) intervals ahead.
std::chrono::nanoseconds rate_limiter::reserve(std::string_view shop, std::string_view api,
                                               bool only_if_free) {
  const auto now = clock_->now();
  const auto tolerance = interval_ * (qps_ - 1);
  std::lock_guard lock(mutex_);
  auto key = bucket_key(shop, api);
  auto it = next_free_.find(key);
  auto next_free = it == next_free_.end() ? now : std::max(it->second, now);
  auto available_at = next_free - tolerance;
  auto wait = std::max(std::chrono::nanoseconds{0}, std::chrono::nanoseconds{available_at - now});
  if (only_if_free && wait.count() > 0) return wait;
  if (it == next_free_.end()) {
    next_free_.emplace(std::move(key), next_free + interval_);
  } else {
    it->second = next_free + interval_;
  }
  return wait;
}

std::chrono::nanoseconds rate_limiter::acquire(std::string_view shop, std::string_view api) {
  auto wait = reserve(shop, api, false);
  if (wait.count() > 0) clock_->sleep_for(wait);
  return wait;
}

std::chrono::nanoseconds rate_limiter::try_acquire(std::string_view shop, std::string_view api) {
  return reserve(shop, api, true);
}

}  // namespace kingkung::tiktok
