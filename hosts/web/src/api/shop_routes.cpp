#include "api/routes.hpp"
#include "api/shops/shop_handlers.hpp"

namespace kingkung::web {

void add_shop_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  auto services = shops::make_shop_services(*ctx);
  using shop_handler = http::response (*)(web_context&, shops::shop_services&, const http::request&, const caller&);
  auto bind = [ctx, services](shop_handler h) {
    return [ctx, services, h](const http::request& req, const caller& who) { return h(*ctx, *services, req, who); };
  };
  const auto& guard = *ctx->guard;
  r.get("/api/v1/shops", guard.api(min_role::staff, bind(&shops::list_shops)));
  r.post("/api/v1/shops/connect", guard.api(min_role::staff, bind(&shops::start_connect)));
  r.get("/api/v1/sim/authorize", guard.api(min_role::staff, bind(&shops::sim_shops)));
  r.post("/api/v1/sim/authorize", guard.api(min_role::staff, bind(&shops::sim_consent)));
  r.get("/oauth/tiktok/callback", guard.page(min_role::staff, bind(&shops::oauth_callback)));
  r.get("/api/v1/shops/{shop_id}/disconnect-preview", guard.api(min_role::staff, bind(&shops::disconnect_preview)));
  r.post("/api/v1/shops/{shop_id}/disconnect", guard.api(min_role::owner, bind(&shops::disconnect_shop)));
  r.post("/api/v1/shops/{shop_id}/sync", guard.api(min_role::staff, bind(&shops::sync_shop)));
}

}  // namespace kingkung::web
