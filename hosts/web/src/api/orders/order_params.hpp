// The orders page's query parameters (?status=&shop_id=&q=&from=&to=&sort=&page_size=&cursor=) as a
// search over the caller's own shops, or the 400/404 answer naming the parameter at fault.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "auth/guard.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/http/message.hpp"
#include "kingkung/storage/order_search.hpp"
#include "web_context.hpp"

namespace kingkung::web::orders {

// The caller's seller's shops by platform id (connected or not: their stored orders stay visible until
// the purge). Their ciphers stay sealed (empty): nothing here calls the platform.
using shop_map = std::map<std::string, domain::shop, std::less<>>;
std::variant<shop_map, http::response> seller_shops(web_context& ctx, const caller& who);

// The same with the fingerprint of those shops and their orders' change marks (order_page_cache.hpp), read
// in the same query.
struct fingerprinted_shops {
  shop_map shops;
  std::string fingerprint;
};
std::variant<fingerprinted_shops, http::response> seller_shops_fingerprinted(web_context& ctx, const caller& who);

// Filters and sort from the query. shop_id names one of `shops` (else 404, never confirming another
// seller's shop); status is one of the platform's statuses; from/to are Unix seconds with from < to;
// q is at most order_search::max_query_length characters.
std::variant<storage::order_search_request, http::response> search_params(const http::request& req,
                                                                           const shop_map& shops);

}  // namespace kingkung::web::orders
