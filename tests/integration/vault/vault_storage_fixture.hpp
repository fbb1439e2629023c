// A migrated SQLite database and a key file in a private temporary folder, for the vault's storage tests.
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/storage/token_repository.hpp"
#include "kingkung/vault/keyring.hpp"
#include "kingkung/vault/token_vault.hpp"

namespace kingkung::vault::testing {

inline std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Every test of the suite VaultStorage uses this one fixture class (gtest requires one per suite).
class vault_storage_test : public ::testing::Test {
 public:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "kk-vault-db-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    key_file_ = dir_ / "var/master.key";
    db_file_ = dir_ / "var/kingkung.db";
    open_database();
  }

  void TearDown() override {
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void open_database() {
    auto url = storage::database_url::parse("sqlite3:" + db_file_.string());
    ASSERT_TRUE(url.ok()) << url.err().message;
    auto db = storage::database::open(*url, 2);
    ASSERT_TRUE(db.ok()) << db.err().message;
    db_ = std::move(*db);
    auto migrated = storage::migrate(*db_);
    ASSERT_TRUE(migrated.ok()) << migrated.err().message;
    tokens_ = std::make_unique<storage::token_repository>(*db_);
  }

  keyring load_keys() {
    auto keys = keyring::load(key_file_, {&no_environment_});
    EXPECT_TRUE(keys.ok()) << keys.err().message;
    return std::move(*keys);
  }

  void put_token(const token_vault& vault, const std::string& shop_id, const std::string& kind,
                 const std::string& plain) {
    storage::sealed_token_row row;
    row.shop_id = shop_id;
    row.kind = kind;
    row.sealed = vault.seal(shop_id, secret(plain));
    row.expires_at = 1893456000;
    auto put = tokens_->put(row);
    ASSERT_TRUE(put.ok()) << put.err().message;
  }

  // The key id each stored record names, in table order.
  std::vector<std::string> stored_key_ids() {
    std::vector<std::string> ids;
    auto rows = tokens_->all();
    EXPECT_TRUE(rows.ok());
    if (!rows) return ids;
    for (const auto& row : *rows) ids.push_back(*token_vault::key_id_of(row.sealed));
    return ids;
  }

  // Every file of the SQLite database (main file, WAL, shared memory) that exists now, by name.
  std::vector<std::pair<std::string, std::string>> database_bytes() const {
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      auto p = std::filesystem::path(db_file_.string() + suffix);
      if (std::filesystem::exists(p)) files.emplace_back(p.filename().string(), read_bytes(p));
    }
    return files;
  }

  std::filesystem::path dir_;
  std::filesystem::path key_file_;
  std::filesystem::path db_file_;
  std::map<std::string, std::string> no_environment_;
  std::unique_ptr<storage::database> db_;
  std::unique_ptr<storage::token_repository> tokens_;
};

}  // namespace kingkung::vault::testing

namespace kingkung::vault {
using VaultStorage = testing::vault_storage_test;
}  // namespace kingkung::vault
