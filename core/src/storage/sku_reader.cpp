#include "storage/sku_reader.hpp"

#include <soci/soci.h>

#include "storage/column_codec.hpp"

namespace kingkung::storage::detail {

std::vector<domain::sku> read_skus(soci::session& sql, backend kind, const std::string& shop_id,
                                   const std::string& product_id) {
  std::vector<domain::sku> out;
  domain::sku s;
  std::string price, tax_exclusive;
  soci::statement skus =
      (sql.prepare << "SELECT id, seller_sku, currency, price, tax_exclusive_price, external_sku_id"
                      " FROM skus WHERE shop_id = :shop_id AND product_id = :product_id ORDER BY id",
       soci::into(s.id), soci::into(s.seller_sku), soci::into(s.currency), soci::into(price),
       soci::into(tax_exclusive), soci::into(s.external_sku_id), soci::use(shop_id), soci::use(product_id));
  skus.execute();
  while (skus.fetch()) {
    s.price = money_from_column(kind, price, "skus.price");
    s.tax_exclusive_price = money_from_column(kind, tax_exclusive, "skus.tax_exclusive_price");
    out.push_back(s);
  }
  for (auto& sku : out) {
    domain::inventory_level level;
    long long quantity = 0;
    soci::statement inv =
        (sql.prepare << "SELECT warehouse_id, quantity FROM inventory"
                        " WHERE shop_id = :shop_id AND sku_id = :sku_id ORDER BY warehouse_id",
         soci::into(level.warehouse_id), soci::into(quantity), soci::use(shop_id), soci::use(sku.id));
    inv.execute();
    while (inv.fetch()) {
      level.quantity = quantity;
      sku.inventory.push_back(level);
    }
  }
  return out;
}

}  // namespace kingkung::storage::detail
