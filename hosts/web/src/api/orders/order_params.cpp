#include "api/orders/order_params.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

#include "api/api_io.hpp"
#include "api/orders/order_page_cache.hpp"
#include "kingkung/app/runtime.hpp"
#include "kingkung/storage/shop_repository.hpp"

namespace kingkung::web::orders {
namespace {

http::response invalid(std::string_view field, const std::string& message) {
  return bad_request("invalid_parameter", message, field);
}

std::string statuses_text() {
  std::string out;
  for (auto s : storage::platform_order_statuses()) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// A Unix time parameter, or the 400 naming it.
std::variant<std::optional<std::int64_t>, http::response> time_param(const http::request& req,
                                                                     std::string_view name) {
  auto text = req.query_param(name);
  if (!text || text->empty()) return std::optional<std::int64_t>{};
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc{} || end != text->data() + text->size() || v < 0)
    return invalid(name, std::string(name) + " must be a time in Unix seconds (a whole number, 0 or more), got \"" +
                             std::string(text->substr(0, 40)) + "\"");
  return std::optional<std::int64_t>(v);
}

}  // namespace

std::variant<shop_map, http::response> seller_shops(web_context& ctx, const caller& who) {
  auto shops = storage::shop_repository(ctx.runtime->database(), ctx.runtime->vault())
                   .list_by_seller_sealed(who.seller_id);
  if (!shops) return error_answer(shops.err());
  shop_map out;
  for (auto& s : *shops) {
    std::string id = s.id;
    out.emplace(std::move(id), std::move(s));
  }
  return out;
}

std::variant<fingerprinted_shops, http::response> seller_shops_fingerprinted(web_context& ctx, const caller& who) {
  auto shops = storage::shop_repository(ctx.runtime->database(), ctx.runtime->vault())
                   .list_by_seller_marked(who.seller_id);
  if (!shops) return error_answer(shops.err());
  fingerprinted_shops out;
  out.fingerprint = shops_fingerprint(*shops);
  out.shops = std::move(*shops);
  return out;
}

std::vector<std::string> shop_ids_of(const shop_map& shops) {
  std::vector<std::string> out;
  out.reserve(shops.size());
  for (const auto& [id, s] : shops) out.push_back(id);
  return out;
}

std::vector<std::string> shop_ids_of(const std::vector<storage::marked_shop>& shops) {
  std::vector<std::string> out;
  out.reserve(shops.size());
  for (const auto& s : shops) out.push_back(s.id);
  std::sort(out.begin(), out.end());
  return out;
}

std::variant<storage::order_search_request, http::response> search_params(const http::request& req,
                                                                           const std::vector<std::string>& shop_ids) {
  storage::order_search_request r;
  if (auto shop = req.query_param("shop_id"); shop && !shop->empty()) {
    if (std::find(shop_ids.begin(), shop_ids.end(), *shop) == shop_ids.end()) return not_found("the shop");
    r.filter.shop_ids = {std::string(*shop)};
  } else {
    r.filter.shop_ids = shop_ids;
  }
  if (auto status = req.query_param("status"); status && !status->empty()) {
    r.filter.status = storage::parse_platform_order_status(*status);
    if (!r.filter.status)
      return invalid("status", "status must be one of " + statuses_text() + ", got \"" +
                                   std::string(status->substr(0, 40)) + "\"");
  }
  if (auto q = req.query_param("q")) {
    if (q->size() > storage::order_search::max_query_length)
      return invalid("q", "q must be at most " + std::to_string(storage::order_search::max_query_length) +
                              " characters, got " + std::to_string(q->size()));
    r.filter.query = std::string(*q);
  }
  auto from = time_param(req, "from");
  if (auto* bad = std::get_if<http::response>(&from)) return std::move(*bad);
  auto to = time_param(req, "to");
  if (auto* bad = std::get_if<http::response>(&to)) return std::move(*bad);
  r.filter.created_from = std::get<0>(from);
  r.filter.created_to = std::get<0>(to);
  if (r.filter.created_from && r.filter.created_to && *r.filter.created_to <= *r.filter.created_from)
    return invalid("to", "to must be later than from (from is inclusive, to exclusive)");
  if (auto sort = req.query_param("sort"); sort && !sort->empty()) {
    auto parsed = storage::parse_order_sort(*sort);
    if (!parsed)
      return invalid("sort", "sort must be one of create_time_desc, create_time_asc, update_time_desc, "
                             "total_desc, got \"" + std::string(sort->substr(0, 40)) + "\"");
    r.sort = *parsed;
  }
  auto size = page_size_param(req);
  if (auto* bad = std::get_if<http::response>(&size)) return std::move(*bad);
  r.limit = std::get<std::size_t>(size);
  if (auto cursor = req.query_param("cursor")) r.cursor = std::string(*cursor);
  return r;
}

}  // namespace kingkung::web::orders
