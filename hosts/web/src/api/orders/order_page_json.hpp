// The orders list's body ({"orders":[...],"counts":{...},"next_cursor":...}) written straight into one
// string, without a JSON tree: byte for byte what serialising summary_json's tree gives (strings escaped as
// Boost.JSON escapes them: quote, backslash and control characters; every other byte, valid UTF-8 or not,
// passed through).
#pragma once

#include <string>
#include <string_view>

#include "api/orders/order_params.hpp"
#include "kingkung/storage/order_search.hpp"

namespace kingkung::web::orders {

// Appends `text` as a JSON string, quotes included.
void append_json_string(std::string& out, std::string_view text);

// The page's body, with each order's shop name and region from `shops` (the seller's shops as listed for
// the page cache's check). Every order's shop must be among them.
std::string page_json(const storage::order_search_page& page, const storage::order_status_counts& counts,
                      const std::vector<storage::marked_shop>& shops);

}  // namespace kingkung::web::orders
