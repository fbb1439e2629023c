// Applies migrations and records them in schema_migrations.
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <string>

#include "kingkung/log/log.hpp"
#include "kingkung/storage/migrations.hpp"
#include "storage/column_codec.hpp"
#include "storage/session_guard.hpp"

namespace kingkung::storage {
namespace {

using plugin::errc;
using plugin::make_error;

constexpr std::string_view operation = "migrate";

void ensure_history_table(soci::session& sql, backend kind) {
  if (kind == backend::sqlite)
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL PRIMARY KEY,"
           " name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT";
  else
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INT NOT NULL, name VARCHAR(255) NOT NULL,"
           " applied_at BIGINT NOT NULL, PRIMARY KEY (version))"
           " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
}

bool history_table_exists(soci::session& sql, backend kind) {
  int n = 0;
  if (kind == backend::sqlite)
    sql << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(n);
  else
    sql << "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
           " AND table_name = 'schema_migrations'",
        soci::into(n);
  return n > 0;
}

std::map<int, std::string> applied_versions(soci::session& sql) {
  std::map<int, std::string> out;
  int version = 0;
  std::string name;
  soci::statement st = (sql.prepare << "SELECT version, name FROM schema_migrations ORDER BY version",
                        soci::into(version), soci::into(name));
  st.execute();
  while (st.fetch()) out[version] = name;
  return out;
}

// Serialises migrate() across processes on MySQL for as long as it lives (SQLite serialises through
// BEGIN IMMEDIATE instead). The server drops the lock by itself if the connection dies.
class migration_lock {
 public:
  explicit migration_lock(soci::session& sql) : sql_(sql) {}
  migration_lock(const migration_lock&) = delete;
  migration_lock& operator=(const migration_lock&) = delete;
  bool acquire() {
    int got = 0;
    soci::indicator ind = soci::i_ok;
    sql_ << "SELECT GET_LOCK(LEFT(CONCAT('kingkung_migrate_', DATABASE()), 64), 60)", soci::into(got, ind);
    held_ = ind == soci::i_ok && got == 1;
    return held_;
  }
  ~migration_lock() {
    if (!held_) return;
    try {
      int released = 0;
      soci::indicator ind = soci::i_ok;
      sql_ << "SELECT RELEASE_LOCK(LEFT(CONCAT('kingkung_migrate_', DATABASE()), 64))",
          soci::into(released, ind);
    } catch (...) {  // the connection is gone, and the lock with it
    }
  }

 private:
  soci::session& sql_;
  bool held_ = false;
};

std::string describe(const migration& m) {
  return "migration " + std::to_string(m.version) + " (" + std::string(m.name) + ")";
}

std::string excerpt(const std::string& statement) {
  std::string one_line;
  for (char c : statement) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (c == ' ' && !one_line.empty() && one_line.back() == ' ') continue;
    one_line += c;
  }
  return one_line.size() > 70 ? one_line.substr(0, 67) + "..." : one_line;
}

std::string error_text(const std::exception& e) {
  if (auto* s = dynamic_cast<const soci::soci_error*>(&e)) return s->get_error_message();
  return e.what();
}

void record(soci::session& sql, const migration& m) {
  std::string name(m.name);
  long long now = detail::unix_now();
  sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:version, :name, :applied_at)",
      soci::use(m.version), soci::use(name), soci::use(now);
}

// True when applied; false when another process applied it first (SQLite). Errors name the statement.
result<bool> apply_one(database& db, soci::session& sql, const migration& m, int current_version) {
  auto statements = split_sql_statements(db.kind() == backend::sqlite ? m.sqlite_sql : m.mysql_sql);
  auto failed = [&](std::size_t i, const std::exception& e) {
    std::string text = std::string(operation) + ": " + describe(m) + " failed at statement " +
                       std::to_string(i + 1) + " of " + std::to_string(statements.size()) + " (\"" +
                       excerpt(statements[i]) + "\"): " + error_text(e);
    if (db.kind() == backend::sqlite)
      text += "; it was rolled back and the database stays at version " + std::to_string(current_version);
    else if (i > 0)
      text +=
          "; MySQL cannot roll back schema changes, so the statements before it stay applied; they are safe "
          "to run again: fix the cause and run `kingkung migrate` again";
    return make_error(detail::classify(e).code, db.redact(text));
  };

  if (db.kind() == backend::sqlite) {
    detail::write_transaction tx(sql, backend::sqlite);
    int present = 0;
    sql << "SELECT count(*) FROM schema_migrations WHERE version = :version", soci::use(m.version),
        soci::into(present);
    if (present > 0) return false;
    for (std::size_t i = 0; i < statements.size(); ++i) {
      try {
        sql << statements[i];
      } catch (const soci::soci_error& e) {
        return failed(i, e);
      }
    }
    record(sql, m);
    tx.commit();
    return true;
  }
  for (std::size_t i = 0; i < statements.size(); ++i) {
    try {
      sql << statements[i];
    } catch (const soci::soci_error& e) {
      return failed(i, e);
    }
  }
  record(sql, m);
  return true;
}

