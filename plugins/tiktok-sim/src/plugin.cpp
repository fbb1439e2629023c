// The tiktok-sim plugin: registers the "tiktok-sim" transport, which answers every request in process
// with the simulator engine. Transports created for the same data folder share one engine, so every
// shop that selects the simulator sees the same platform state.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kingkung/plugin/plugin.hpp"
#include "kingkung/sim/engine.hpp"

namespace {

namespace plugin = kingkung::plugin;

// The engine keeps the clock and logger it was opened with for its whole life; the host contexts
// that create transports may come and go. These forward to the newest context still attached.
class context_relay final : public plugin::clock, public plugin::logger {
 public:
  void attach(const plugin::host_context* ctx) {
    std::lock_guard lock(mu_);
    contexts_.push_back(ctx);
  }
  void detach(const plugin::host_context* ctx) {
    std::lock_guard lock(mu_);
    std::erase(contexts_, ctx);
  }
  std::chrono::system_clock::time_point now() const noexcept override {
    std::lock_guard lock(mu_);
    return contexts_.empty() ? std::chrono::system_clock::now() : contexts_.back()->time().now();
  }
  void log(plugin::log_level level, std::string_view message) noexcept override {
    std::lock_guard lock(mu_);
    if (!contexts_.empty()) contexts_.back()->log().log(level, message);
  }

 private:
  mutable std::mutex mu_;
  std::vector<const plugin::host_context*> contexts_;
};

struct shared_engine {
  context_relay relay;
  std::unique_ptr<kingkung::sim::engine> engine;
};

// One engine per data folder, alive while a transport uses it.
std::mutex& registry_mutex() {
  static std::mutex mu;
  return mu;
}

std::map<std::string, std::weak_ptr<shared_engine>>& registry() {
  static std::map<std::string, std::weak_ptr<shared_engine>> engines;
  return engines;
}

class sim_transport final : public plugin::transport {
 public:
  sim_transport(std::shared_ptr<shared_engine> shared, const plugin::host_context& ctx)
      : shared_(std::move(shared)), ctx_(&ctx) {}

  ~sim_transport() override {
    std::lock_guard lock(registry_mutex());
    // The last transport stops the engine (and its threads) while its context is still attached.
    if (shared_.use_count() == 1) shared_->engine.reset();
    shared_->relay.detach(ctx_);
  }

  plugin::result<plugin::http_response> send(const plugin::http_request& request) noexcept override {
    return shared_->engine->send(request);
  }

  std::string describe() const override { return shared_->engine->describe(); }

 private:
  std::shared_ptr<shared_engine> shared_;
  const plugin::host_context* ctx_;
};

plugin::result<std::unique_ptr<plugin::transport>> make_transport(const plugin::host_context& ctx) {
  try {
    std::lock_guard lock(registry_mutex());
    std::string folder(ctx.data_dir());
    std::shared_ptr<shared_engine> shared = registry()[folder].lock();
    if (!shared) {
      auto settings = kingkung::sim::read_settings(ctx.config(), folder);
      if (!settings) return settings.err();
      shared = std::make_shared<shared_engine>();
      shared->relay.attach(&ctx);
      auto opened = kingkung::sim::engine::open(std::move(*settings), shared->relay, shared->relay);
      if (!opened) return opened.err();
      shared->engine = std::move(*opened);
      registry()[folder] = shared;
      ctx.log().log(plugin::log_level::info, shared->engine->describe());
    } else {
      shared->relay.attach(&ctx);
    }
    return std::unique_ptr<plugin::transport>(new sim_transport(std::move(shared), ctx));
  } catch (const std::exception& e) {
    return plugin::make_error(plugin::errc::internal, std::string("tiktok-sim: ") + e.what());
  }
}

plugin::result<void> register_plugin(plugin::registrar& r) {
  return r.add_transport("tiktok-sim", &make_transport);
}

}  // namespace

KINGKUNG_PLUGIN(
    "tiktok-sim", "1.0.0", kingkung::plugin::kind_transport,
    "TikTok Shop simulator: official paths, signatures and error codes, demo shops, no outbound traffic",
    &register_plugin)
