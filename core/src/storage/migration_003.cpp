// Schema migration 3: shop notices (authorisation about to expire, re-authorisation needed). Statements
// are separated by ';' and safe to re-run (CREATE ... IF NOT EXISTS; see kingkung/storage/migrations.hpp
// for the conventions).
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_003;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE TABLE IF NOT EXISTS shop_notices (
  shop_id TEXT NOT NULL REFERENCES shops (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('authorization_expiring', 'needs_reauthorization')),
  detail TEXT NOT NULL,
  due_at INTEGER NOT NULL DEFAULT 0,
  raised_at INTEGER NOT NULL,
  PRIMARY KEY (shop_id, kind)
) STRICT;
CREATE INDEX IF NOT EXISTS shop_notices_by_due ON shop_notices (due_at);
)sql";

constexpr std::string_view mysql_sql = R"sql(
CREATE TABLE IF NOT EXISTS shop_notices (
  shop_id VARCHAR(64) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  detail TEXT NOT NULL,
  due_at BIGINT NOT NULL DEFAULT 0,
  raised_at BIGINT NOT NULL,
  PRIMARY KEY (shop_id, kind),
  KEY shop_notices_by_due (due_at),
  CONSTRAINT shop_notices_shop FOREIGN KEY (shop_id) REFERENCES shops (id) ON DELETE CASCADE,
  CONSTRAINT shop_notices_kind CHECK (kind IN ('authorization_expiring', 'needs_reauthorization'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
)sql";

}  // namespace

const migration migration_003{3, "shop notices", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
