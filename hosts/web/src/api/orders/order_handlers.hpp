// The handlers of the orders route group (api/order_routes.cpp binds them): the list with its status
// counts, one order's detail with the market modules' actions and ship gate, the CSV export and the
// dashboard. Each reads only the caller's seller's shops; another seller's ids answer 404.
#pragma once

#include "auth/guard.hpp"
#include "kingkung/http/message.hpp"
#include "web_context.hpp"

namespace kingkung::web::orders {

http::response list_orders(web_context& ctx, const http::request& req, const caller& who);
http::response get_order(web_context& ctx, const http::request& req, const caller& who);
http::response export_csv(web_context& ctx, const http::request& req, const caller& who);
http::response dashboard(web_context& ctx, const http::request& req, const caller& who);

// Most orders one CSV export holds; a larger export is refused, asking for narrower filters.
inline constexpr std::int64_t max_export_orders = 100000;

}  // namespace kingkung::web::orders
