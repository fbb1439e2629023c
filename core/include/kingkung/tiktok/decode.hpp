// Decoding platform JSON into the domain types. Ids are strings (JSON integers are accepted through
// their exact 64-bit value, never through double); money is a decimal string; unknown fields are
// ignored. A missing required field or a wrong type is an invalid_response error naming the JSON path:
//   "data.orders[3].id: missing"
//   "data.orders[0].payment.total_amount: expected a decimal string, found number 12.5"
#pragma once

#include <string_view>

#include "kingkung/domain/catalog.hpp"
#include "kingkung/domain/order.hpp"
#include "kingkung/domain/package.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/tiktok/result.hpp"

namespace kingkung::tiktok {

// One object, as JSON text. `path` is the name of the object in messages (e.g. "data.orders[3]");
// `shop_id` is copied into the result.
result<domain::order> decode_order(std::string_view json, std::string_view shop_id = {},
                                   std::string_view path = "order");
// A product from Search Products or Get Product.
result<domain::product> decode_product(std::string_view json, std::string_view shop_id = {},
                                       std::string_view path = "product");
// A package from Search Package (`id`, `orders[]{id}`, `status`) or Get Package Detail
// (`package_id`, `package_status`, ...).
result<domain::package> decode_package(std::string_view json, std::string_view shop_id = {},
                                       std::string_view path = "package");
// A shop from Get Authorized Shops or Get Active Shops.
result<domain::shop> decode_shop(std::string_view json, std::string_view path = "shop");

}  // namespace kingkung::tiktok
