// Schema migration 4: web sign-in. Statements are separated by ';' and safe to re-run (CREATE ... IF NOT
// EXISTS; see kingkung/storage/migrations.hpp for the conventions).
//
// sign_in_attempts: failed sign-ins, for throttling that holds across processes sharing the database.
// The email is kept only as a SHA-256 (lower-case hex) of its lower-case form.
#include "kingkung/storage/migrations.hpp"

namespace kingkung::storage {

extern const migration migration_004;

namespace {

constexpr std::string_view sqlite_sql = R"sql(
CREATE TABLE IF NOT EXISTS sign_in_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email_hash TEXT NOT NULL,
  address TEXT NOT NULL,
  failed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS sign_in_attempts_by_email ON sign_in_attempts (email_hash, address, failed_at);
CREATE INDEX IF NOT EXISTS sign_in_attempts_by_address ON sign_in_attempts (address, failed_at);
)sql";

constexpr std::string_view mysql_sql = R"sql(
CREATE TABLE IF NOT EXISTS sign_in_attempts (
  id BIGINT NOT NULL AUTO_INCREMENT,
  email_hash VARCHAR(64) NOT NULL,
  address VARCHAR(64) NOT NULL,
  failed_at BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY sign_in_attempts_by_email (email_hash, address, failed_at),
  KEY sign_in_attempts_by_address (address, failed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
)sql";

}  // namespace

const migration migration_004{4, "web sign-in throttling", sqlite_sql, mysql_sql};

}  // namespace kingkung::storage
