#include "api/catalog/product_json.hpp"

#include <boost/json/array.hpp>

namespace kingkung::web::catalog {

namespace json = boost::json;

json::object product_summary(const domain::product& p) {
  json::array skus;
  for (const auto& s : p.skus) {
    json::array inventory;
    for (const auto& level : s.inventory)
      inventory.push_back(json::object{{"warehouse_id", level.warehouse_id}, {"quantity", level.quantity}});
    skus.push_back(json::object{{"id", s.id},
                                {"seller_sku", s.seller_sku},
                                {"price", s.price.to_string(2)},
                                {"currency", s.currency},
                                {"inventory", std::move(inventory)}});
  }
  return {{"shop_id", p.shop_id},     {"id", p.id},
          {"title", p.title},         {"status", p.status},
          {"audit_status", p.audit_status}, {"skus", std::move(skus)},
          {"update_time", p.update_time}};
}

json::object product_detail(const domain::product& p) {
  auto o = product_summary(p);
  o["description"] = p.description;
  o["category_id"] = p.category_id;
  o["brand_name"] = p.brand_name;
  o["create_time"] = p.create_time;
  return o;
}

}  // namespace kingkung::web::catalog
