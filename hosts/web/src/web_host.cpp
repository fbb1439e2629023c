#include "web_host.hpp"

#include <chrono>
#include <mutex>
#include <optional>

#include "api/metrics.hpp"
#include "api/orders/order_page_cache.hpp"
#include "api/routes.hpp"
#include "auth/guard.hpp"
#include "health_handler.hpp"
#include "kingkung/app/server_settings.hpp"
#include "kingkung/auth/hashing_gate.hpp"
#include "security_headers.hpp"
#include "webhook_route.hpp"

namespace kingkung::web {
namespace {

// Password hashing waited too long for a free slot (auth::hashing_gate): the host is busy, not broken.
std::optional<http::response> busy_answer(const http::request&, const std::exception& e) {
  const auto* busy = dynamic_cast<const auth::hashing_busy*>(&e);
  if (busy == nullptr) return std::nullopt;
  auto r = http::response::json_error(503, "busy", busy->what());
  r.headers.set("Retry-After", std::to_string(busy->retry_after_seconds()));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// A healthy /healthz answer is reused for this long: the window runtime::health() reuses a good database
// ping for, so a load balancer polling many times a second does not rebuild the report each time.
constexpr std::chrono::seconds health_reuse{1};

http::handler reusing_health_handler(app::runtime& runtime) {
  struct last_answer {
    std::mutex mutex;
    std::optional<http::response> answer;  // only a 200: a degraded report is rebuilt every time
    std::chrono::steady_clock::time_point at;
  };
  auto last = std::make_shared<last_answer>();
  return [last, build = make_health_handler(runtime)](const http::request& req) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(last->mutex);
      if (last->answer && now - last->at < health_reuse) return *last->answer;
    }
    auto fresh = build(req);
    std::lock_guard lock(last->mutex);
    if (fresh.status == 200) {
      last->answer = fresh;
      last->at = now;
    } else {
      last->answer.reset();
    }
    return fresh;
  };
}

}  // namespace

http::router make_router(web_context context) {
  auto ctx = std::make_shared<web_context>(std::move(context));
  if (!ctx->guard)
    ctx->guard =
        std::make_shared<session_guard>(*ctx->runtime, session_settings_from(ctx->runtime->config()));
  if (!ctx->metrics) ctx->metrics = std::make_shared<request_metrics>();
  if (!ctx->order_pages) ctx->order_pages = std::make_shared<orders::order_page_cache>();
  http::router r;
  r.get("/healthz", reusing_health_handler(*ctx->runtime));
  r.post("/webhooks/tiktok", make_webhook_handler(*ctx->runtime, ctx->on_webhook_stored));
  add_session_routes(r, ctx);
  add_order_routes(r, ctx);
  add_fulfillment_routes(r, ctx);
  add_catalog_routes(r, ctx);
  add_shop_routes(r, ctx);
  add_settings_routes(r, ctx);
  add_metrics_routes(r, ctx);
  add_asset_routes(r, ctx);
  r.on_routed([metrics = ctx->metrics](std::string_view method, std::string_view pattern, unsigned status,
                                       std::chrono::nanoseconds elapsed) {
    metrics->observe(method, pattern, status, elapsed);
  });
  r.on_exception(busy_answer);
  return r;
}

http::router make_router(app::runtime& runtime, std::function<void()> on_webhook_stored) {
  http::router r;
  r.get("/healthz", reusing_health_handler(runtime));
  r.post("/webhooks/tiktok", make_webhook_handler(runtime, std::move(on_webhook_stored)));
  return r;
}

http::server_options make_server_options(const config::app_config& config, const command_line& args) {
  auto o = app::http_server_options(config.server);
  if (args.port) o.port = *args.port;
  if (args.listen) o.listen_address = *args.listen;
  o.response_headers = security_headers(o.tls.has_value());
  return o;
}

std::string listen_url(const http::server_options& options, std::uint16_t port) {
  std::string host = options.listen_address;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return std::string(options.tls ? "https" : "http") + "://" + host + ":" + std::to_string(port) + "/";
}

}  // namespace kingkung::web
