// Schema migration 7: order_change_marks, one number per shop that every write of the shop's orders or
// order lines raises in the same transaction (storage/order_change_marks.hpp). A reader that saw the same
// marks twice knows nothing its orders list shows has changed in between, whichever process wrote: the
// web host keeps first pages of the orders list on that basis. The purge deletes a shop's mark with the
// shop; a shop connected again has a new connection time, which the kept pages are also checked against.
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_007;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE TABLE IF NOT EXISTS order_change_marks (
  shop_id TEXT NOT NULL PRIMARY KEY,
  mark INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

constexpr std::string_view mysql_sql = R"sql(
CREATE TABLE IF NOT EXISTS order_change_marks (
  shop_id VARCHAR(64) NOT NULL,
  mark BIGINT NOT NULL,
  PRIMARY KEY (shop_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
)sql";

}  // namespace

const migration migration_007{7, "order change marks", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
