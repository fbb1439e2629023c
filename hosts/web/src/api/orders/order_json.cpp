#include "api/orders/order_json.hpp"

#include <boost/json/array.hpp>

namespace kingkung::web::orders {

namespace json = boost::json;

std::string money_text(decimal d) {
  return d.to_string(2);
}

json::object summary_json(const storage::order_summary& s, const domain::shop& shop) {
  json::object o;
  o["shop_id"] = s.shop_id;
  o["shop_name"] = shop.name;
  o["region"] = shop.region;
  o["id"] = s.id;
  o["status"] = domain::to_string(s.status);
  o["create_time"] = s.create_time;
  o["update_time"] = s.update_time;
  o["buyer"] = json::object{{"user_id", s.buyer_user_id}, {"name", s.buyer_name}};
  o["total"] = money_text(s.total);
  o["currency"] = s.currency;
  o["items"] = s.items;
  if (s.first_item)
    o["first_item"] = json::object{{"product_name", s.first_item->product_name},
                                   {"sku_id", s.first_item->sku_id},
                                   {"seller_sku", s.first_item->seller_sku},
                                   {"image_url", s.first_item->image_url}};
  else
    o["first_item"] = nullptr;
  o["tracking_number"] = s.tracking_number;
  o["shipping_due_time"] = s.shipping_due_time;
  o["is_on_hold"] = s.on_hold;
  return o;
}

storage::order_summary summary_of(const domain::order& o) {
  storage::order_summary s;
  s.shop_id = o.shop_id;
  s.id = o.id;
  s.status = o.status;
  s.create_time = o.create_time;
  s.update_time = o.update_time;
  s.buyer_user_id = o.buyer_user_id;
  s.buyer_name = o.recipient.name;
  s.total = o.pay.total_amount;
  s.currency = o.pay.currency;
  s.items = static_cast<std::int64_t>(o.lines.size());
  if (!o.lines.empty()) {
    const auto& l = o.lines.front();
    s.first_item = storage::order_item_summary{l.product_name, l.sku_id, l.seller_sku, l.sku_image};
  }
  s.tracking_number = o.tracking_number;
  s.shipping_due_time = o.shipping_due_time;
  s.on_hold = o.is_on_hold_order;
  return s;
}

json::object detail_json(const domain::order& o, const domain::shop& shop, const std::vector<package_view>& packages,
                         const std::vector<storage::order_status_change>& timeline) {
  json::object d = summary_json(summary_of(o), shop);
  json::array lines;
  for (const auto& l : o.lines)
    lines.push_back(json::object{{"id", l.id},
                                 {"product_id", l.product_id},
                                 {"product_name", l.product_name},
                                 {"sku_id", l.sku_id},
                                 {"seller_sku", l.seller_sku},
                                 {"sku_name", l.sku_name},
                                 {"quantity", 1},
                                 {"sale_price", money_text(l.sale_price)},
                                 {"original_price", money_text(l.original_price)},
                                 {"image_url", l.sku_image},
                                 {"package_id", l.package_id},
                                 {"status", l.display_status}});
  d["lines"] = std::move(lines);
  d["payment"] = json::object{{"sub_total", money_text(o.pay.sub_total)},
                              {"shipping_fee", money_text(o.pay.shipping_fee)},
                              {"seller_discount", money_text(o.pay.seller_discount)},
                              {"platform_discount", money_text(o.pay.platform_discount)},
                              {"tax", money_text(o.pay.tax)},
                              {"total", money_text(o.pay.total_amount)},
                              {"currency", o.pay.currency}};
  // As stored: the platform masks the phone and address before they reach us.
  d["recipient"] = json::object{{"name", o.recipient.name},
                                {"phone_masked", o.recipient.phone_number},
                                {"address", o.recipient.full_address},
                                {"region_code", o.recipient.region_code}};
  json::array package_list;
  for (const auto& p : packages)
    package_list.push_back(json::object{{"id", p.id},
                                        {"status", p.status},
                                        {"tracking_number", p.tracking_number},
                                        {"shipping_provider", p.shipping_provider}});
  d["packages"] = std::move(package_list);
  json::array changes;
  for (const auto& c : timeline)
    changes.push_back(json::object{{"status", c.to_status}, {"from_status", c.from_status}, {"at", c.at}});
  d["timeline"] = std::move(changes);
  d["buyer_message"] = o.buyer_message;
  d["seller_note"] = o.seller_note;
  return d;
}

}  // namespace kingkung::web::orders
