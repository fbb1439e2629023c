// Versioned migrations on both backends.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <array>
#include <set>
#include <thread>

#include "kingkung/storage/migrations.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::plugin::errc;
using kingkung::storage::backend;
namespace storage = kingkung::storage;

class StorageMigrations : public kingkung::test::database_test {
 protected:
  bool migrate_on_setup() const override { return false; }

  std::set<std::string> tables() {
    std::vector<std::string> names(200);
    auto session = db().acquire();
    if (is_sqlite())
      *session << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          soci::into(names);
    else
      *session << "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
          soci::into(names);
    return {names.begin(), names.end()};
  }

  int recorded_migrations() {
    int n = 0;
    *db().acquire() << "SELECT count(*) FROM schema_migrations", soci::into(n);
    return n;
  }
};

TEST_P(StorageMigrations, FreshDatabaseGetsEveryMigration) {
  auto report = storage::migrate(db());
  ASSERT_TRUE(report.ok()) << report.err().message;
  EXPECT_EQ(report->from_version, 0);
  EXPECT_EQ(report->to_version, storage::latest_schema_version());
  ASSERT_EQ(report->applied.size(), storage::known_migrations().size());
  EXPECT_EQ(report->applied.front().version, 1);
  EXPECT_EQ(report->applied.front().name, "initial schema");
}

TEST_P(StorageMigrations, CreatesEveryTableOfTheSchema) {
  ASSERT_TRUE(storage::migrate(db()).ok());
  auto have = tables();
  for (const char* t :
       {"schema_migrations", "sellers",        "users",       "sessions",    "shops",
        "shop_tokens",       "oauth_states",   "orders",      "order_lines", "order_status_history",
        "packages",          "package_orders", "products",    "skus",        "inventory",
        "invoices",          "webhook_events", "sync_state",  "leases",      "write_back_queue",
        "api_call_log",      "audit_log",      "module_state"})
    EXPECT_TRUE(have.count(t)) << "missing table " << t;
}

TEST_P(StorageMigrations, MigratingTwiceIsANoOp) {
  ASSERT_TRUE(storage::migrate(db()).ok());
  auto again = storage::migrate(db());
  ASSERT_TRUE(again.ok()) << again.err().message;
  EXPECT_TRUE(again->applied.empty());
  EXPECT_EQ(again->from_version, storage::latest_schema_version());
  EXPECT_EQ(again->to_version, storage::latest_schema_version());
  EXPECT_EQ(recorded_migrations(), static_cast<int>(storage::known_migrations().size()));
}

TEST_P(StorageMigrations, SchemaVersionIsZeroForAnEmptyDatabaseAndLatestAfterMigrating) {
  auto before = storage::schema_version(db());
  ASSERT_TRUE(before.ok()) << before.err().message;
  EXPECT_EQ(*before, 0);
  ASSERT_TRUE(storage::migrate(db()).ok());
  auto after = storage::schema_version(db());
  ASSERT_TRUE(after.ok()) << after.err().message;
  EXPECT_EQ(*after, storage::latest_schema_version());
}

TEST_P(StorageMigrations, RefusesADatabaseNewerThanThisBuild) {
  ASSERT_TRUE(storage::migrate(db()).ok());
  int future = storage::latest_schema_version() + 1;
  *db().acquire()
      << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, 'from the future', 0)",
      soci::use(future);

  auto refused = storage::migrate(db());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.err().code, errc::failed_precondition);
  const auto& m = refused.err().message;
  EXPECT_NE(m.find("version " + std::to_string(future)), std::string::npos) << m;
  EXPECT_NE(m.find("latest " + std::to_string(storage::latest_schema_version())), std::string::npos) << m;
  EXPECT_NE(m.find("from the future"), std::string::npos) << m;
  EXPECT_EQ(recorded_migrations(), static_cast<int>(storage::known_migrations().size()) + 1);
}

TEST_P(StorageMigrations, AppliesOnlyTheMissingOnesOfALongerList) {
  static constexpr std::array<storage::migration, 1> first{{
      {1, "one", "CREATE TABLE t1 (a INTEGER NOT NULL) STRICT",
       "CREATE TABLE IF NOT EXISTS t1 (a INT NOT NULL)"},
  }};
  static constexpr std::array<storage::migration, 2> both{{
      first[0],
      {2, "two", "CREATE TABLE t2 (b INTEGER NOT NULL) STRICT; CREATE INDEX t2_b ON t2 (b)",
       "CREATE TABLE IF NOT EXISTS t2 (b INT NOT NULL, KEY t2_b (b))"},
  }};
  ASSERT_TRUE(storage::migrate(db(), first).ok());
  auto second = storage::migrate(db(), both);
  ASSERT_TRUE(second.ok()) << second.err().message;
  ASSERT_EQ(second->applied.size(), 1u);
  EXPECT_EQ(second->applied[0].version, 2);
  EXPECT_EQ(second->from_version, 1);
  EXPECT_EQ(second->to_version, 2);
  EXPECT_TRUE(tables().count("t2"));
}

