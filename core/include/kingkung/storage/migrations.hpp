// Versioned schema migrations. Each migration has a version (1, 2, 3, ... with no gaps), a name, and
// its SQL for each backend; the database records what it applied in the table schema_migrations.
//
// Column conventions, the same in every migration:
//   - platform ids: VARCHAR(64) on MySQL, TEXT on SQLite; times: Unix seconds as BIGINT / INTEGER;
//   - money: DECIMAL(19,4) on MySQL, INTEGER ten-thousandths on SQLite (kingkung::decimal::units());
//     never REAL or DOUBLE;
//   - lists of strings: a JSON array in a TEXT column; flags: 0 or 1;
//   - MySQL tables are InnoDB with utf8mb4 and a binary collation (ids compare byte by byte, as on
//     SQLite); SQLite tables are STRICT (SQLite 3.37 or later), so a value of the wrong type is refused.
//
// MySQL commits every schema statement on its own, so a migration cannot be rolled back there: its
// statements are written to be re-run safely (CREATE ... IF NOT EXISTS, indexes inside CREATE TABLE).
// On SQLite each migration runs in one transaction.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kingkung/storage/database.hpp"

namespace kingkung::storage {

struct migration {
  int version = 0;
  std::string_view name;
  std::string_view sqlite_sql;  // statements separated by ';'
  std::string_view mysql_sql;
};

// The migrations this build knows, in version order.
std::span<const migration> known_migrations();
int latest_schema_version();

struct applied_migration {
  int version = 0;
  std::string name;
};

struct migration_report {
  int from_version = 0;                    // the highest version applied before
  int to_version = 0;                      // after
  std::vector<applied_migration> applied;  // what this call applied, in order; empty when up to date
};

// Applies every known migration the database lacks, in order, each in its own transaction where the
// backend allows, and records it. Safe to run again (and from two processes at once: they serialise).
// Refuses, changing nothing, a database that holds a version newer than this build knows
// (errc::failed_precondition). A failed migration stops there; the message names it and the statement.
result<migration_report> migrate(database& db);
// The same with another list (tests); versions must be strictly increasing from 1.
result<migration_report> migrate(database& db, std::span<const migration> migrations);

// The highest version recorded; 0 for an empty database.
result<int> schema_version(database& db);

// Splits migration SQL into statements at ';' outside quotes and comments. Blank statements are dropped.
std::vector<std::string> split_sql_statements(std::string_view sql);

}  // namespace kingkung::storage
