// The platform's JSON shapes for orders, packages and products (docs/tiktok-shop-api.md, section 5).
// Money is rendered as decimal strings in major units; ids are strings.
#pragma once

#include "json_util.hpp"
#include "model.hpp"

namespace kingkung::sim::detail {

// Built in `sp` (the call's answer storage on the hot paths).
json::object order_json(const shop_state& shop, const order& o, json::storage_ptr sp = {});
json::object package_summary_json(const shop_state& shop, const package& p);  // Search Package item
json::object package_detail_json(const shop_state& shop, const package& p);   // Get Package Detail
json::object product_summary_json(const shop_state& shop, const product& p);  // Search Products item
json::object product_detail_json(const shop_state& shop, const product& p);   // Get Product

// The payment block of an order; its amounts satisfy the platform's relations:
// sub_total = original_total_product_price - seller_discount - platform_discount and
// total_amount = sub_total + shipping_fee + tax + retail_delivery_fee.
json::object payment_json(const order& o, json::storage_ptr sp = {});

}  // namespace kingkung::sim::detail
