// Schema migration 2: sync. What the write-back queue needs beyond the initial schema: an idempotency key
// per shop (so an action enqueued twice is one item) and the platform's outcome per item (code, request
// id, when it finished). Kept in a companion table, one row per queue item, so the migration only
// creates tables and is safe to re-run on MySQL (see kingkung/storage/migrations.hpp for the conventions).
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_002;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE TABLE IF NOT EXISTS write_back_details (
  item_id INTEGER NOT NULL PRIMARY KEY REFERENCES write_back_queue (id) ON DELETE CASCADE,
  shop_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  error_code INTEGER NOT NULL DEFAULT 0,
  request_id TEXT NOT NULL DEFAULT '',
  finished_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (shop_id, idempotency_key)
) STRICT;
)sql";

constexpr std::string_view mysql_sql = R"sql(
CREATE TABLE IF NOT EXISTS write_back_details (
  item_id BIGINT NOT NULL,
  shop_id VARCHAR(64) NOT NULL,
  idempotency_key VARCHAR(128) NOT NULL,
  error_code BIGINT NOT NULL DEFAULT 0,
  request_id VARCHAR(128) NOT NULL DEFAULT '',
  finished_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (item_id),
  UNIQUE KEY write_back_details_key (shop_id, idempotency_key),
  CONSTRAINT write_back_details_item FOREIGN KEY (item_id) REFERENCES write_back_queue (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
)sql";

}  // namespace

const migration migration_002{2, "sync: write-back keys and outcomes", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
