// Opening the pool, session settings, ping, and what happens when the database goes away.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <soci/soci.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "test_databases.hpp"

namespace {

using kingkung::plugin::errc;
namespace storage = kingkung::storage;
using kingkung::test::scratch_database;
using kingkung::test::test_backend;

// A loopback port that nothing listens on: bound for a moment to get a free number, then closed.
unsigned unused_loopback_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    ADD_FAILURE() << "cannot bind a loopback socket";
  unsigned port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

class StorageDatabase : public kingkung::test::database_test {};

TEST_P(StorageDatabase, PingSucceedsOnAnOpenDatabase) {
  auto ping = db().ping();
  EXPECT_TRUE(ping.ok()) << ping.err().message;
}

TEST_P(StorageDatabase, ReportsItsBackend) {
  EXPECT_EQ(db().kind(), is_sqlite() ? storage::backend::sqlite : storage::backend::mysql);
}

TEST_P(StorageDatabase, DescribeShowsWhereButNeverThePassword) {
  std::string text = db().describe();
  if (is_sqlite()) {
    EXPECT_EQ(text, "sqlite3:" + scratch().url().sqlite_path);
  } else {
    EXPECT_NE(text.find(scratch().url().host), std::string::npos) << text;
    EXPECT_NE(text.find("[redacted]"), std::string::npos) << text;
    EXPECT_EQ(text.find(scratch().url().password.reveal()), std::string::npos);
  }
}

TEST_P(StorageDatabase, OpenFailsClearlyWhenTheDatabaseCannotBeReached) {
  storage::database_url url;
  std::string where;
  std::string blocker_dir;
  if (is_sqlite()) {
    // A database "inside" a regular file can never be created.
    blocker_dir = scratch().url().sqlite_path + ".blocker";
    std::ofstream(blocker_dir) << "not a folder";
    auto parsed = storage::database_url::parse("sqlite3:" + blocker_dir + "/kk.db");
    ASSERT_TRUE(parsed.ok());
    url = std::move(*parsed);
    where = blocker_dir;
  } else {
    unsigned port = unused_loopback_port();
    auto parsed = storage::database_url::parse(
        "mysql://kingkung:TOPSECRET-PW@127.0.0.1:" + std::to_string(port) + "/kk");
    ASSERT_TRUE(parsed.ok());
    url = std::move(*parsed);
    where = "127.0.0.1:" + std::to_string(port);
  }
  auto opened = storage::database::open(url, 2);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::unavailable);
  EXPECT_NE(opened.err().message.find("cannot open database"), std::string::npos) << opened.err().message;
  EXPECT_NE(opened.err().message.find(where), std::string::npos) << opened.err().message;
  EXPECT_EQ(opened.err().message.find("TOPSECRET-PW"), std::string::npos) << opened.err().message;
}

TEST_P(StorageDatabase, RejectsAPoolSizeOfZero) {
  auto opened = storage::database::open(scratch().url(), 0);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.err().code, errc::invalid_argument);
}

TEST_P(StorageDatabase, EnforcesForeignKeys) {
  auto session = db().acquire();
  EXPECT_THROW(*session << "INSERT INTO users (seller_id, email, password_hash, role, locale, created_at)"
                           " VALUES (424242, 'a@example.com', '$x', 'owner', 'en', 0)",
               soci::soci_error);
}

TEST_P(StorageDatabase, EveryPooledSessionCanBeHeldAtOnce) {
  std::vector<storage::database::lease> held;
  for (std::size_t i = 0; i < db().pool_size(); ++i) held.push_back(db().acquire());
  std::set<soci::session*> distinct;
  for (auto& l : held) distinct.insert(&*l);
  EXPECT_EQ(distinct.size(), db().pool_size());
}

KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageDatabase);

TEST(StorageSqlite, EverySessionHasTheRequiredPragmas) {
  std::string why;
  auto scratch = scratch_database::create(test_backend::sqlite, why, 3);
  ASSERT_TRUE(scratch) << why;
  std::vector<storage::database::lease> held;
  for (int i = 0; i < 3; ++i) held.push_back(scratch->db().acquire());
  for (auto& session : held) {
    std::string journal;
    int foreign_keys = -1, busy_timeout = -1, synchronous = -1;
    *session << "PRAGMA journal_mode", soci::into(journal);
    *session << "PRAGMA foreign_keys", soci::into(foreign_keys);
    *session << "PRAGMA busy_timeout", soci::into(busy_timeout);
    *session << "PRAGMA synchronous", soci::into(synchronous);
    EXPECT_EQ(journal, "wal");
    EXPECT_EQ(foreign_keys, 1);
    EXPECT_EQ(busy_timeout, 5000);
    EXPECT_EQ(synchronous, 1);  // NORMAL
  }
}

