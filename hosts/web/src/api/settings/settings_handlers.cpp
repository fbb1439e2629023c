#include "api/settings/settings_handlers.hpp"

#include <ctime>
#include <sstream>

#include <boost/json/array.hpp>

#include "api/api_io.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/privacy/export.hpp"
#include "kingkung/storage/api_log_reader.hpp"

namespace kingkung::web::settings {
namespace {

namespace json = boost::json;

// "2026-11-29" for a file name.
std::string today() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

}  // namespace

http::response export_data(web_context& ctx, const http::request& req, const caller& who) {
  auto body = read_json_object(req);
  if (auto* answer = std::get_if<http::response>(&body)) return std::move(*answer);
  std::optional<http::response> error;
  auto format = string_field(std::get<json::object>(body), "format", error);
  if (error) return std::move(*error);
  if (!format || (*format != "json" && *format != "csv"))
    return bad_request("invalid_field", "format must be \"json\" or \"csv\"", "format");

  privacy::actor actor{who.user_id, who.email, req.remote_address};
  std::ostringstream out;
  auto done = *format == "json" ? privacy::export_seller(ctx.runtime->database(), who.seller_id, out, actor)
                                : privacy::export_orders_csv(ctx.runtime->database(), who.seller_id, out, actor);
  if (!done) return error_answer(done.err());

  http::response r;
  r.status = 200;
  r.body = std::move(out).str();
  r.content_type = *format == "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8";
  const std::string name = "kingkung-" + std::string(*format == "json" ? "export-" : "orders-") + today() + "." + *format;
  r.headers.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::response api_log(web_context& ctx, const http::request& req, const caller& who) {
  auto size = page_size_param(req);
  if (auto* answer = std::get_if<http::response>(&size)) return std::move(*answer);
  storage::api_log_page_request page_request;
  page_request.seller_id = who.seller_id;
  page_request.limit = std::get<std::size_t>(size);
  if (auto shop_id = req.query_param("shop_id"); shop_id && !shop_id->empty()) {
    if (!owned_shop(ctx, who, *shop_id)) return not_found("the shop");
    page_request.shop_id = std::string(*shop_id);
  }
  if (auto cursor = req.query_param("cursor")) page_request.cursor = std::string(*cursor);
  auto page = storage::api_log_reader(ctx.runtime->database()).page_by_seller(page_request);
  if (!page) {
    if (page.err().code == plugin::errc::invalid_argument)
      return bad_request("invalid_parameter", "the cursor is not one this server handed out", "cursor");
    return error_answer(page.err());
  }
  json::array calls;
  for (const auto& c : page->calls)
    calls.push_back(json::object{{"at", c.at},
                                 {"shop_id", c.shop_id},
                                 {"method", c.method},
                                 {"path", c.path},
                                 {"status", c.http_status},
                                 {"code", c.code},
                                 {"message", c.message},
                                 {"latency_ms", c.duration_ms},
                                 {"request_id", c.request_id}});
  return json_answer(json::object{
      {"calls", std::move(calls)},
      {"next_cursor", page->next_cursor.empty() ? json::value(nullptr) : json::value(page->next_cursor)}});
}

}  // namespace kingkung::web::settings
