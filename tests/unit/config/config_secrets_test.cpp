// Secrets: the app secret comes from the environment or a file (never the TOML text), the database password
// may come from the environment, and no secret shows in an error, a redacted url or a log line.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "config_test_support.hpp"
#include "kingkung/config/config.hpp"
#include "kingkung/log/log.hpp"

namespace kingkung::config {
namespace {

using testing::find_error;
using ::testing::HasSubstr;
using testing::load_text;
using testing::minimal_config;
using ::testing::Not;
using testing::temp_dir;

using environment = std::map<std::string, std::string>;

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr std::string_view demo_section = R"(
[demo]
enabled = true
email = "demo@kingkung.example"
password = "kingkung-demo"
)";

TEST(ConfigSecrets, AppSecretWrittenInTheFileIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret = \"plain-text-secret-value\"\n");
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  const auto& e = result.errors[0];
  EXPECT_EQ(e.key_path, "tiktok.app_secret");
  EXPECT_EQ(e.line, 3u);
  EXPECT_THAT(e.to_string(), HasSubstr("KINGKUNG_TIKTOK_APP_SECRET"));
  EXPECT_THAT(e.to_string(), HasSubstr("app_secret_file"));
  EXPECT_THAT(e.to_string(), Not(HasSubstr("plain-text-secret-value")));
}

TEST(ConfigSecrets, MissingAppSecretNamesBothWaysToGiveIt) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(), environment{});
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  const auto& e = result.errors[0];
  EXPECT_EQ(e.key_path, "tiktok");
  EXPECT_EQ(e.line, 1u);
  EXPECT_THAT(e.expected, HasSubstr("KINGKUNG_TIKTOK_APP_SECRET"));
  EXPECT_THAT(e.expected, HasSubstr("tiktok.app_secret_file"));
}

TEST(ConfigSecrets, AppSecretComesFromTheInjectedEnvironment) {
  temp_dir dir;
  auto result =
      load_text(dir, minimal_config(), environment{{"KINGKUNG_TIKTOK_APP_SECRET", "from-the-env-123"}});
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->tiktok.app_secret.reveal(), "from-the-env-123");
  EXPECT_EQ(result.config->tiktok.app_secret_source, "env KINGKUNG_TIKTOK_APP_SECRET");
}

TEST(ConfigSecrets, EnvironmentWinsOverTheSecretFile) {
  temp_dir dir;
  dir.write_secret("app-secret", "from-the-file-123");
  auto result = load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret_file = \"app-secret\"\n",
                          environment{{"KINGKUNG_TIKTOK_APP_SECRET", "from-the-env-123"}});
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->tiktok.app_secret.reveal(), "from-the-env-123");
}

TEST(ConfigSecrets, AppSecretFileIsReadAndTrimmed) {
  temp_dir dir;
  auto file = dir.write_secret("secrets/app-secret", "  from-the-file-123 \n\n");
  auto result =
      load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret_file = \"secrets/app-secret\"\n", environment{});
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->tiktok.app_secret.reveal(), "from-the-file-123");
  EXPECT_EQ(result.config->tiktok.app_secret_source, file.string());
}

TEST(ConfigSecrets, SecretFileOthersCanReadGetsAWarning) {
  temp_dir dir;
  auto file = dir.write("app-secret", "from-the-file-123");
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::group_read |
                                         std::filesystem::perms::others_read);
  std::string captured;
  log::set_sink([&](std::string_view line) { captured += std::string(line) + "\n"; });
  auto result =
      load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret_file = \"app-secret\"\n", environment{});
  log::set_sink(nullptr);
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_THAT(captured, HasSubstr("WARN config: the app secret file " + file.string() +
                                  " is readable by group or others"));
  EXPECT_THAT(captured, Not(HasSubstr("from-the-file-123")));
}

TEST(ConfigSecrets, EmptySecretFileIsRejected) {
  temp_dir dir;
  dir.write_secret("app-secret", " \n");
  auto result =
      load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret_file = \"app-secret\"\n", environment{});
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "tiktok.app_secret_file");
  EXPECT_THAT(result.errors[0].found, HasSubstr("an empty file"));
}

TEST(ConfigSecrets, MissingSecretFileIsAnErrorOutsideTheDemo) {
  temp_dir dir;
  auto result =
      load_text(dir, "[tiktok]\napp_key = \"k\"\napp_secret_file = \"app-secret\"\n", environment{});
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "tiktok.app_secret_file");
  EXPECT_EQ(result.errors[0].found, "no file at " + (dir.path() / "app-secret").string());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "app-secret"));
}

TEST(ConfigSecrets, DemoCreatesTheMissingSecretFileWithMode0600) {
  temp_dir dir;
  auto file = dir.path() / "var/demo-app-secret";
  auto result = load_text(
      dir,
      "[tiktok]\napp_key = \"k\"\napp_secret_file = \"var/demo-app-secret\"\n" + std::string(demo_section),
      environment{});
  ASSERT_TRUE(result.ok()) << result.message();
  ASSERT_TRUE(std::filesystem::is_regular_file(file));
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string& secret = result.config->tiktok.app_secret.reveal();
  EXPECT_EQ(secret.size(), 32u);
  EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(read_all(file), secret + "\n");
}

