#include "api/orders/order_handlers.hpp"
#include "api/routes.hpp"

namespace kingkung::web {

void add_order_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  auto bind = [ctx](http::response (*h)(web_context&, const http::request&, const caller&)) {
    return [ctx, h](const http::request& req, const caller& who) { return h(*ctx, req, who); };
  };
  const auto& guard = *ctx->guard;
  r.get("/api/v1/orders", guard.api(min_role::staff, bind(&orders::list_orders)));
  r.get("/api/v1/orders/export.csv", guard.api(min_role::staff, bind(&orders::export_csv)));
  r.get("/api/v1/orders/{shop_id}/{order_id}", guard.api(min_role::staff, bind(&orders::get_order)));
  r.get("/api/v1/dashboard", guard.api(min_role::staff, bind(&orders::dashboard)));
}

}  // namespace kingkung::web
