#include "api/routes.hpp"
#include "api/settings/settings_handlers.hpp"

namespace kingkung::web {

void add_settings_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  auto bind = [ctx](http::response (*h)(web_context&, const http::request&, const caller&)) {
    return [ctx, h](const http::request& req, const caller& who) { return h(*ctx, req, who); };
  };
  const auto& guard = *ctx->guard;
  r.post("/api/v1/exports", guard.api(min_role::owner, bind(&settings::export_data)));
  r.get("/api/v1/api-log", guard.api(min_role::staff, bind(&settings::api_log)));
}

}  // namespace kingkung::web