TEST(ConfigSecrets, DemoSecretFileIsKeptOnTheNextLoad) {
  temp_dir dir;
  std::string text =
      "[tiktok]\napp_key = \"k\"\napp_secret_file = \"demo-app-secret\"\n" + std::string(demo_section);
  auto first = load_text(dir, text, environment{});
  auto second = load_text(dir, text, environment{});
  ASSERT_TRUE(first.ok()) << first.message();
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(first.config->tiktok.app_secret.reveal(), second.config->tiktok.app_secret.reveal());
}

TEST(ConfigSecrets, DemoSecretFileIsNotCreatedWhenTheConfigHasErrors) {
  temp_dir dir;
  auto result =
      load_text(dir,
                "[tiktok]\napp_key = \"k\"\napp_secret_file = \"demo-app-secret\"\n[server]\nport = 0\n" +
                    std::string(demo_section),
                environment{});
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "demo-app-secret"));
}

TEST(ConfigSecrets, AppSecretIsRedactedFromLogLines) {
  temp_dir dir;
  const std::string value = "log-redaction-secret-42";
  auto result = load_text(dir, minimal_config(), environment{{"KINGKUNG_TIKTOK_APP_SECRET", value}});
  ASSERT_TRUE(result.ok()) << result.message();
  std::string captured;
  log::set_sink([&](std::string_view line) { captured += line; });
  log::error("test", "signing with " + value);
  log::set_sink(nullptr);
  EXPECT_THAT(captured, HasSubstr("signing with [redacted]"));
  EXPECT_THAT(captured, Not(HasSubstr(value)));
}

class ConfigRedactedUrl : public ::testing::TestWithParam<std::string> {};

TEST_P(ConfigRedactedUrl, NeverContainsThePassword) {
  const std::string& password = GetParam();
  database_config db;
  db.url = "mysql://kingkung:" + password + "@db.internal:3306/kingkung";
  const std::string shown = db.redacted_url();
  EXPECT_THAT(shown, Not(HasSubstr(password)));
  EXPECT_EQ(shown, "mysql://kingkung:[redacted]@db.internal:3306/kingkung");
}

INSTANTIATE_TEST_SUITE_P(ConfigPasswords, ConfigRedactedUrl,
                         ::testing::Values("hunter2-hunter2", "p%40ss%2Fword", "raw@at@signs", "slash/in/it",
                                           "colon:in:it"));

TEST(ConfigRedactedUrlShape, UrlWithoutPasswordIsShownAsIs) {
  database_config db;
  db.url = "mysql://kingkung@db.internal:3306/kingkung";
  EXPECT_EQ(db.redacted_url(), db.url);
  db.url = "sqlite3:/var/lib/kingkung/kingkung.db";
  EXPECT_EQ(db.redacted_url(), db.url);
}

TEST(ConfigSecrets, DatabasePasswordComesFromTheEnvironment) {
  temp_dir dir;
  auto result =
      load_text(dir, minimal_config("[database]\nurl = \"mysql://kingkung@db.internal:3306/kingkung\"\n"),
                environment{{"KINGKUNG_TIKTOK_APP_SECRET", "app-secret-value"},
                            {"KINGKUNG_DATABASE_PASSWORD", "db pass@word/1"}});
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->database.url, "mysql://kingkung:db%20pass%40word%2F1@db.internal:3306/kingkung");
  EXPECT_EQ(result.config->database.redacted_url(), "mysql://kingkung:[redacted]@db.internal:3306/kingkung");
}

TEST(ConfigSecrets, BadDatabaseUrlErrorDoesNotShowThePassword) {
  temp_dir dir;
  auto result =
      load_text(dir, minimal_config("[database]\nurl = \"mysql://kingkung:topsecretpw@db.internal\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "database.url");
  EXPECT_THAT(result.errors[0].to_string(), Not(HasSubstr("topsecretpw")));
  EXPECT_THAT(result.errors[0].found, HasSubstr("[redacted]"));
}

TEST(ConfigSecrets, DatabaseUrlWithWrongTypeDoesNotEchoAnything) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[database]\nurl = [\"mysql://kingkung:topsecretpw@db/k\"]\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_THAT(result.errors[0].to_string(), Not(HasSubstr("topsecretpw")));
}

TEST(ConfigSecrets, MasterKeyFromTheEnvironmentIsKept) {
  temp_dir dir;
  const std::string key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
  auto env = testing::secret_environment();
  env["KINGKUNG_MASTER_KEY"] = key;
  auto result = load_text(dir, minimal_config(), env);
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->vault.master_key.reveal(), key);
}

TEST(ConfigSecrets, MalformedMasterKeyIsRejectedWithoutShowingIt) {
  temp_dir dir;
  auto env = testing::secret_environment();
  env["KINGKUNG_MASTER_KEY"] = "c2hvcnQta2V5LXZhbHVl";
  auto result = load_text(dir, minimal_config(), env);
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "env KINGKUNG_MASTER_KEY");
  EXPECT_THAT(result.errors[0].to_string(), Not(HasSubstr("c2hvcnQta2V5LXZhbHVl")));
}

}  // namespace
}  // namespace kingkung::config
