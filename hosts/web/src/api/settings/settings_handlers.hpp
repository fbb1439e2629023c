// The settings group's handlers (routes in settings_routes.cpp), callable with a caller directly so they
// can be tested apart from sign-in.
#pragma once

#include "auth/guard.hpp"
#include "kingkung/http/message.hpp"
#include "web_context.hpp"

namespace kingkung::web::settings {

// POST /api/v1/exports {"format":"json"|"csv"} (owner): everything held for the seller as a JSON file,
// or the orders as CSV, as an attachment. Audited by the privacy export.
http::response export_data(web_context& ctx, const http::request& req, const caller& who);
// GET /api/v1/api-log?shop_id=&page_size=&cursor=: the platform calls made for the seller's shops,
// newest first. Method, path, status, code, latency and request id only: never a query, header or token.
http::response api_log(web_context& ctx, const http::request& req, const caller& who);

}  // namespace kingkung::web::settings
