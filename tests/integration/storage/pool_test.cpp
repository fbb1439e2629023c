// The SQLite pool under the web host's load: WAL lets readers go on while a writer holds the write lock,
// and reading a session that was touched less than a minute ago takes no write lock at all.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "kingkung/storage/database.hpp"
#include "kingkung/storage/seller_repository.hpp"
#include "kingkung/storage/session_repository.hpp"
#include "kingkung/storage/user_repository.hpp"
#include "test_databases.hpp"

namespace {

using namespace kingkung;

constexpr std::int64_t t0 = 1'800'000'000;
constexpr std::int64_t idle = 30 * 60;

class StoragePool : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    scratch_ = test::scratch_database::create(test::test_backend::sqlite, why, 3);
    ASSERT_TRUE(scratch_ != nullptr) << why;
    auto migrated = storage::migrate(db());
    ASSERT_TRUE(migrated.ok()) << migrated.err().message;
  }
  storage::database& db() { return scratch_->db(); }

  std::int64_t a_user() {
    auto seller = storage::seller_repository(db()).create("Acme");
    EXPECT_TRUE(seller.ok());
    domain::user u;
    u.seller_id = seller->id;
    u.email = "ana@acme.example";
    u.password_hash = "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA";
    auto added = storage::user_repository(db()).add(u);
    EXPECT_TRUE(added.ok());
    return added->id;
  }

  std::unique_ptr<test::scratch_database> scratch_;
};

TEST_F(StoragePool, TheDatabaseRunsInWalModeWithSeveralConnections) {
  std::string mode;
  *db().acquire() << "PRAGMA journal_mode", soci::into(mode);
  EXPECT_EQ(mode, "wal");
  EXPECT_EQ(db().pool_size(), 3u);
}

TEST_F(StoragePool, AReaderIsNotBlockedByAnOpenWriteTransaction) {
  *db().acquire() << "CREATE TABLE pool_probe (n INTEGER NOT NULL)";
  *db().acquire() << "INSERT INTO pool_probe (n) VALUES (1)";
  auto writer = db().acquire();
  *writer << "BEGIN IMMEDIATE";
  *writer << "INSERT INTO pool_probe (n) VALUES (2)";
  long long seen = -1;
  *db().acquire() << "SELECT count(*) FROM pool_probe", soci::into(seen);
  EXPECT_EQ(seen, 1) << "the reader sees the last committed state while the write is open";
  *writer << "COMMIT";
  *db().acquire() << "SELECT count(*) FROM pool_probe", soci::into(seen);
  EXPECT_EQ(seen, 2);
}

TEST_F(StoragePool, ReadingARecentlyTouchedSessionNeedsNoWriteLock) {
  storage::session_repository sessions(db());
  auto created = sessions.create(a_user(), t0, 12 * 3600);
  ASSERT_TRUE(created.ok()) << created.err().message;
  auto writer = db().acquire();
  *writer << "BEGIN IMMEDIATE";  // holds SQLite's one write lock
  auto found =
      sessions.find(created->id.reveal(), t0 + storage::session_repository::touch_interval_seconds - 1, idle);
  *writer << "ROLLBACK";
  ASSERT_TRUE(found.ok()) << found.err().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->last_seen_at, t0);
}

}  // namespace
