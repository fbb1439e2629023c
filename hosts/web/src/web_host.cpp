#include "web_host.hpp"

#include "api/metrics.hpp"
#include "api/routes.hpp"
#include "auth/guard.hpp"
#include "health_handler.hpp"
#include "kingkung/app/server_settings.hpp"
#include "security_headers.hpp"
#include "webhook_route.hpp"

namespace kingkung::web {

http::router make_router(web_context context) {
  auto ctx = std::make_shared<web_context>(std::move(context));
  if (!ctx->guard) ctx->guard = std::make_shared<session_guard>(*ctx->runtime);
  if (!ctx->metrics) ctx->metrics = std::make_shared<request_metrics>();
  http::router r;
  r.get("/healthz", make_health_handler(*ctx->runtime));
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
  return r;
}

http::router make_router(app::runtime& runtime, std::function<void()> on_webhook_stored) {
  http::router r;
  r.get("/healthz", make_health_handler(runtime));
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
