// The route groups of the web host. make_router() adds each group; each lives in its own file.
// Handlers copy the shared_ptr, so the context lives as long as the router.
#pragma once

#include <memory>

#include "kingkung/http/router.hpp"
#include "web_context.hpp"

namespace kingkung::web {

// /api/v1/session (sign in, sign out, who am I), /api/v1/account, /api/v1/users.
void add_session_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// /api/v1/orders (list, search, filters, detail, CSV export) and /api/v1/dashboard.
void add_order_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// Ship (one and bulk, with jobs and progress), shipping documents, market module actions, packages
// (combine, uncombine).
void add_fulfillment_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// /api/v1/products: search, detail, edit, price, inventory.
void add_catalog_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// /api/v1/shops (list, health, connect, disconnect), notices, the OAuth callback and the simulator's
// authorize step.
void add_shop_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// /api/v1/exports (seller data export) and /api/v1/api-log (the reviewer's call log).
void add_settings_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// GET /metrics in Prometheus text format.
void add_metrics_routes(http::router& r, const std::shared_ptr<web_context>& ctx);
// Static assets under /assets/ and the pages of the single-page UI (/, /orders, ...).
void add_asset_routes(http::router& r, const std::shared_ptr<web_context>& ctx);

}  // namespace kingkung::web
