#include "api/catalog/catalog_handlers.hpp"
#include "api/routes.hpp"

namespace kingkung::web {

void add_catalog_routes(http::router& r, const std::shared_ptr<web_context>& ctx) {
  auto bind = [ctx](http::response (*h)(web_context&, const http::request&, const caller&)) {
    return [ctx, h](const http::request& req, const caller& who) { return h(*ctx, req, who); };
  };
  const auto& guard = *ctx->guard;
  r.get("/api/v1/products", guard.api(min_role::staff, bind(&catalog::list_products)));
  r.get("/api/v1/products/{shop_id}/{product_id}", guard.api(min_role::staff, bind(&catalog::get_product)));
  r.patch("/api/v1/products/{shop_id}/{product_id}", guard.api(min_role::staff, bind(&catalog::edit_product)));
  r.put("/api/v1/products/{shop_id}/{product_id}/skus/{sku_id}/price",
        guard.api(min_role::staff, bind(&catalog::set_price)));
  r.put("/api/v1/products/{shop_id}/{product_id}/skus/{sku_id}/inventory",
        guard.api(min_role::staff, bind(&catalog::set_inventory)));
}

}  // namespace kingkung::web
