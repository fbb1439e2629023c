#include "rate_limiter.hpp"

namespace kingkung::sim::detail {

bool rate_limiter::admit(const std::string& key, std::int64_t now) {
  if (windows_.size() > 10000)
    std::erase_if(windows_, [&](const auto& kv) { return kv.second.second < now; });
  window& w = windows_[key];
  if (w.second != now) {
    w.second = now;
    w.count = 0;
  }
  return ++w.count <= limit_;
}

}  // namespace kingkung::sim::detail
