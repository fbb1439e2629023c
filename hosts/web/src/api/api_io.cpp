#include "api/api_io.hpp"

#include <charconv>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "kingkung/app/runtime.hpp"
#include "kingkung/log/log.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web {

namespace json = boost::json;

http::response json_answer(const json::value& body, unsigned status) {
  auto r = http::response::json(status, json::serialize(body));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::response json_text_answer(std::string body, unsigned status) {
  auto r = http::response::json(status, std::move(body));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::response api_error(unsigned status, std::string_view code, std::string_view message, std::string_view field) {
  auto r = http::response::json_error(status, code, message, field);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::response bad_request(std::string_view code, std::string_view message, std::string_view field) {
  return api_error(400, code, message, field);
}

http::response not_found(std::string_view what) {
  return api_error(404, "not_found", std::string(what) + " was not found");
}

http::response forbidden(std::string_view message) {
  return api_error(403, "forbidden", message);
}

http::response unavailable(std::string_view message) {
  return api_error(503, "unavailable", message);
}

http::response error_answer(const plugin::error& e, std::string_view field) {
  using plugin::errc;
  switch (e.code) {
    case errc::invalid_argument: return api_error(400, "invalid_argument", e.message, field);
    case errc::not_found: return api_error(404, "not_found", e.message, field);
    case errc::failed_precondition: return api_error(409, "failed_precondition", e.message, field);
    case errc::permission_denied: return api_error(403, "forbidden", e.message, field);
    case errc::unauthenticated:
      return api_error(409, "needs_reauthorization", e.message, field);
    case errc::rate_limited: return api_error(429, "rate_limited", e.message, field);
    case errc::unavailable:
    case errc::maybe_delivered:
    case errc::tls_error: return api_error(502, "platform_unavailable", e.message, field);
    case errc::timeout: return api_error(504, "platform_timeout", e.message, field);
    case errc::too_large: return api_error(413, "too_large", e.message, field);
    case errc::rejected: return api_error(422, "rejected", e.message, field);
    case errc::unsupported: return api_error(501, "unsupported", e.message, field);
    case errc::internal: break;
  }
  log::error("api", "internal error: " + e.message);
  return api_error(500, "internal", "something went wrong on our side; it has been logged");
}

std::variant<json::object, http::response> read_json_object(const http::request& req) {
  if (auto type = req.header("Content-Type"); !type || type->find("application/json") == std::string_view::npos)
    return api_error(415, "unsupported_media_type", "the body must be application/json");
  boost::system::error_code ec;
  auto value = json::parse(req.body, ec);
  if (ec) return bad_request("malformed_json", "the body is not valid JSON: " + ec.message());
  if (!value.is_object()) return bad_request("malformed_json", "the body must be a JSON object");
  return std::move(value.as_object());
}

std::optional<std::string> string_field(const json::object& o, std::string_view name,
                                        std::optional<http::response>& error) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (!it->value().is_string()) {
    if (!error) error = bad_request("invalid_field", std::string(name) + " must be a string", name);
    return std::nullopt;
  }
  return std::string(it->value().as_string());
}

std::optional<std::int64_t> int_field(const json::object& o, std::string_view name,
                                      std::optional<http::response>& error) {
  auto it = o.find(name);
  if (it == o.end() || it->value().is_null()) return std::nullopt;
  if (it->value().is_int64()) return it->value().as_int64();
  if (it->value().is_uint64() && it->value().as_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(it->value().as_uint64());
  if (!error) error = bad_request("invalid_field", std::string(name) + " must be an integer", name);
  return std::nullopt;
}

std::variant<std::size_t, http::response> page_size_param(const http::request& req, std::size_t fallback,
                                                          std::size_t max) {
  auto text = req.query_param("page_size");
  if (!text) return fallback;
  std::size_t n = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  if (ec != std::errc{} || end != text->data() + text->size() || n < 1 || n > max)
    return bad_request("invalid_parameter", "page_size must be a whole number from 1 to " + std::to_string(max),
                       "page_size");
  return n;
}

std::optional<domain::shop> owned_shop(web_context& ctx, const caller& who, std::string_view shop_id) {
  auto shop = storage::shop_repository(ctx.runtime->database(), ctx.runtime->vault()).get(shop_id);
  if (!shop || !*shop || (*shop)->seller_id != who.seller_id) return std::nullopt;
  return std::move(**shop);
}

}  // namespace kingkung::web
