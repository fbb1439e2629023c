#include "webhook_route.hpp"

#include <memory>

#include "kingkung/log/log.hpp"
#include "kingkung/webhooks/intake.hpp"

namespace kingkung::web {

http::handler make_webhook_handler(app::runtime& runtime, std::function<void()> on_stored) {
  const auto& tiktok = runtime.config().tiktok;
  if (tiktok.app_key.empty() || tiktok.app_secret.empty()) {
    log::warn("web", "webhooks: tiktok.app_key or the app secret is not set, so POST /webhooks/tiktok answers 503");
    return [](const http::request&) {
      return http::response::json_error(503, "unavailable", "webhooks are not configured on this host");
    };
  }
  webhooks::intake_options options;
  options.app_key = tiktok.app_key;
  options.app_secret = tiktok.app_secret;
  options.on_stored = std::move(on_stored);
  return webhooks::make_http_handler(std::make_shared<webhooks::intake>(runtime.database(), std::move(options)));
}

}  // namespace kingkung::web
