// What every route of the web host works with. make_router() fills it; handlers keep a reference, so
// everything it points to must outlive the server.
#pragma once

#include <functional>
#include <memory>

namespace kingkung::app {
class runtime;
class platform_services;
}  // namespace kingkung::app

namespace kingkung::web {

class session_guard;
class request_metrics;
namespace orders {
class order_page_cache;
}

struct web_context {
  app::runtime* runtime = nullptr;
  // The links, market host and sync engine. Null when a test serves the host without them: routes that
  // need them answer 503 "unavailable".
  app::platform_services* services = nullptr;
  // Runs after each newly stored webhook event (kingkung-web: wake the processor).
  std::function<void()> on_webhook_stored;
  // Sign-in sessions, CSRF and roles for every route that needs a signed-in user.
  std::shared_ptr<session_guard> guard;
  // Request counts and latencies for /metrics; may be null.
  std::shared_ptr<request_metrics> metrics;
  // First pages of the orders list (api/orders/order_page_cache.hpp); null serves every page fresh.
  std::shared_ptr<orders::order_page_cache> order_pages;
};

}  // namespace kingkung::web
