// Rules shared by the order, package, ship and split handlers: status life cycle, the Mexico
// cross-border split limits, and what an order's packages look like.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"

namespace kingkung::sim::detail {

struct split_reason {
  std::string type;         // CATEGORY_ITEM_LIMITATION or TOTAL_COUNT_LIMITATION
  std::string category_id;  // CATEGORY_ITEM_LIMITATION only
  int max_count = 0;
};

// Whether the shop's packages are limited (MX cross-border shops only).
bool has_split_limits(const shop_state& shop);

// The limits a set of line items breaks when they ship together in one package.
std::vector<split_reason> broken_limits(const shop_state& shop, const std::vector<const line_item*>& lines);

// Statuses.
bool order_is_shipped(std::string_view status);  // AWAITING_COLLECTION and later (not CANCELLED)
bool order_is_open(std::string_view status);     // AWAITING_SHIPMENT or PARTIALLY_SHIPPING
std::string package_status_for(std::string_view order_status, bool package_shipped);
std::string line_package_status(std::string_view order_status, const package* pkg);
bool valid_order_status(std::string_view status);

// The lines of an order that sit in a given package.
std::vector<const line_item*> lines_in_package(const order& o, const package& p);
// Packages of the order, in its package_ids order (missing ids skipped).
std::vector<package*> packages_of(shop_state& shop, const order& o);

// Recomputes the order's status from its packages after one of them shipped:
// all shipped -> AWAITING_COLLECTION, some -> PARTIALLY_SHIPPING.
void refresh_order_after_ship(shop_state& shop, order& o, std::int64_t now);

// Why an order cannot be split, or empty when it can.
std::string split_refusal(const shop_state& shop, const order& o);

}  // namespace kingkung::sim::detail
