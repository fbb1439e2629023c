// The simulator in process for the ratio benches: one shop with N generated orders, the core client in
// front of it on a virtual timeline (support/virtual_time.hpp), and the shop connected through the
// platform's OAuth flow. The transport keeps the real time spent inside the simulator, so a bench can
// report the product's own share of a run.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "kingkung/plugin/transport.hpp"
#include "kingkung/tiktok/client.hpp"
#include "support/virtual_time.hpp"

namespace kingkung::sim {
class engine;
}

namespace kingkung::bench {

inline constexpr const char* bench_shop_id = "7494883102967740417";

class sim_platform {
 public:
  // Generates `orders` orders for one US shop (seeded, so every run sees the same data). Throws
  // std::runtime_error when the simulator or the OAuth flow fails.
  explicit sim_platform(int orders);
  ~sim_platform();
  sim_platform(const sim_platform&) = delete;
  sim_platform& operator=(const sim_platform&) = delete;

  tiktok::client& api() { return *api_; }
  const tiktok::shop_ref& shop() const { return shop_; }
  std::shared_ptr<const plugin::clock> wall() const { return wall_; }

  // Real time spent inside the simulator since construction (or the last reset).
  std::chrono::nanoseconds simulator_time() const;
  std::chrono::nanoseconds simulator_cpu_time() const;  // CPU time of the calling threads inside it
  void reset_simulator_time();
  std::size_t requests() const;

 private:
  class timed_transport;
  class grant_tokens;
  virtual_timeline time_;
  std::shared_ptr<const plugin::clock> wall_;
  std::unique_ptr<plugin::logger> log_;
  std::unique_ptr<sim::engine> engine_;
  std::shared_ptr<timed_transport> transport_;
  std::shared_ptr<grant_tokens> tokens_;
  std::unique_ptr<tiktok::client> api_;
  tiktok::shop_ref shop_;
};

}  // namespace kingkung::bench
