#include "kingkung/markets/order_view.hpp"

#include <algorithm>

namespace kingkung::markets {

plugin::order_view to_order_view(const domain::order& order, const domain::shop& shop) {
  plugin::order_view v;
  v.shop_id = shop.id;
  v.order_id = order.id;
  v.region = shop.region;
  v.seller_type = shop.seller_type;
  v.status = order.status_text.empty() ? std::string(domain::to_string(order.status)) : order.status_text;
  v.currency = order.pay.currency;
  v.total_amount = order.pay.total_amount.to_string();
  v.buyer_tax_id = order.cpf;
  v.lines.reserve(order.lines.size());
  for (const auto& line : order.lines) {
    plugin::order_line_view l;
    l.id = line.id;
    l.sku_id = line.sku_id;
    l.product_id = line.product_id;
    l.product_name = line.product_name;
    l.sku_name = line.sku_name;
    l.seller_sku = line.seller_sku;
    l.sale_price = line.sale_price.to_string();
    l.package_id = line.package_id;
    l.status = line.display_status;
    v.lines.push_back(std::move(l));
  }
  v.package_ids = order.package_ids;
  if (v.package_ids.empty()) {
    for (const auto& line : order.lines) {
      if (line.package_id.empty()) continue;
      if (std::find(v.package_ids.begin(), v.package_ids.end(), line.package_id) == v.package_ids.end())
        v.package_ids.push_back(line.package_id);
    }
  }
  v.raw_json = order.raw_json;
  return v;
}

}  // namespace kingkung::markets
