// The wall clock for sync bookkeeping when the host gives none. Include only from core/src/sync/.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "kingkung/plugin/host_context.hpp"

namespace kingkung::sync::detail {

class system_clock final : public plugin::clock {
 public:
  std::chrono::system_clock::time_point now() const noexcept override {
    return std::chrono::system_clock::now();
  }
};

inline std::shared_ptr<const plugin::clock> clock_or_system(std::shared_ptr<const plugin::clock> clock) {
  if (clock) return clock;
  return std::make_shared<system_clock>();
}

inline std::int64_t unix_seconds(const plugin::clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
}

}  // namespace kingkung::sync::detail
