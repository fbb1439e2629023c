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
#include "kingkung/storage/shop_repository.hpp"
#include "web_context.hpp"

namespace kingkung::web::orders {

// The caller's seller's shops by platform id (connected or not: their stored orders stay visible until
// the purge). Their ciphers stay sealed (empty): nothing here calls the platform.
using shop_map = std::map<std::string, domain::shop, std::less<>>;
std::variant<shop_map, http::response> seller_shops(web_context& ctx, const caller& who);

// The caller's seller's shops as the orders page's first-page cache checks them (ids, names, states,
// connection times and their orders' change marks, in one query) with their fingerprint
// (order_page_cache.hpp). Cheap: no cipher, modules or scopes are read.
struct fingerprinted_shops {
  std::vector<storage::marked_shop> shops;
  std::string fingerprint;
};
std::variant<fingerprinted_shops, http::response> seller_shops_fingerprinted(web_context& ctx, const caller& who);

// Filters and sort from the query. shop_id names one of `shop_ids` (else 404, never confirming another
// seller's shop); status is one of the platform's statuses; from/to are Unix seconds with from < to;
// q is at most order_search::max_query_length characters. `shop_ids` are the caller's, in id order.
std::variant<storage::order_search_request, http::response> search_params(const http::request& req,
                                                                           const std::vector<std::string>& shop_ids);
std::vector<std::string> shop_ids_of(const shop_map& shops);
std::vector<std::string> shop_ids_of(const std::vector<storage::marked_shop>& shops);

}  // namespace kingkung::web::orders
