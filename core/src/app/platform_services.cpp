#include "kingkung/app/platform_services.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kingkung/connect/notices.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/markets/order_view.hpp"
#include "kingkung/privacy/purge.hpp"
#include "kingkung/storage/api_log_repository.hpp"
#include "kingkung/storage/order_repository.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/sign_in_attempt_repository.hpp"
#include "kingkung/storage/shop_repository.hpp"
#include "kingkung/sync/worker.hpp"
#include "kingkung/sync/write_back.hpp"
#include "kingkung/webhooks/default_handlers.hpp"
#include "kingkung/webhooks/processor_thread.hpp"

namespace kingkung::app {
namespace {

constexpr std::string_view component = "services";

// Every attempt of every platform call, into the API call log that sellers and reviewers read. The log
// holds method, path, status, code and request id only (never a query, header, body or token).
class api_log_observer final : public tiktok::call_observer {
 public:
  explicit api_log_observer(storage::database& db) : repo_(db) {}
  void on_call(const tiktok::call_record& r) noexcept override {
    try {
      storage::api_call_entry e;
      e.shop_id = r.shop_id;
      e.method = r.method;
      e.path = r.path;
      e.http_status = r.http_status;
      e.code = r.code;
      e.message = r.error ? r.error_message : std::string();
      e.request_id = r.request_id;
      e.duration_ms = r.duration.count();
      if (auto added = repo_.append(e); !added.ok())
        log::warn(component, "API call log: " + added.err().message);
    } catch (const std::exception& ex) {
      log::warn(component, std::string("API call log: ") + ex.what());
    }
  }

 private:
  storage::api_log_repository repo_;
};

plugin::error unavailable(std::string message) {
  return plugin::make_error(plugin::errc::unavailable, std::move(message));
}

}  // namespace

result<sign_in_cleanup> clean_up_sign_ins(storage::database& db, const config::app_config& config,
                                          std::int64_t now) {
  sign_in_cleanup out;
  const std::int64_t idle_seconds = std::int64_t{config.web.sessions.idle_minutes} * 60;
  auto sessions = storage::session_repository(db).purge_expired(now, idle_seconds);
  if (!sessions.ok()) return std::move(sessions).err();
  out.sessions = *sessions;
  auto failures = storage::sign_in_attempt_repository(db).purge_before(now - failed_sign_in_retention_seconds);
  if (!failures.ok()) return std::move(failures).err();
  out.failed_sign_ins = *failures;
  return out;
}

struct platform_services::impl {
  runtime& rt;
  platform_options options;
  std::shared_ptr<connect::shop_links> links;
  std::unique_ptr<markets::market_service> markets;
  std::unique_ptr<sync::engine> engine;
  std::unique_ptr<sync::write_back_queue> queue;
  std::vector<std::unique_ptr<sync::worker>> workers;
  std::vector<std::thread> worker_threads;
  std::unique_ptr<webhooks::default_event_handlers> handlers;
  std::unique_ptr<webhooks::processor_thread> processor;
  std::thread purge_thread;
  std::mutex purge_mu;
  std::condition_variable purge_cv;
  bool stopping = false;

  impl(runtime& r, platform_options o) : rt(r), options(o) {}

  std::optional<domain::shop> shop(const std::string& shop_id) {
    storage::shop_repository shops(rt.database(), rt.vault());
    auto found = shops.get(shop_id);
    if (!found.ok() || !found->has_value()) return std::nullopt;
    return **found;
  }

  plugin::result<void> refresh_orders(const std::string& shop_id, const std::vector<std::string>& ids) {
    auto s = shop(shop_id);
    auto link = links->link_for(shop_id);
    if (!s || !link) {
      log::info(component, "order event for shop " + shop_id + ", which cannot be called now: nothing to do");
      return {};
    }
    auto report = engine->refresh_orders(*link, ids);
    if (!report.ok) return unavailable("refresh of " + std::to_string(ids.size()) + " orders: " + report.error);
    storage::order_repository orders(rt.database());
    markets::platform_link platform{*link->api, link->shop};
    for (const auto& id : ids) {
      auto stored = orders.get(shop_id, id);
      if (!stored.ok() || !stored->has_value()) continue;
      markets->order_changed(*s, markets::to_order_view(**stored, *s), platform);
    }
    return {};
  }

  plugin::result<void> invoice_status(const std::string& shop_id, std::string_view data_json) {
    auto s = shop(shop_id);
    auto link = links->link_for(shop_id);
    if (!s || !link) return {};
    auto failures = markets->dispatch_event(*s, 36, data_json, markets::platform_link{*link->api, link->shop});
    if (!failures.empty())
      return unavailable("invoice status event: module " + failures.front().module_id + ": " +
                         std::string(plugin::to_string(failures.front().error.code)));
    return {};
  }

