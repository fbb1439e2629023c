// Schema migration 6: the orders page without reading every order.
//   - order_status_counters: orders per (shop, status), kept by order_repository in the transaction that
//     changes the orders (storage/order_status_counters.hpp); the status tabs read these rows. Filled here
//     from the orders already stored.
//   - Search of buyer emails and recipient names through an index (storage/order_text_fts.hpp):
//     SQLite: order_search_text, an FTS5 table with the trigram tokenizer (substrings of three characters
//     or more), one row per order under the order's rowid, written by order_repository; filled here.
//     MySQL: a FULLTEXT index (words, prefix search) on a stored generated column, so the server keeps it;
//     the column's collation is case-insensitive, since the index compares words by the column's
//     collation. Stopwords are turned off for the index (they are read when it is created), so every word
//     of an email or name can be found.
// Re-running is safe: IF NOT EXISTS, INSERT OR IGNORE / INSERT IGNORE, and one ALTER TABLE for the
// column and its index (see kingkung/storage/migrations.hpp).
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_006;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE TABLE IF NOT EXISTS order_status_counters (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  order_count INTEGER NOT NULL,
  PRIMARY KEY (shop_id, status)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO order_status_counters (shop_id, status, order_count)
  SELECT shop_id, status, count(*) FROM orders GROUP BY shop_id, status;
CREATE VIRTUAL TABLE IF NOT EXISTS order_search_text USING fts5(
  shop_id UNINDEXED, order_id UNINDEXED, buyer_email, recipient_name, tokenize = 'trigram', detail = 'none');
DELETE FROM order_search_text;
INSERT INTO order_search_text (rowid, shop_id, order_id, buyer_email, recipient_name)
  SELECT rowid, shop_id, id, buyer_email, recipient_name FROM orders;
)sql";

constexpr std::string_view mysql_sql = R"sql(
CREATE TABLE IF NOT EXISTS order_status_counters (
  shop_id VARCHAR(64) NOT NULL,
  status VARCHAR(32) NOT NULL,
  order_count BIGINT NOT NULL,
  PRIMARY KEY (shop_id, status),
  CONSTRAINT order_status_counters_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO order_status_counters (shop_id, status, order_count)
  SELECT shop_id, status, count(*) FROM orders GROUP BY shop_id, status;
SET SESSION innodb_ft_enable_stopword = 0;
ALTER TABLE orders
  ADD COLUMN search_text TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci
    AS (CONCAT(buyer_email, ' ', recipient_name)) STORED,
  ADD FULLTEXT KEY orders_search_text (search_text);
)sql";

}  // namespace

const migration migration_006{6, "order status counters and buyer text search", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
