// Search Orders' filter and paging: a page is a walk along the shop's time index (order_index.hpp)
// from the page token's position, not a sort of every order of the shop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_util.hpp"
#include "model.hpp"
#include "query_params.hpp"

namespace kingkung::sim::detail {

struct order_filter {
  std::optional<std::string> status;
  std::optional<std::int64_t> create_ge, create_lt, update_ge, update_lt;
  std::optional<std::string> shipping_type;
  std::optional<std::string> buyer_user_id;
  std::optional<bool> buyer_request_cancel;
  std::optional<std::vector<std::string>> warehouse_ids;

  // True when the only conditions are bounds on the sort field's time: every order in that range of
  // the index matches, so the range's length is the count.
  bool only_bounds_on(bool by_update) const;
  bool matches(const order& o) const;
};

// The filter of a Search Orders body; nullopt when a key has the wrong type or an unknown value.
std::optional<order_filter> read_order_filter(const json::object& body);

struct order_page {
  std::vector<const order*> items;
  std::string next_page_token;  // "" on the last page
  std::size_t total_count = 0;  // every matching order, wherever the page starts
};

// One page of the shop's orders matching `filter`, ordered by (update_time or create_time, id),
// ascending or descending, starting after `paging.after`.
order_page page_of_orders(const shop_state& shop, const order_filter& filter, bool by_update, bool descending,
                          const paging_request& paging, std::string_view token_key);

}  // namespace kingkung::sim::detail
