#include <soci/soci.h>

#include "kingkung/storage/catalog_repository.hpp"
#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"
#include "storage/sku_reader.hpp"
#include "storage/text_checks.hpp"

namespace kingkung::storage {
namespace {

constexpr std::size_t max_id = 64;

result<void> check_product(const domain::product& p) {
  constexpr std::string_view op = "products.upsert";
  if (auto problem = detail::length_problem("shop id", p.shop_id, max_id); !problem.empty())
    return detail::invalid(op, problem);
  if (auto problem = detail::length_problem("product id", p.id, max_id); !problem.empty())
    return detail::invalid(op, problem);
  for (const auto& s : p.skus) {
    if (auto problem = detail::length_problem("SKU id of product " + p.id, s.id, max_id); !problem.empty())
      return detail::invalid(op, problem);
    for (const auto& level : s.inventory)
      if (auto problem =
              detail::length_problem("warehouse id of SKU " + s.id, level.warehouse_id, max_id, false);
          !problem.empty())
        return detail::invalid(op, problem);
  }
  return {};
}

void write_skus(soci::session& sql, backend kind, const domain::product& p, long long now) {
  std::string shop = p.shop_id, product = p.id;
  sql << "DELETE FROM skus WHERE shop_id = :shop_id AND product_id = :product_id", soci::use(shop),
      soci::use(product);
  for (const auto& s : p.skus) {
    std::string id = s.id, seller_sku = s.seller_sku, currency = s.currency, external = s.external_sku_id;
    std::string price = detail::money_to_column(kind, s.price);
    std::string tax_exclusive = detail::money_to_column(kind, s.tax_exclusive_price);
    // A SKU the platform moved to this product from another one.
    sql << "DELETE FROM skus WHERE shop_id = :shop_id AND id = :id", soci::use(shop), soci::use(id);
    sql << "INSERT INTO skus (shop_id, id, product_id, seller_sku, currency, price, tax_exclusive_price,"
           " external_sku_id) VALUES (:shop_id, :id, :product_id, :seller_sku, :currency, :price,"
           " :tax_exclusive_price, :external_sku_id)",
        soci::use(shop), soci::use(id), soci::use(product), soci::use(seller_sku), soci::use(currency),
        soci::use(price), soci::use(tax_exclusive), soci::use(external);
    for (const auto& level : s.inventory) {
      std::string warehouse = level.warehouse_id;
      long long quantity = level.quantity;
      sql << "DELETE FROM inventory WHERE shop_id = :shop_id AND sku_id = :sku_id AND warehouse_id = "
             ":warehouse_id",
          soci::use(shop), soci::use(id), soci::use(warehouse);
      sql << "INSERT INTO inventory (shop_id, sku_id, warehouse_id, quantity, updated_at)"
             " VALUES (:shop_id, :sku_id, :warehouse_id, :quantity, :updated_at)",
          soci::use(shop), soci::use(id), soci::use(warehouse), soci::use(quantity), soci::use(now);
    }
  }
}

}  // namespace

result<catalog_upsert_summary> product_repository::upsert(const std::vector<domain::product>& products) {
  return upsert(products, description_field::included);
}

result<catalog_upsert_summary> product_repository::upsert(const std::vector<domain::product>& products,
                                                          description_field description_given) {
  const bool replace_description = description_given == description_field::included;
  for (const auto& p : products)
    if (auto ok = check_product(p); !ok) return ok.err();
  return detail::in_transaction(
      db_, "products.upsert",
      [&](soci::session& sql) -> result<catalog_upsert_summary> {
        catalog_upsert_summary summary;
        long long now = detail::unix_now();
        for (const auto& p : products) {
          std::string shop = p.shop_id, id = p.id;
          long long stored_update = 0;
          soci::indicator ind = soci::i_ok;
          sql << "SELECT update_time FROM products WHERE shop_id = :shop_id AND id = :id",
              soci::into(stored_update, ind), soci::use(shop), soci::use(id);
          bool exists = sql.got_data();
          if (exists && stored_update > p.update_time) {
            ++summary.stale;
            continue;
          }
          std::string title = p.title, status = p.status, audit = p.audit_status, category = p.category_id,
                      description = replace_description ? p.description : std::string(),
                      brand_id = p.brand_id, brand_name = p.brand_name,
                      regions = detail::strings_to_column(p.sales_regions), raw = p.raw_json;
          int draft = p.has_draft ? 1 : 0;
          long long created = p.create_time, updated = p.update_time;
          if (exists) {
            // Without a description in the snapshot the stored one is written back unchanged.
            int keep_description = replace_description ? 0 : 1;
            sql << "UPDATE products SET title = :title, status = :status, audit_status = :audit_status,"
                   " category_id = :category_id,"
                   " description = CASE WHEN :keep_description = 1 THEN description ELSE :description END,"
                   " brand_id = :brand_id,"
                   " brand_name = :brand_name, sales_regions = :sales_regions, has_draft = :has_draft,"
                   " create_time = :create_time, update_time = :update_time, raw_json = :raw_json"
                   " WHERE shop_id = :shop_id AND id = :id",
                soci::use(title), soci::use(status), soci::use(audit), soci::use(category),
                soci::use(keep_description), soci::use(description), soci::use(brand_id), soci::use(brand_name),
                soci::use(regions), soci::use(draft), soci::use(created), soci::use(updated), soci::use(raw),
                soci::use(shop), soci::use(id);
            ++summary.updated;
          } else {
            sql << "INSERT INTO products (shop_id, id, title, status, audit_status, category_id, description,"
                   " brand_id, brand_name, sales_regions, has_draft, create_time, update_time, raw_json)"
                   " VALUES (:shop_id, :id, :title, :status, :audit_status, :category_id, :description, "
                   ":brand_id,"
                   " :brand_name, :sales_regions, :has_draft, :create_time, :update_time, :raw_json)",
                soci::use(shop), soci::use(id), soci::use(title), soci::use(status), soci::use(audit),
                soci::use(category), soci::use(description), soci::use(brand_id), soci::use(brand_name),
                soci::use(regions), soci::use(draft), soci::use(created), soci::use(updated), soci::use(raw);
            ++summary.inserted;
          }
          write_skus(sql, db_.kind(), p, now);
        }
        return summary;
      },
      {.attempts = 3, .retry_duplicate_key = true});
}

result<std::optional<domain::product>> product_repository::get(std::string_view shop_id,
                                                               std::string_view product_id) {
  return detail::with_session(
      db_, "products.get", [&](soci::session& sql) -> result<std::optional<domain::product>> {
        domain::product p;
        p.shop_id = shop_id;
        p.id = product_id;
        std::string regions;
        int draft = 0;
        long long created = 0, updated = 0;
        sql << "SELECT title, status, audit_status, category_id, description, brand_id, brand_name, "
               "sales_regions,"
               " has_draft, create_time, update_time, raw_json FROM products WHERE shop_id = :shop_id AND id "
               "= :id",
            soci::into(p.title), soci::into(p.status), soci::into(p.audit_status), soci::into(p.category_id),
            soci::into(p.description), soci::into(p.brand_id), soci::into(p.brand_name), soci::into(regions),
            soci::into(draft), soci::into(created), soci::into(updated), soci::into(p.raw_json),
            soci::use(p.shop_id), soci::use(p.id);
        if (!sql.got_data()) return std::optional<domain::product>();
        p.sales_regions = detail::strings_from_column(regions, "products.sales_regions");
        p.has_draft = draft != 0;
        p.create_time = created;
        p.update_time = updated;
        p.skus = detail::read_skus(sql, db_.kind(), p.shop_id, p.id);
        return std::optional<domain::product>(std::move(p));
      });
}

result<std::vector<std::string>> product_repository::ids(std::string_view shop_id) {
  return detail::with_session(
      db_, "products.ids", [&](soci::session& sql) -> result<std::vector<std::string>> {
        std::string shop(shop_id), id;
        std::vector<std::string> out;
        soci::statement st = (sql.prepare << "SELECT id FROM products WHERE shop_id = :shop_id ORDER BY id",
                              soci::into(id), soci::use(shop));
        st.execute();
        while (st.fetch()) out.push_back(id);
        return out;
      });
}

result<std::size_t> product_repository::count(std::string_view shop_id) {
  return detail::with_session(db_, "products.count", [&](soci::session& sql) -> result<std::size_t> {
    std::string shop(shop_id);
    long long n = 0;
    sql << "SELECT count(*) FROM products WHERE shop_id = :shop_id", soci::into(n), soci::use(shop);
    return static_cast<std::size_t>(n);
  });
}

}  // namespace kingkung::storage