result<void> check_list(std::span<const migration> migrations) {
  int expected = 1;
  for (const auto& m : migrations) {
    if (m.version != expected)
      return make_error(errc::internal, std::string(operation) +
                                            ": the migration list is out of order: expected "
                                            "version " +
                                            std::to_string(expected) + ", found " +
                                            std::to_string(m.version) + " (" + std::string(m.name) + ")");
    ++expected;
  }
  return {};
}

}  // namespace

std::vector<std::string> split_sql_statements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto first = current.find_first_not_of(" \t\r\n");
    if (first != std::string::npos) {
      auto last = current.find_last_not_of(" \t\r\n");
      out.push_back(current.substr(first, last - first + 1));
    }
    current.clear();
  };
  for (std::size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      // A quoted literal or name, with doubled quotes as escapes.
      current += c;
      for (++i; i < sql.size(); ++i) {
        current += sql[i];
        if (sql[i] == c) {
          if (i + 1 < sql.size() && sql[i + 1] == c) {
            current += sql[++i];
            continue;
          }
          break;
        }
      }
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      auto end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? sql.size() : end + 1;
      current += ' ';
    } else if (c == ';') {
      flush();
    } else {
      current += c;
    }
  }
  flush();
  return out;
}

result<migration_report> migrate(database& db) {
  return migrate(db, known_migrations());
}

result<migration_report> migrate(database& db, std::span<const migration> migrations) {
  if (auto ok = check_list(migrations); !ok) return ok.err();
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  return detail::with_session(db, operation, [&](soci::session& sql) -> result<migration_report> {
    migration_lock lock(sql);
    if (db.kind() == backend::mysql && !lock.acquire())
      return make_error(errc::unavailable, std::string(operation) + ": another process has been migrating " +
                                               db.describe() + " for 60 s; try again when it is done");
    ensure_history_table(sql, db.kind());
    auto applied = applied_versions(sql);

    migration_report report;
    report.from_version = applied.empty() ? 0 : applied.rbegin()->first;
    if (report.from_version > latest)
      return make_error(errc::failed_precondition,
                        std::string(operation) + ": the database " + db.describe() +
                            " is at schema version " + std::to_string(report.from_version) + " (\"" +
                            applied.rbegin()->second +
                            "\"), newer than this build of kingkung knows (latest " + std::to_string(latest) +
                            "); it was changed by a newer release: run that release, or point this one at "
                            "another database. Nothing was changed");

    int current = report.from_version;
    for (const auto& m : migrations) {
      if (applied.count(m.version) != 0) {
        if (applied[m.version] != m.name)
          log::warn("storage", describe(m) + " is recorded under the name \"" + applied[m.version] + "\"");
        continue;
      }
      auto outcome = apply_one(db, sql, m, current);
      if (!outcome) return std::move(outcome).err();
      if (*outcome) {
        report.applied.push_back({m.version, std::string(m.name)});
        log::info("storage", "applied " + describe(m) + " to " + db.describe());
      }
      current = std::max(current, m.version);
    }
    report.to_version = current;
    return report;
  });
}

result<int> schema_version(database& db) {
  return detail::with_session(db, "schema_version", [&](soci::session& sql) -> result<int> {
    if (!history_table_exists(sql, db.kind())) return 0;
    int version = 0;
    soci::indicator ind = soci::i_ok;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

}  // namespace kingkung::storage
