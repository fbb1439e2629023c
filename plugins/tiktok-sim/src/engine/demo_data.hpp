// Demo data: shops, products, buyers, orders and packages, generated deterministically from the seed
// and placed in time relative to the simulated clock (the last 30 days).
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "random.hpp"

namespace kingkung::sim::detail {

enum class order_scenario {
  random,               // 1-3 SKUs, 1-2 units each, within the shop's package limits
  must_split_category,  // MX cross-border: more units of a limited category than one package may hold
  must_split_total,     // MX cross-border: more units than one package may hold
  multi_sku,            // two SKUs, one unit each: may be split, need not be
  multi_unit,           // two units of one SKU and one of another, within the limits
  single,               // one unit
};

// Makes a fresh id: prefix followed by digits, `total_digits` long.
using id_maker = std::function<std::string(std::string_view prefix, int total_digits)>;

// Fills a shop (cipher, warehouses, products, orders with packages) from its settings. `used_keys`
// receives the NF-e access keys of the invoices of already shipped Brazilian orders.
void generate_shop(shop_state& shop, std::uint64_t seed, std::int64_t now, std::set<std::string>& used_keys);

// Places new orders now, as buyers would. Status UNPAID, ON_HOLD or AWAITING_SHIPMENT.
std::vector<std::string> place_orders(shop_state& shop, prng& random, const id_maker& ids, std::int64_t now,
                                      int count, std::string_view status, order_scenario scenario);

// Gives a paid order without packages its first package (one package holding every line).
void open_package(shop_state& shop, order& o, const id_maker& ids, std::int64_t now);

// Splits lines into groups that each respect the shop's package limits (greedy, in line order).
std::vector<std::vector<const line_item*>> groups_within_limits(const shop_state& shop,
                                                                const std::vector<const line_item*>& lines);

// A tracking number in the style of the region's carriers, derived from the package id.
std::string tracking_number_for(const shop_state& shop, std::string_view package_id);

// An NF-e access key for a demo invoice (valid check digit).
std::string demo_access_key(prng& random, std::int64_t issued_at);

}  // namespace kingkung::sim::detail
