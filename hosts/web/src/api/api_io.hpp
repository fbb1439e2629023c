// Reading requests and writing answers the same way in every /api/v1 handler: JSON bodies, the one error
// shape {"error":{"code","message","field"}}, cursor paging parameters, and the seller scope check.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "auth/guard.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/plugin/result.hpp"
#include "web_context.hpp"

namespace kingkung::web {

// 200 (or `status`) with the value serialised; Cache-Control: no-store (API answers are per user).
http::response json_answer(const boost::json::value& body, unsigned status = 200);
// The same for a body already serialised.
http::response json_text_answer(std::string body, unsigned status = 200);

// Any error answer in the one shape, with Cache-Control: no-store (as every helper below).
http::response api_error(unsigned status, std::string_view code, std::string_view message,
                         std::string_view field = {});

// Error answers in the one shape. `field` names the input at fault ("page_size", "items[2].quantity").
http::response bad_request(std::string_view code, std::string_view message, std::string_view field = {});
http::response not_found(std::string_view what);  // 404 "not_found": "<what> was not found"
http::response forbidden(std::string_view message);
http::response unavailable(std::string_view message);  // 503

// A core or platform error as an API answer: invalid_argument 400, not_found 404, failed_precondition
// 409, permission_denied 403, unauthenticated 409 "needs_reauthorization" (the shop's, not the user's),
// rate_limited 429, unavailable/timeout/maybe_delivered 502/504, rejected 422 (the platform refused),
// the rest 500 with a generic message (the detail is logged, never shown).
http::response error_answer(const plugin::error& e, std::string_view field = {});

// The request body as a JSON object, or the 400/415 answer that says what is wrong (not JSON, not an
// object, where it fails).
std::variant<boost::json::object, http::response> read_json_object(const http::request& req);

// Optional fields of a JSON body with type checks: nullopt when absent; `error` gets a 400 naming the
// field when present with the wrong type.
std::optional<std::string> string_field(const boost::json::object& o, std::string_view name,
                                        std::optional<http::response>& error);
std::optional<std::int64_t> int_field(const boost::json::object& o, std::string_view name,
                                      std::optional<http::response>& error);

// ?page_size= (default `fallback`, 1..`max`) ; a 400 naming page_size when malformed or out of range.
std::variant<std::size_t, http::response> page_size_param(const http::request& req, std::size_t fallback = 50,
                                                          std::size_t max = 200);

// The caller's seller's shop with this platform id; nullopt when it does not exist or belongs to
// another seller (answer 404 in both cases, never 403: ids of others are not confirmed).
std::optional<domain::shop> owned_shop(web_context& ctx, const caller& who, std::string_view shop_id);

}  // namespace kingkung::web
