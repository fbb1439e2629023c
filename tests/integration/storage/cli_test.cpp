// `kingkung migrate` and `kingkung users add`, run as the built binary on a scratch SQLite config.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "kingkung/auth/password.hpp"
#include "kingkung/storage/database.hpp"
#include "kingkung/storage/migrations.hpp"

namespace {

namespace fs = std::filesystem;
namespace storage = kingkung::storage;

struct run_result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

class StorageCli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "kingkung-cli-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    std::ofstream(dir_ / "kk.toml")
        << "[database]\nurl = \"sqlite3:data/kk.db\"\n\n[tiktok]\napp_key = \"test-app\"\n";
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Runs kingkung with `args` (shell words) in the scratch folder, `input` on stdin.
  run_result kingkung(const std::string& args, const std::string& input = "") {
    std::ofstream(dir_ / "stdin.txt") << input;
    std::string command = "cd '" + dir_.string() + "' && KINGKUNG_TIKTOK_APP_SECRET=cli-test-secret-0123 '" +
                          std::string(KINGKUNG_BINARY_DIR) + "/bin/kingkung' --config kk.toml " + args +
                          " < stdin.txt 2>&1";
    run_result r;
    FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr) return r;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.output.append(buf, n);
    int status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
  }

  std::unique_ptr<storage::database> open_db() {
    auto url = storage::database_url::parse("sqlite3:" + (dir_ / "data" / "kk.db").string());
    EXPECT_TRUE(url.ok());
    auto db = storage::database::open(*url, 1);
    EXPECT_TRUE(db.ok()) << db.err().message;
    return db.ok() ? std::move(*db) : nullptr;
  }

  fs::path dir_;
};

TEST_F(StorageCli, MigratePrintsWhatItAppliedThenThatItIsUpToDate) {
  auto first = kingkung("migrate");
  EXPECT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("applied migration 1: initial schema"), std::string::npos) << first.output;
  auto second = kingkung("migrate");
  EXPECT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("database is up to date (version " +
                               std::to_string(storage::latest_schema_version()) + ")"),
            std::string::npos)
      << second.output;
}

TEST_F(StorageCli, MigrateRejectsExtraArguments) {
  EXPECT_EQ(kingkung("migrate now").exit_code, 2);
}

TEST_F(StorageCli, UsersAddStoresAHashThatVerifiesAndNeverThePassword) {
  ASSERT_EQ(kingkung("migrate").exit_code, 0);
  auto added =
      kingkung("users add Ana@Acme.mx --seller 'Acme MX' --password-stdin", "correct horse battery\n");
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("added owner ana@acme.mx to seller \"Acme MX\""), std::string::npos)
      << added.output;
  EXPECT_EQ(added.output.find("correct horse battery"), std::string::npos);

  auto db = open_db();
  ASSERT_TRUE(db);
  std::string hash, role;
  *db->acquire() << "SELECT password_hash, role FROM users WHERE email = 'ana@acme.mx'", soci::into(hash),
      soci::into(role);
  EXPECT_EQ(role, "owner");
  EXPECT_EQ(hash.find("correct horse battery"), std::string::npos);
  EXPECT_TRUE(kingkung::auth::verify_password("correct horse battery", hash));
  int audited = 0;
  *db->acquire() << "SELECT count(*) FROM audit_log WHERE action = 'user.add' AND target = 'ana@acme.mx'",
      soci::into(audited);
  EXPECT_EQ(audited, 1);
}

TEST_F(StorageCli, UsersAddMakesLaterUsersStaffUnlessTold) {
  ASSERT_EQ(kingkung("migrate").exit_code, 0);
  ASSERT_EQ(
      kingkung("users add a@acme.mx --seller Acme --password-stdin", "correct horse battery\n").exit_code, 0);
  auto staff = kingkung("users add b@acme.mx --seller Acme --password-stdin", "correct horse battery\n");
  EXPECT_NE(staff.output.find("added staff b@acme.mx"), std::string::npos) << staff.output;
  auto owner =
      kingkung("users add c@acme.mx --seller Acme --role owner --password-stdin", "correct horse battery\n");
  EXPECT_NE(owner.output.find("added owner c@acme.mx"), std::string::npos) << owner.output;
}

TEST_F(StorageCli, UsersAddRefusesAPasswordOnTheCommandLine) {
  auto r = kingkung("users add a@acme.mx --seller Acme --password=hunter2hunter2");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.output.find("never taken from the command line"), std::string::npos) << r.output;
}

TEST_F(StorageCli, UsersAddWithoutATerminalOrPasswordStdinExplainsWhatToDo) {
  ASSERT_EQ(kingkung("migrate").exit_code, 0);
  auto r = kingkung("users add a@acme.mx --seller Acme");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("--password-stdin"), std::string::npos) << r.output;
}

TEST_F(StorageCli, UsersAddRefusesAShortPassword) {
  ASSERT_EQ(kingkung("migrate").exit_code, 0);
  auto r = kingkung("users add a@acme.mx --seller Acme --password-stdin", "short\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("12 to 1024 characters"), std::string::npos) << r.output;
}

TEST_F(StorageCli, UsersAddRefusesAnEmailInUse) {
  ASSERT_EQ(kingkung("migrate").exit_code, 0);
  ASSERT_EQ(
      kingkung("users add a@acme.mx --seller Acme --password-stdin", "correct horse battery\n").exit_code, 0);
  auto r = kingkung("users add A@ACME.MX --seller Acme --password-stdin", "correct horse battery\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("already exists"), std::string::npos) << r.output;
}

TEST_F(StorageCli, UsersAddAsksForMigrationOnAnEmptyDatabase) {
  auto r = kingkung("users add a@acme.mx --seller Acme --password-stdin", "correct horse battery\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("run `kingkung migrate` first"), std::string::npos) << r.output;
}

}  // namespace
