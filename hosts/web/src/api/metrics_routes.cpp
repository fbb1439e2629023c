// GET /metrics: Prometheus text for monitoring. No session: it is answered to loopback peers only (an
// agent on the same machine scrapes it); any other peer gets 404, as if the route did not exist.
#include "api/metrics.hpp"
#include "api/routes.hpp"
#include "kingkung/app/platform_services.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/api_log_reader.hpp"
#include "kingkung/storage/sync_state_repository.hpp"
#include "kingkung/storage/webhook_event_repository.hpp"

namespace kingkung::web {
namespace {

void sync_series(web_context& ctx, std::string& out) {
  if (ctx.services == nullptr) return;
  auto shops = storage::sync_state_repository(ctx.runtime->database()).connected_shops();
  if (!shops) {
    log::warn("metrics", "listing connected shops: " + shops.err().message);
    return;
  }
  std::string lag, success, pending;
  for (const auto& id : *shops) {
    auto h = ctx.services->sync().health(id);
    if (!h) continue;
    const std::string label = "{shop_id=\"" + prometheus_label(id) + "\"}";
    lag += "kingkung_sync_lag_seconds" + label + " " + std::to_string(h->lag_seconds) + "\n";
    success += "kingkung_sync_last_success_timestamp_seconds" + label + " " + std::to_string(h->last_success) + "\n";
    pending += "kingkung_write_backs_pending" + label + " " + std::to_string(h->pending_write_backs) + "\n";
  }
  out += "# HELP kingkung_sync_lag_seconds Seconds the stored orders trail the platform, per connected shop (-1: "
         "never synced).\n# TYPE kingkung_sync_lag_seconds gauge\n" +
         lag;
  out += "# HELP kingkung_sync_last_success_timestamp_seconds Last successful order sync, per connected shop "
         "(0: never).\n# TYPE kingkung_sync_last_success_timestamp_seconds gauge\n" +
         success;
  out += "# HELP kingkung_write_backs_pending Writes to the platform waiting or being sent, per connected "
         "shop.\n# TYPE kingkung_write_backs_pending gauge\n" +
         pending;
}

void api_call_series(web_context& ctx, std::string& out) {
  auto counts = storage::api_log_reader(ctx.runtime->database()).counts_by_code();
  if (!counts) {
    log::warn("metrics", "counting API calls: " + counts.err().message);
    return;
  }
  out += "# HELP kingkung_tiktok_api_calls_total Calls to the TikTok Shop API, by HTTP status and envelope "
         "code.\n# TYPE kingkung_tiktok_api_calls_total counter\n";
  for (const auto& c : *counts)
    out += "kingkung_tiktok_api_calls_total{status=\"" + std::to_string(c.http_status) + "\",code=\"" +
           std::to_string(c.code) + "\"} " + std::to_string(c.calls) + "\n";
}

void webhook_series(web_context& ctx, std::string& out) {
  auto pending = storage::webhook_event_repository(ctx.runtime->database()).count_by_status(storage::webhook_pending);
  if (!pending) {
    log::warn("metrics", "counting webhook events: " + pending.err().message);
    return;
  }
  out += "# HELP kingkung_webhook_events_pending Webhook events stored and not processed yet.\n"
         "# TYPE kingkung_webhook_events_pending gauge\nkingkung_webhook_events_pending " +
         std::to_string(*pending) + "\n";
}

}  // namespace

void add_metrics_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  r.get("/metrics", [ctx](const http::request& req) {
    if (!loopback_peer(req.remote_address)) return http::response::text(404, "Not Found");
    std::string out = ctx->metrics ? ctx->metrics->prometheus_text() : std::string();
    sync_series(*ctx, out);
    api_call_series(*ctx, out);
    webhook_series(*ctx, out);
    auto answer = http::response::text(200, std::move(out));
    answer.content_type = "text/plain; version=0.0.4; charset=utf-8";
    answer.headers.set("Cache-Control", "no-store");
    return answer;
  });
}

}  // namespace kingkung::web
