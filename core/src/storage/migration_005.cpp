// Schema migration 5: order search. Indexes for the orders page (storage::order_search): each sort order
// and each status tab reads one shop's index range in order, and a SKU search finds lines by seller SKU.
//   - update_time and total sorts, with and without a status: (shop_id, [status,] key, id);
//   - seller SKU search: order_lines (shop_id, seller_sku).
// The create_time sorts use the initial schema's orders_by_shop_created and orders_by_shop_status_created.
// SQLite statements are safe to re-run (CREATE INDEX IF NOT EXISTS). MySQL has no IF NOT EXISTS for
// indexes (MariaDB does, MySQL does not), so each table gets its indexes in one ALTER TABLE statement:
// it applies whole or not at all.
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_005;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE INDEX IF NOT EXISTS orders_by_shop_updated_id ON orders (shop_id, update_time, id);
CREATE INDEX IF NOT EXISTS orders_by_shop_total ON orders (shop_id, total_amount, id);
CREATE INDEX IF NOT EXISTS orders_by_shop_status_updated ON orders (shop_id, status, update_time, id);
CREATE INDEX IF NOT EXISTS orders_by_shop_status_total ON orders (shop_id, status, total_amount, id);
CREATE INDEX IF NOT EXISTS order_lines_by_seller_sku ON order_lines (shop_id, seller_sku);
)sql";

constexpr std::string_view mysql_sql = R"sql(
ALTER TABLE orders
  ADD KEY orders_by_shop_updated_id (shop_id, update_time, id),
  ADD KEY orders_by_shop_total (shop_id, total_amount, id),
  ADD KEY orders_by_shop_status_updated (shop_id, status, update_time, id),
  ADD KEY orders_by_shop_status_total (shop_id, status, total_amount, id);
ALTER TABLE order_lines
  ADD KEY order_lines_by_seller_sku (shop_id, seller_sku(64));
)sql";

}  // namespace

const migration migration_005{5, "order search", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
