// The services a running host puts together over the runtime: one client per transport with the vault's
// token source and the API call log (connect::shop_links), the market-module host, the sync engine with
// its write-back queue and workers, the webhook processor with its handlers, and the hourly clean-up
// (the daily retention purge, and ended sessions and old failed sign-ins: clean_up_sign_ins()).
//
// What each webhook event does here (see webhooks/default_handlers.hpp for the event families):
//   - order and package events: a targeted refresh of the orders from the platform (sync engine), then
//     the shop's market modules hear about each refreshed order (market_service::order_changed);
//   - invoice status changes: the shop's market modules (market_service::dispatch_event, type 36);
//   - seller deauthorization: privacy::disconnect at once (tokens deleted, shop disconnected);
//   - upcoming authorization expiration: a notice for the seller (connect::notices).
// Events of a shop that cannot be called (disconnected, needs re-authorisation) are done with nothing to
// do, so they are not retried forever.
//
// Lifetime: start() registers a stop hook with the runtime (workers, processor and purge threads stop
// before anything else is torn down) and hands the services to runtime::keep(), so they are destroyed
// before the plugins unload.
#pragma once

#include <cstdint>
#include <memory>

#include "kingkung/app/runtime.hpp"
#include "kingkung/connect/shop_links.hpp"
#include "kingkung/markets/market_service.hpp"
#include "kingkung/sync/engine.hpp"

namespace kingkung::app {

struct platform_options {
  bool sync_workers = true;         // run [sync] workers sync workers in this process
  bool webhook_processor = true;    // drain stored webhook events in this process
  bool purge_schedule = true;       // the hourly clean-up: retention purge (daily), ended sessions, failed sign-ins
};

// What clean_up_sign_ins() deleted.
struct sign_in_cleanup {
  std::int64_t sessions = 0;         // ended: past their absolute limit, or idle past [web.sessions] idle_minutes
  std::int64_t failed_sign_ins = 0;  // failures older than failed_sign_in_retention_seconds
};

// Failed sign-ins are kept this long: far longer than any throttle window looks back.
inline constexpr std::int64_t failed_sign_in_retention_seconds = 24 * 60 * 60;

// Deletes the sessions that have ended at `now` (Unix seconds) and the failed sign-ins older than
// failed_sign_in_retention_seconds. The hourly tick runs it, so no request has to.
result<sign_in_cleanup> clean_up_sign_ins(storage::database& db, const config::app_config& config,
                                          std::int64_t now);

class platform_services {
 public:
  // Builds everything over a started runtime and starts the threads the options ask for.
  static result<std::shared_ptr<platform_services>> start(runtime& rt, platform_options options = {});
  ~platform_services();
  platform_services(const platform_services&) = delete;
  platform_services& operator=(const platform_services&) = delete;

  connect::shop_links& links();
  markets::market_service& markets();
  sync::engine& sync();
  // Call after a webhook event was stored (the intake's on_stored): the processor drains it now.
  void wake_webhook_processor() noexcept;
  // Stops every thread; idempotent. Runs from the runtime's stop hook.
  void stop() noexcept;

  struct impl;

 private:
  explicit platform_services(std::unique_ptr<impl> p);
  std::unique_ptr<impl> impl_;
};

}  // namespace kingkung::app
