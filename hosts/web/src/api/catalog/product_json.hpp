// The JSON a product has in the catalog API: the list's summary and the detail (with the description).
#pragma once

#include <boost/json/object.hpp>

#include "kingkung/domain/catalog.hpp"

namespace kingkung::web::catalog {

// {"shop_id","id","title","status","audit_status","skus":[{"id","seller_sku","price","currency",
//  "inventory":[{"warehouse_id","quantity"}]}],"update_time"}
boost::json::object product_summary(const domain::product& p);
// The summary plus "description", "category_id", "brand_name" and "create_time".
boost::json::object product_detail(const domain::product& p);

}  // namespace kingkung::web::catalog
