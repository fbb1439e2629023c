// Fresh databases for tests that run on both backends.
//
//   class StorageThing : public kingkung::test::database_test {};
//   TEST_P(StorageThing, DoesIt) { use db(); }
//   KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(StorageThing);
//
// Each test gets its own database, migrated unless the fixture overrides migrate_on_setup():
//   - SQLite: a file in a new temporary folder, removed afterwards;
//   - MariaDB: CREATE DATABASE kk_<random> on the server named by KINGKUNG_TEST_MYSQL_URL (scripts/test
//     starts a private one and sets it), dropped afterwards. Without that variable the MariaDB case fails,
//     saying how to get one: it is never skipped silently.
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <random>
#include <string>

#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"

namespace kingkung::test {

enum class test_backend { sqlite, mysql };

inline constexpr const char* mysql_url_variable = "KINGKUNG_TEST_MYSQL_URL";

inline std::string backend_name(test_backend b) {
  return b == test_backend::sqlite ? "SQLite" : "MariaDB";
}
inline std::string backend_name(const ::testing::TestParamInfo<test_backend>& info) {
  return backend_name(info.param);
}
inline void PrintTo(test_backend b, std::ostream* os) {
  *os << backend_name(b);
}

// Random lower-case hex, for names that must not collide between test processes running at once.
inline std::string random_hex(std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::random_device rd;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += digits[rd() % 16];
  return out;
}

// The MariaDB server for tests, or an error saying how to get one.
inline storage::result<storage::database_url> test_server_url() {
  const char* value = std::getenv(mysql_url_variable);
  if (value == nullptr || *value == '\0')
    return plugin::make_error(
        plugin::errc::failed_precondition,
        std::string(mysql_url_variable) +
            " is not set, so there is no MariaDB to test on: run scripts/test (it starts a "
            "private MariaDB), or in bash `source scripts/lib/common.sh; kk_mariadb_start` "
            "and run the tests from that shell");
  auto url = storage::database_url::parse(value);
  if (!url)
    return plugin::make_error(url.err().code, std::string(mysql_url_variable) + ": " + url.err().message);
  if (url->kind != storage::backend::mysql)
    return plugin::make_error(plugin::errc::invalid_argument,
                              std::string(mysql_url_variable) + " must be a mysql:// url");
  return url;
}

// One empty database, removed with this object.
class scratch_database {
 public:
  // nullptr, with `why` set, when the database cannot be made.
  static std::unique_ptr<scratch_database> create(test_backend backend, std::string& why,
                                                  unsigned pool_size = 3) {
    std::unique_ptr<scratch_database> s(new scratch_database(backend));
    if (backend == test_backend::sqlite) {
      std::string pattern = (std::filesystem::temp_directory_path() / "kingkung-storage-XXXXXX").string();
      if (::mkdtemp(pattern.data()) == nullptr) {
        why = "cannot create a temporary folder for the SQLite database";
        return nullptr;
      }
      s->folder_ = pattern;
      auto url = storage::database_url::parse("sqlite3:" + (s->folder_ / "kingkung.db").string());
      if (!url) {
        why = url.err().message;
        return nullptr;
      }
      s->url_ = std::move(*url);
    } else {
      auto server = test_server_url();
      if (!server) {
        why = server.err().message;
        return nullptr;
      }
      auto admin = storage::database::open(*server, 1);
      if (!admin) {
        why = "the test MariaDB is not reachable: " + admin.err().message;
        return nullptr;
      }
      s->admin_ = std::move(*admin);
      std::string name = "kk_" + random_hex(16);
      try {
        auto session = s->admin_->acquire();
        // No character set here: the server default (latin1 on MariaDB) proves the tables set their own.
        *session << "CREATE DATABASE " + name;
      } catch (const std::exception& e) {
        why = "CREATE DATABASE " + name + " failed: " + s->admin_->redact(e.what());
        return nullptr;
      }
      s->mysql_name_ = name;
      s->url_ = *server;
      s->url_.name = name;
    }
    auto db = storage::database::open(s->url_, pool_size);
    if (!db) {
      why = db.err().message;
      return nullptr;
    }
    s->db_ = std::move(*db);
    return s;
  }

  ~scratch_database() {
    db_.reset();
    if (!mysql_name_.empty() && admin_) {
      try {
        auto session = admin_->acquire();
        *session << "DROP DATABASE IF EXISTS " + mysql_name_;
      } catch (const std::exception&) {  // the server went away with it
      }
    }
    if (!folder_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(folder_, ec);
    }
  }

  scratch_database(const scratch_database&) = delete;
  scratch_database& operator=(const scratch_database&) = delete;

  storage::database& db() { return *db_; }
  const storage::database_url& url() const { return url_; }
  test_backend backend() const { return backend_; }
  // Closes the pool (e.g. to reopen the same database with other settings).
  void close() { db_.reset(); }
  storage::result<void> reopen(unsigned pool_size = 3) {
    auto db = storage::database::open(url_, pool_size);
    if (!db) return std::move(db).err();
    db_ = std::move(*db);
    return {};
  }

 private:
  explicit scratch_database(test_backend backend) : backend_(backend) {}

  test_backend backend_;
  storage::database_url url_;
  std::filesystem::path folder_;
  std::unique_ptr<storage::database> admin_;
  std::string mysql_name_;
  std::unique_ptr<storage::database> db_;
};

// Fixture base for a test suite parameterised over both backends.
class database_test : public ::testing::TestWithParam<test_backend> {
 protected:
  void SetUp() override {
    std::string why;
    scratch_ = scratch_database::create(GetParam(), why);
    ASSERT_TRUE(scratch_ != nullptr) << backend_name(GetParam()) << ": " << why;
    if (migrate_on_setup()) {
      auto migrated = storage::migrate(scratch_->db());
      ASSERT_TRUE(migrated.ok()) << migrated.err().message;
    }
  }
  void TearDown() override { scratch_.reset(); }

  virtual bool migrate_on_setup() const { return true; }

  storage::database& db() { return scratch_->db(); }
  scratch_database& scratch() { return *scratch_; }
  bool is_sqlite() const { return GetParam() == test_backend::sqlite; }

 private:
  std::unique_ptr<scratch_database> scratch_;
};

}  // namespace kingkung::test

// Runs every TEST_P of `suite` on SQLite and on MariaDB: names end in /SQLite and /MariaDB.
#define KINGKUNG_INSTANTIATE_FOR_EACH_DATABASE(suite)                                                   \
  INSTANTIATE_TEST_SUITE_P(                                                                             \
      , suite,                                                                                          \
      ::testing::Values(::kingkung::test::test_backend::sqlite, ::kingkung::test::test_backend::mysql), \
      [](const ::testing::TestParamInfo<::kingkung::test::test_backend>& info) {                        \
        return ::kingkung::test::backend_name(info.param);                                              \
      })