TEST(StorageSqlite, CreatesTheFolderOfANewDatabaseFile) {
  std::string why;
  auto scratch = scratch_database::create(test_backend::sqlite, why);
  ASSERT_TRUE(scratch) << why;
  auto parent = std::filesystem::path(scratch->url().sqlite_path).parent_path();
  auto url = storage::database_url::parse("sqlite3:" + (parent / "nested" / "deeper" / "kk.db").string());
  ASSERT_TRUE(url.ok());
  auto opened = storage::database::open(*url, 1);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_TRUE(std::filesystem::exists(parent / "nested" / "deeper" / "kk.db"));
}

TEST(StorageSqlite, OpensAPathWithSpacesAndEqualsSigns) {
  std::string why;
  auto scratch = scratch_database::create(test_backend::sqlite, why);
  ASSERT_TRUE(scratch) << why;
  auto parent = std::filesystem::path(scratch->url().sqlite_path).parent_path();
  auto file = parent / "my shop=1" / "kk db.sqlite";
  auto url = storage::database_url::parse("sqlite3:" + file.string());
  ASSERT_TRUE(url.ok());
  auto opened = storage::database::open(*url, 1);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  ASSERT_TRUE(storage::migrate(**opened).ok());
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(StorageSqlite, InMemoryDatabaseUsesOneSession) {
  auto url = storage::database_url::parse("sqlite3::memory:");
  ASSERT_TRUE(url.ok());
  auto opened = storage::database::open(*url, 4);
  ASSERT_TRUE(opened.ok()) << opened.err().message;
  EXPECT_EQ((*opened)->pool_size(), 1u);
  EXPECT_TRUE(storage::migrate(**opened).ok());
}

// The MariaDB server closes our connections (as on a restart or after wait_timeout).
class StorageMysql : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    scratch_ = scratch_database::create(test_backend::mysql, why, 1);
    ASSERT_TRUE(scratch_) << why;
    ASSERT_TRUE(storage::migrate(scratch_->db()).ok());
  }

  long long connection_id() {
    long long id = 0;
    *scratch_->db().acquire() << "SELECT CONNECTION_ID()", soci::into(id);
    return id;
  }

  void kill_our_connection() {
    long long id = connection_id();
    auto killer = storage::database::open(scratch_->url(), 1);
    ASSERT_TRUE(killer.ok()) << killer.err().message;
    *(*killer)->acquire() << "KILL CONNECTION " + std::to_string(id);
  }

  std::unique_ptr<scratch_database> scratch_;
};

TEST_F(StorageMysql, PingFailsClearlyOnceThenTheSessionIsReconnected) {
  long long before = connection_id();
  kill_our_connection();
  auto first = scratch_->db().ping();
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.err().code, errc::unavailable);
  EXPECT_NE(first.err().message.find("database ping failed"), std::string::npos) << first.err().message;
  EXPECT_NE(first.err().message.find(scratch_->db().describe()), std::string::npos) << first.err().message;

  auto second = scratch_->db().ping();
  EXPECT_TRUE(second.ok()) << second.err().message;
  EXPECT_NE(connection_id(), before);
}

TEST_F(StorageMysql, ARepositoryReportsTheLostConnectionAndWorksOnTheNextCall) {
  storage::token_repository tokens(scratch_->db());
  ASSERT_TRUE(tokens.put({"shop-1", "access", "sealed", 1, 1}).ok());
  kill_our_connection();
  auto lost = tokens.all();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.err().code, errc::unavailable);
  EXPECT_EQ(lost.err().message.rfind("tokens.all: database unavailable", 0), 0u) << lost.err().message;

  auto again = tokens.all();
  ASSERT_TRUE(again.ok()) << again.err().message;
  EXPECT_EQ(again->size(), 1u);
}

TEST_F(StorageMysql, SessionsUseUtf8mb4AndStrictMode) {
  std::string charset, mode, isolation;
  auto session = scratch_->db().acquire();
  *session << "SELECT @@character_set_connection", soci::into(charset);
  *session << "SELECT @@SESSION.sql_mode", soci::into(mode);
  *session << "SELECT @@SESSION.tx_isolation", soci::into(isolation);
  EXPECT_EQ(charset, "utf8mb4");
  EXPECT_NE(mode.find("STRICT_ALL_TABLES"), std::string::npos) << mode;
  EXPECT_EQ(isolation, "READ-COMMITTED");
}

}  // namespace