  void start_threads() {
    const auto& cfg = rt.config();
    if (options.sync_workers) {
      const std::string prefix = sync::holder_prefix("web");
      for (unsigned i = 1; i <= cfg.sync.workers; ++i) {
        sync::worker_options o;
        o.holder = prefix + ":" + std::to_string(i);
        workers.push_back(std::make_unique<sync::worker>(rt.database(), *engine, *queue, *links, o));
      }
      for (auto& w : workers) worker_threads.emplace_back([&worker = *w] { worker.run(); });
      log::info(component, std::to_string(workers.size()) + " sync workers started");
    }
    if (options.webhook_processor)
      processor = std::make_unique<webhooks::processor_thread>(rt.database(), *handlers, webhooks::processor_options{},
                                                               std::chrono::seconds(30));
    if (options.purge_schedule) {
      purge_thread = std::thread([this, days = cfg.privacy.retention_days] {
        privacy::purge_schedule schedule(days);
        std::unique_lock lock(purge_mu);
        while (!stopping) {
          lock.unlock();
          const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
          if (auto ran = schedule.tick(rt.database(), now); ran && !ran->ok())
            log::warn(component, "scheduled purge: " + ran->err().message);
          if (auto cleaned = clean_up_sign_ins(rt.database(), rt.config(), now); !cleaned.ok())
            log::warn(component, "clean-up of sessions and failed sign-ins: " + cleaned.err().message);
          else if (cleaned->sessions + cleaned->failed_sign_ins > 0)
            log::info(component, "removed " + std::to_string(cleaned->sessions) + " ended session(s) and " +
                                     std::to_string(cleaned->failed_sign_ins) + " old failed sign-in(s)");
          lock.lock();
          purge_cv.wait_for(lock, std::chrono::hours(1), [this] { return stopping; });
        }
      });
    }
  }

  void stop() noexcept {
    {
      std::lock_guard lock(purge_mu);
      if (stopping) return;
      stopping = true;
    }
    purge_cv.notify_all();
    for (auto& w : workers) w->stop();
    for (auto& t : worker_threads)
      if (t.joinable()) t.join();
    if (processor) processor->stop();
    if (purge_thread.joinable()) purge_thread.join();
  }
};

result<std::shared_ptr<platform_services>> platform_services::start(runtime& rt, platform_options options) {
  auto p = std::make_unique<impl>(rt, options);
  const auto& cfg = rt.config();
  connect::shop_links_services link_services;
  link_services.observer = std::make_shared<api_log_observer>(rt.database());
  p->links = std::make_shared<connect::shop_links>(cfg, rt.database(), rt.vault(),
                                                   connect::transports_of(rt.plugins()), std::move(link_services));
  p->markets = std::make_unique<markets::market_service>(rt.plugins(), markets::market_settings::from_config(cfg),
                                                         rt.database());
  const auto settings = sync::sync_settings::from_config(cfg.sync);
  p->engine = std::make_unique<sync::engine>(rt.database(), settings);
  p->queue = std::make_unique<sync::write_back_queue>(rt.database(), settings);

  webhooks::handler_hooks hooks;
  impl* self = p.get();
  hooks.refresh_orders = [self](const std::string& shop, const std::vector<std::string>& ids) {
    return self->refresh_orders(shop, ids);
  };
  hooks.invoice_status = [self](const std::string& shop, std::string_view data) {
    return self->invoice_status(shop, data);
  };
  hooks.authorization_expiring = [self](const std::string& shop, std::int64_t expires_at) {
    return connect::notices(self->rt.database(), self->rt.vault()).raise_expiry_notice(shop, expires_at);
  };
  p->handlers = std::make_unique<webhooks::default_event_handlers>(rt.database(), std::move(hooks));

  std::shared_ptr<platform_services> services(new platform_services(std::move(p)));
  services->impl_->start_threads();
  std::weak_ptr<platform_services> weak = services;
  rt.on_stop("platform services", [weak] {
    if (auto s = weak.lock()) s->stop();
  });
  rt.keep(services);
  return services;
}

platform_services::platform_services(std::unique_ptr<impl> p) : impl_(std::move(p)) {}

platform_services::~platform_services() {
  impl_->stop();
}

connect::shop_links& platform_services::links() {
  return *impl_->links;
}

markets::market_service& platform_services::markets() {
  return *impl_->markets;
}

sync::engine& platform_services::sync() {
  return *impl_->engine;
}

void platform_services::wake_webhook_processor() noexcept {
  if (impl_->processor) impl_->processor->wake();
}

void platform_services::stop() noexcept {
  impl_->stop();
}

}  // namespace kingkung::app