TEST_P(StorageMigrations, AFailingMigrationNamesItselfAndTheStatement) {
  static constexpr std::array<storage::migration, 1> broken{{
      {1, "broken on purpose", "CREATE TABLE ok1 (a INTEGER NOT NULL) STRICT; CREATE TABLE oops (",
       "CREATE TABLE IF NOT EXISTS ok1 (a INT NOT NULL); CREATE TABLE oops ("},
  }};
  auto failed = storage::migrate(db(), broken);
  ASSERT_FALSE(failed.ok());
  const auto& m = failed.err().message;
  EXPECT_NE(m.find("migration 1 (broken on purpose)"), std::string::npos) << m;
  EXPECT_NE(m.find("statement 2 of 2"), std::string::npos) << m;
  EXPECT_NE(m.find("CREATE TABLE oops"), std::string::npos) << m;
  auto version = storage::schema_version(db());
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 0);
}

TEST_P(StorageMigrations, RejectsAListWithAGap) {
  static constexpr std::array<storage::migration, 2> gap{{
      {1, "one", "SELECT 1", "SELECT 1"},
      {3, "three", "SELECT 1", "SELECT 1"},
  }};
  auto refused = storage::migrate(db(), gap);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.err().message.find("expected version 2, found 3"), std::string::npos)
      << refused.err().message;
}

TEST_P(StorageMigrations, TwoPoolsMigratingAtOnceApplyEachMigrationOnce) {
  auto other = storage::database::open(scratch().url(), 1);
  ASSERT_TRUE(other.ok()) << other.err().message;
  kingkung::storage::result<storage::migration_report> a = storage::migration_report{};
  kingkung::storage::result<storage::migration_report> b = storage::migration_report{};
  std::thread t([&] { a = storage::migrate(db()); });
  b = storage::migrate(**other);
  t.join();
  ASSERT_TRUE(a.ok()) << a.err().message;
  ASSERT_TRUE(b.ok()) << b.err().message;
  EXPECT_EQ(a->applied.size() + b->applied.size(), storage::known_migrations().size());
  EXPECT_EQ(recorded_migrations(), static_cast<int>(storage::known_migrations().size()));
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageMigrations);

// MySQL commits schema statements one by one, so only SQLite can take a failed migration back.
TEST(StorageMigrationsSqlite, AFailingMigrationLeavesNoTrace) {
  std::string why;
  auto scratch = kingkung::test::scratch_database::create(kingkung::test::test_backend::sqlite, why);
  ASSERT_TRUE(scratch) << why;
  static constexpr std::array<storage::migration, 1> broken{{
      {1, "broken on purpose", "CREATE TABLE ok1 (a INTEGER NOT NULL) STRICT; CREATE TABLE oops (", "unused"},
  }};
  auto failed = storage::migrate(scratch->db(), broken);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.err().message.find("rolled back"), std::string::npos) << failed.err().message;
  int tables = -1;
  *scratch->db().acquire() << "SELECT count(*) FROM sqlite_master WHERE name = 'ok1'", soci::into(tables);
  EXPECT_EQ(tables, 0);
}

TEST(StorageMigrationList, VersionsStartAtOneWithoutGaps) {
  int expected = 1;
  for (const auto& m : storage::known_migrations()) {
    EXPECT_EQ(m.version, expected++) << m.name;
    EXPECT_FALSE(m.sqlite_sql.empty()) << m.name;
    EXPECT_FALSE(m.mysql_sql.empty()) << m.name;
  }
  EXPECT_EQ(storage::latest_schema_version(), expected - 1);
}

TEST(StorageMigrationList, NoColumnStoresMoneyAsFloatingPoint) {
  for (const auto& m : storage::known_migrations()) {
    for (std::string_view sql : {m.sqlite_sql, m.mysql_sql}) {
      for (const char* word : {" REAL", " DOUBLE", " FLOAT"})
        EXPECT_EQ(sql.find(word), std::string_view::npos) << m.name << " uses" << word;
    }
  }
}

TEST(StorageSqlSplit, SplitsAtSemicolonsOutsideQuotesAndComments) {
  auto parts = storage::split_sql_statements(
      "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n-- a comment; still a comment\nCREATE INDEX i ON a (x); /* ; "
      "*/ ;\n");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "CREATE TABLE a (x TEXT DEFAULT 'a;b')");
  EXPECT_EQ(parts[1], "CREATE INDEX i ON a (x)");
}

TEST(StorageSqlSplit, KeepsDoubledQuotesInsideALiteral) {
  auto parts = storage::split_sql_statements("INSERT INTO t VALUES ('it''s; fine');SELECT 1");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], "INSERT INTO t VALUES ('it''s; fine')");
}

}  // namespace
