// The catalog group's handlers (routes in catalog_routes.cpp), callable with a caller directly so they
// can be tested apart from sign-in. Each answers 404 for a shop or product of another seller.
//
// Edits go to the platform at once through the shop's client, so its validation errors reach the seller
// next to the field (422 "rejected" with "field"); then the stored product is read again from the
// platform and stored.
#pragma once

#include "auth/guard.hpp"
#include "kingkung/http/message.hpp"
#include "web_context.hpp"

namespace kingkung::web::catalog {

// GET /api/v1/products?q=&shop_id=&status=&page_size=&cursor=
http::response list_products(web_context& ctx, const http::request& req, const caller& who);
// GET /api/v1/products/{shop_id}/{product_id}: the platform's current version when the shop can be
// called (stored as the new snapshot), else the stored one.
http::response get_product(web_context& ctx, const http::request& req, const caller& who);
// PATCH /api/v1/products/{shop_id}/{product_id} {"title"?, "description"?}
http::response edit_product(web_context& ctx, const http::request& req, const caller& who);
// PUT /api/v1/products/{shop_id}/{product_id}/skus/{sku_id}/price {"price":"199.90"}
http::response set_price(web_context& ctx, const http::request& req, const caller& who);
// PUT /api/v1/products/{shop_id}/{product_id}/skus/{sku_id}/inventory {"inventory":[{"warehouse_id",
// "quantity"}]}
http::response set_inventory(web_context& ctx, const http::request& req, const caller& who);

}  // namespace kingkung::web::catalog
