#include "support/sim_platform.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "kingkung/sim/engine.hpp"
#include "kingkung/tiktok/oauth.hpp"
#include "kingkung/tiktok/shops.hpp"
#include "support/figures.hpp"

namespace kingkung::bench {
namespace {

constexpr const char* app_key = "kk-bench-app";
constexpr const char* app_secret = "kk-bench-secret-7a0c2e94";

class quiet_logger final : public plugin::logger {
 public:
  void log(plugin::log_level level, std::string_view message) noexcept override {
    if (level >= plugin::log_level::warn)
      std::fprintf(stderr, "simulator: %.*s\n", int(message.size()), message.data());
  }
};

}  // namespace

class sim_platform::timed_transport final : public plugin::transport {
 public:
  explicit timed_transport(sim::engine& e) : engine_(e) {}
  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    const double cpu = thread_cpu_micros();
    auto start = std::chrono::steady_clock::now();
    auto answer = engine_.send(request);
    nanos_ += (std::chrono::steady_clock::now() - start).count();
    cpu_nanos_ += static_cast<std::int64_t>((thread_cpu_micros() - cpu) * 1000);
    ++requests_;
    return answer;
  }
  std::string describe() const override { return "simulator in process"; }

  std::atomic<std::int64_t> nanos_{0};
  std::atomic<std::int64_t> cpu_nanos_{0};
  std::atomic<std::size_t> requests_{0};

 private:
  sim::engine& engine_;
};

class sim_platform::grant_tokens final : public tiktok::token_source {
 public:
  void store(tiktok::token_grant grant) {
    std::lock_guard lock(mu_);
    grant_ = std::move(grant);
  }
  void attach(tiktok::client& api) { api_ = &api; }
  tiktok::result<secret> current(std::string_view) override {
    std::lock_guard lock(mu_);
    return grant_.access_token;
  }
  tiktok::result<secret> refresh(std::string_view) override {
    std::lock_guard lock(mu_);
    auto renewed = tiktok::refresh_access_token(*api_, grant_.refresh_token);
    if (!renewed) return std::move(renewed).err();
    grant_ = *renewed;
    return grant_.access_token;
  }

 private:
  std::mutex mu_;
  tiktok::token_grant grant_;
  tiktok::client* api_ = nullptr;
};

sim_platform::sim_platform(int orders) : time_(1'760'000'000) {
  wall_ = std::make_shared<virtual_wall_clock>(time_);
  log_ = std::make_unique<quiet_logger>();
  sim::settings s;
  s.app_key = app_key;
  s.app_secret = app_secret;
  s.seed = 20261129;
  s.origin = "bench";
  s.call_log_size = 100;
  sim::shop_settings shop;
  shop.key = "bench-us";
  shop.id = bench_shop_id;
  shop.name = "Bench US";
  shop.region = "US";
  shop.seller_type = "LOCAL";
  shop.orders = orders;
  s.shops.push_back(shop);
  auto opened = sim::engine::open(std::move(s), *wall_, *log_);
  if (!opened.ok()) throw std::runtime_error("simulator: " + opened.err().message);
  engine_ = std::move(opened.value());
  transport_ = std::make_shared<timed_transport>(*engine_);
  tokens_ = std::make_shared<grant_tokens>();

  tiktok::client_options o;
  o.app_key = app_key;
  o.app_secret = secret(std::string(app_secret));
  o.qps_per_api = 20;  // as the demo config: bursts stay under the platform's 50 per second
  o.backoff.max_retries = 4;
  tiktok::client_services services;
  services.transport = transport_;
  services.tokens = tokens_;
  services.clock = wall_;
  services.pacing = std::make_shared<virtual_pacing>(time_);
  api_ = std::make_unique<tiktok::client>(std::move(o), std::move(services));
  tokens_->attach(*api_);

  plugin::http_request authorize;
  authorize.method = "POST";
  authorize.target = "/__sim/authorize";
  authorize.body = std::string(R"({"shop":")") + bench_shop_id + "\"}";
  authorize.headers.push_back({"content-type", "application/json"});
  auto answer = engine_->send(authorize);
  const std::string marker = "\"code\":\"";
  auto at = answer.ok() ? answer->body.find(marker) : std::string::npos;
  if (at == std::string::npos) throw std::runtime_error("simulator: no authorisation code");
  at += marker.size();
  std::string code = answer->body.substr(at, answer->body.find('"', at) - at);

  auto grant = tiktok::get_access_token(*api_, secret(code));
  if (!grant) throw std::runtime_error("simulator: token/get: " + grant.err().to_string());
  auto shops = tiktok::get_authorized_shops(*api_, grant->access_token);
  if (!shops) throw std::runtime_error("simulator: authorized shops: " + shops.err().to_string());
  for (const auto& found : *shops)
    if (found.id == bench_shop_id) shop_ = tiktok::shop_ref{found.id, found.cipher};
  if (shop_.id.empty()) throw std::runtime_error("simulator: the bench shop is not authorised");
  tokens_->store(*grant);
  reset_simulator_time();
}

sim_platform::~sim_platform() {
  api_.reset();
  transport_.reset();
  engine_.reset();
}

std::chrono::nanoseconds sim_platform::simulator_time() const {
  return std::chrono::nanoseconds{transport_->nanos_.load()};
}
std::chrono::nanoseconds sim_platform::simulator_cpu_time() const {
  return std::chrono::nanoseconds{transport_->cpu_nanos_.load()};
}
void sim_platform::reset_simulator_time() {
  transport_->nanos_ = 0;
  transport_->cpu_nanos_ = 0;
  transport_->requests_ = 0;
}
std::size_t sim_platform::requests() const {
  return transport_->requests_.load();
}

}  // namespace kingkung::bench
