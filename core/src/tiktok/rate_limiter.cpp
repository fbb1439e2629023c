#include "kingkung/tiktok/rate_limiter.hpp"

#include <algorithm>

namespace kingkung::tiktok {
namespace {

constexpr std::chrono::nanoseconds one_second = std::chrono::seconds{1};
// Idle windows are swept once per this many new windows: the map only grows when a window is added, and
// the sweep's cost is spread over the additions.
constexpr std::size_t sweep_every = 1024;

std::string window_key(std::string_view shop, std::string_view api) {
  std::string key(shop);
  key.push_back('\n');  // cannot appear in a shop id or an API name
  key.append(api);
  return key;
}

}  // namespace

rate_limiter::rate_limiter(unsigned qps, std::shared_ptr<pacing_clock> clock)
    : qps_(qps == 0 ? 1 : qps), clock_(clock ? std::move(clock) : system_pacing_clock()) {}

// Starts are reserved in increasing order per key (each is at least the previous one), so the oldest
// of the last qps starts is the one a new start must be a second after.
std::chrono::nanoseconds rate_limiter::reserve(std::string_view shop, std::string_view api,
                                               bool only_if_free) {
  const auto now = clock_->now();
  std::lock_guard lock(mutex_);
  auto key = window_key(shop, api);
  auto it = windows_.find(key);
  time_point start = now;
  if (it != windows_.end()) {
    const window& w = it->second;
    start = std::max(start, w.newest);
    if (w.starts.size() == qps_) start = std::max(start, w.starts[w.oldest] + one_second);
  }
  const auto wait = std::chrono::nanoseconds{start - now};
  if (only_if_free && wait.count() > 0) return wait;

  if (it == windows_.end()) {
    if (++reserves_since_sweep_ >= sweep_every) forget_idle(now);
    it = windows_.emplace(std::move(key), window{}).first;
    it->second.starts.reserve(qps_);
  }
  window& w = it->second;
  if (w.starts.size() < qps_) {
    w.starts.push_back(start);
  } else {
    w.starts[w.oldest] = start;
    w.oldest = (w.oldest + 1) % qps_;
  }
  w.newest = start;
  return wait;
}

void rate_limiter::forget_idle(time_point now) {
  reserves_since_sweep_ = 0;
  std::erase_if(windows_, [now](const auto& entry) { return entry.second.newest + one_second <= now; });
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
