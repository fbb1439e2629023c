// The handlers of the fulfilment routes (add_fulfillment_routes wires them to their paths and roles).
#pragma once

#include <memory>
#include <variant>

#include <boost/json/object.hpp>

#include "api/api_io.hpp"
#include "api/fulfillment/job_runner.hpp"
#include "auth/guard.hpp"
#include "kingkung/http/message.hpp"
#include "web_context.hpp"

namespace kingkung::web::fulfillment {

// POST /api/v1/orders/{shop_id}/{order_id}/ship
http::response ship(web_context& ctx, const http::request& req, const caller& who);
// POST /api/v1/orders/{shop_id}/{order_id}/actions/{action_id}
http::response run_action(web_context& ctx, const http::request& req, const caller& who);

// POST /api/v1/jobs, GET /api/v1/jobs/{id}, GET /api/v1/jobs/{id}/file
http::response create_job(const std::shared_ptr<web_context>& ctx, job_runner& jobs, const http::request& req,
                          const caller& who);
http::response get_job(job_runner& jobs, const http::request& req, const caller& who);
http::response job_file(job_runner& jobs, const http::request& req, const caller& who);

// GET /api/v1/packages, POST /api/v1/packages/combine, POST /api/v1/packages/{shop_id}/{package_id}/uncombine
http::response list_packages(web_context& ctx, const http::request& req, const caller& who);
http::response combine(web_context& ctx, const http::request& req, const caller& who);
http::response uncombine(web_context& ctx, const http::request& req, const caller& who);

// A JSON body, or {} when the request has none (a bare POST from a button).
std::variant<boost::json::object, http::response> body_or_empty(const http::request& req);

}  // namespace kingkung::web::fulfillment
