// Orders as the API shows them: the list's order_summary and the detail page's order (docs/api/orders.md).
// Money is text with two decimals plus the currency; times are Unix seconds; ids are strings.
#pragma once

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "kingkung/common/decimal.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/package.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/storage/order_search.hpp"

namespace kingkung::web::orders {

std::string money_text(decimal d);

boost::json::object summary_json(const storage::order_summary& s, const domain::shop& shop);

// The summary of a full order (items and first item from its lines).
storage::order_summary summary_of(const domain::order& o);

// The order's packages for the detail: stored ones as stored, the others as the lines describe them.
struct package_view {
  std::string id;
  std::string status;
  std::string tracking_number;
  std::string shipping_provider;
};

boost::json::object detail_json(const domain::order& o, const domain::shop& shop,
                                const std::vector<package_view>& packages,
                                const std::vector<storage::order_status_change>& timeline);

}  // namespace kingkung::web::orders
