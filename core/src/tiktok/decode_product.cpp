#include <boost/json/serialize.hpp>

#include "kingkung/tiktok/decode.hpp"
#include "tiktok/decoders.hpp"

namespace kingkung::tiktok {
namespace detail {
namespace {

domain::sku read_sku(const reader& r) {
  domain::sku s;
  s.id = r.id_at("id");
  s.seller_sku = r.string_or("seller_sku");
  s.external_sku_id = r.id_or("external_sku_id");
  if (auto price = r.find("price")) {
    s.currency = price->string_or("currency");
    s.tax_exclusive_price = price->money_or("tax_exclusive_price");
    // The selling price: sale_price where given, else the tax-exclusive price, else amount (edit shape).
    if (auto sale = price->find("sale_price");
        sale && !(sale->value().is_string() && sale->value().get_string().empty())) {
      s.price = sale->as_money();
    } else if (price->find("tax_exclusive_price")) {
      s.price = s.tax_exclusive_price;
    } else {
      s.price = price->money_or("amount");
    }
  }
  for (const auto& level : r.items("inventory"))
    s.inventory.push_back({level.id_or("warehouse_id"), level.int_or("quantity")});
  return s;
}

// The leaf of the category chain (is_leaf), else the last element.
std::string leaf_category(const reader& r) {
  std::string last;
  for (const auto& c : r.items("category_chains")) {
    last = c.id_or("id");
    if (c.bool_or("is_leaf")) return last;
  }
  return last;
}

}  // namespace

domain::product read_product(const reader& r, std::string_view shop_id) {
  domain::product p;
  p.shop_id = std::string(shop_id);
  p.id = r.id_at("id");
  p.title = r.string_or("title");
  p.status = r.string_or("status");
  if (p.status.empty()) p.status = r.string_or("product_status");
  if (auto audit = r.find("audit")) p.audit_status = audit->string_or("status");
  p.category_id = leaf_category(r);
  p.create_time = r.int_or("create_time");
  p.update_time = r.int_or("update_time");
  for (const auto& sku : r.items("skus")) p.skus.push_back(read_sku(sku));
  p.description = r.string_or("description");
  if (auto brand = r.find("brand")) {
    p.brand_id = brand->id_or("id");
    p.brand_name = brand->string_or("name");
  }
  p.sales_regions = r.strings_or("sales_regions");
  p.has_draft = r.bool_or("has_draft");
  p.raw_json = to_json_text(r);
  return p;
}

}  // namespace detail

result<domain::product> decode_product(std::string_view json, std::string_view shop_id,
                                       std::string_view path) {
  return detail::decode_text<domain::product>(
      json, path, [&](const detail::reader& r) { return detail::read_product(r, shop_id); });
}

}  // namespace kingkung::tiktok
