// The order as market modules see it (plugin::order_view): plain strings, money as decimal text in
// major units ("229.90").
#pragma once

#include "kingkung/domain/order.hpp"
#include "kingkung/domain/shop.hpp"
#include "kingkung/plugin/market_module.hpp"

namespace kingkung::markets {

// shop_id, region and seller_type come from the shop; status is the platform's text (or the parsed
// status when none was kept); buyer_tax_id is the order's CPF/CNPJ; package_ids are the order's, or
// those of its lines (first appearance order) when the order lists none.
plugin::order_view to_order_view(const domain::order& order, const domain::shop& shop);

}  // namespace kingkung::markets
