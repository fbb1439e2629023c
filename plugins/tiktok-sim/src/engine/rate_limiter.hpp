// The platform's default limit: 50 requests per second per API for each app and shop pair, counted
// in windows of one simulated second.
#pragma once

#include <cstdint>
#include <map>
#include <string>

namespace kingkung::sim::detail {

class rate_limiter {
 public:
  explicit rate_limiter(int per_second = 50) : limit_(per_second) {}

  // Counts one request at `now` (Unix seconds); false when it is over the limit.
  bool admit(const std::string& key, std::int64_t now);

 private:
  struct window {
    std::int64_t second = 0;
    int count = 0;
  };
  int limit_;
  std::map<std::string, window> windows_;
};

}  // namespace kingkung::sim::detail
