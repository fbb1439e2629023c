// Orders: Search Orders (POST /order/202309/orders/search) and Get Order Detail
// (GET /order/202507/orders?ids=..., at most 50 ids per request; more are batched automatically).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/domain/order.hpp"
#include "kingkung/tiktok/client.hpp"

namespace kingkung::tiktok {

// Every filter is optional: an unset or empty one is not sent.
struct search_orders_request {
  // Query.
  unsigned page_size = 20;  // 1..100
  std::string page_token;   // empty: first page
  std::string sort_field;   // "create_time" (platform default) | "update_time"
  std::string sort_order;   // "DESC" (platform default) | "ASC"
  // Body.
  std::string order_status;                    // UNPAID, ON_HOLD, AWAITING_SHIPMENT, ...
  std::optional<std::int64_t> create_time_ge;  // Unix seconds, inclusive
  std::optional<std::int64_t> create_time_lt;  // exclusive
  std::optional<std::int64_t> update_time_ge;
  std::optional<std::int64_t> update_time_lt;
  std::string shipping_type;  // TIKTOK | SELLER
  std::string buyer_user_id;
  std::optional<bool> is_buyer_request_cancel;
  std::vector<std::string> warehouse_ids;  // at most 100
};

struct order_page {
  std::vector<domain::order> orders;  // shop_id set to the shop called for
  std::string next_page_token;        // empty on the last page
  std::int64_t total_count = 0;
  std::string request_id;
};

result<order_page> search_orders(client& api, const shop_ref& shop, const search_orders_request& request);

// Every page from request.page_token on; `on_page` returns false to stop. Returns the pages fetched.
result<unsigned> for_each_order_page(client& api, const shop_ref& shop, search_orders_request request,
                                     const std::function<bool(order_page&)>& on_page);
// Every order of every page, in order.
result<std::vector<domain::order>> search_all_orders(client& api, const shop_ref& shop,
                                                     search_orders_request request);

// An order of a Search Orders page read lightly, for a caller that reads the order again with Get
// Order Detail: its id, its update_time, and the order object as the platform sent it (JSON text, for
// decode_order when the detail call does not return the order).
struct order_listing {
  std::string id;
  std::int64_t update_time = 0;
  std::string json;
};

struct order_listing_page {
  std::vector<order_listing> orders;
  std::string next_page_token;  // empty on the last page
  std::int64_t total_count = 0;
  std::string request_id;
};

// Search Orders as search_orders sends it; each order's id and update_time are checked and decoded,
// the rest is kept as text.
result<order_listing_page> search_order_listings(client& api, const shop_ref& shop,
                                                 const search_orders_request& request);
result<unsigned> for_each_order_listing_page(client& api, const shop_ref& shop, search_orders_request request,
                                             const std::function<bool(order_listing_page&)>& on_page);

inline constexpr std::size_t max_order_detail_ids = 50;

// Orders by id, in the order the platform returns them; batches of at most 50 ids. Ids the platform
// does not return are simply absent.
result<std::vector<domain::order>> get_order_detail(client& api, const shop_ref& shop,
                                                    const std::vector<std::string>& order_ids);

}  // namespace kingkung::tiktok
