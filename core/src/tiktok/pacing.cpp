#include "kingkung/tiktok/pacing.hpp"

#include <thread>

namespace kingkung::tiktok {
namespace {

class steady_pacing final : public pacing_clock {
 public:
  std::chrono::steady_clock::time_point now() const noexcept override {
    return std::chrono::steady_clock::now();
  }
  void sleep_for(std::chrono::nanoseconds d) noexcept override {
    if (d.count() > 0) std::this_thread::sleep_for(d);
  }
};

}  // namespace

std::shared_ptr<pacing_clock> system_pacing_clock() {
  static const auto shared = std::make_shared<steady_pacing>();
  return shared;
}

}  // namespace kingkung::tiktok
