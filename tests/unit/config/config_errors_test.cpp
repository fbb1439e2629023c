// Bad config files: every problem is reported at once, each with file, line, column, key path, what was
// expected and what was found, and a suggestion where one helps.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using testing::find_error;
using ::testing::HasSubstr;
using testing::load_text;
using testing::minimal_config;
using ::testing::Not;
using testing::temp_dir;

TEST(ConfigErrorText, HasFileLineColumnKeyExpectedFoundAndHint) {
  config_error e{"config/kingkung.toml",
                 12,
                 3,
                 "shops[0].transport",
                 "a loaded transport (tiktok-live, tiktok-sim)",
                 "\"tiktok-simm\"",
                 "did you mean \"tiktok-sim\"?"};
  EXPECT_EQ(
      e.to_string(),
      "config/kingkung.toml:12:3: shops[0].transport: expected a loaded transport (tiktok-live, tiktok-sim), "
      "found \"tiktok-simm\" (did you mean \"tiktok-sim\"?)");
}

TEST(ConfigErrorText, LeavesOutWhatIsUnknown) {
  config_error e{"kingkung.toml", 0, 0, "", "a readable config file", "no file at /x/kingkung.toml", ""};
  EXPECT_EQ(e.to_string(),
            "kingkung.toml: expected a readable config file, found no file at /x/kingkung.toml");
}

TEST(ConfigErrors, MissingFileIsAClearError) {
  temp_dir dir;
  auto file = dir.path() / "nowhere.toml";
  auto result = load(file);
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(result.config.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].file, file.string());
  EXPECT_THAT(result.errors[0].found, HasSubstr("no file at " + file.string()));
}

TEST(ConfigErrors, SyntaxErrorCarriesTheParserPosition) {
  temp_dir dir;
  auto result = load_text(dir, "[server]\nport = 8080\nlisten = \"127.0.0.1\nthreads = 2\n");
  ASSERT_EQ(result.errors.size(), 1u);
  const auto& e = result.errors[0];
  EXPECT_EQ(e.line, 3u);
  EXPECT_GT(e.column, 0u);
  EXPECT_EQ(e.expected, "valid TOML");
  EXPECT_FALSE(e.found.empty());
  EXPECT_THAT(e.to_string(), HasSubstr("kingkung.toml:3:"));
}

TEST(ConfigErrors, UnknownKeyIsRejectedWithSuggestion) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server]\nprot = 8080\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  const auto& e = result.errors[0];
  EXPECT_EQ(e.key_path, "server.prot");
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.column, 1u);
  EXPECT_EQ(e.found, "\"prot\"");
  EXPECT_EQ(e.hint, "did you mean \"port\"?");
  EXPECT_THAT(e.to_string(), HasSubstr("(did you mean \"port\"?)"));
}

TEST(ConfigErrors, UnknownKeyFarFromEveryKnownKeyListsThem) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[privacy]\nforget_everything = true\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "privacy.forget_everything");
  EXPECT_EQ(result.errors[0].hint, "known keys: retention_days");
}

TEST(ConfigErrors, UnknownSectionIsRejectedWithSuggestion) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[sever]\nport = 8080\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "sever");
  EXPECT_EQ(result.errors[0].hint, "did you mean \"server\"?");
}

TEST(ConfigErrors, UnknownKeyInsideAShopIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "a"
shop_id = "1"
region = "MX"
seller_type = "LOCAL"
trasport = "tiktok-sim"
)"));
  auto* e = find_error(result.errors, "shops[0].trasport");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_EQ(e->hint, "did you mean \"transport\"?");
  EXPECT_THAT(e->expected, HasSubstr("[[shops]]"));
}

TEST(ConfigErrors, WrongTypeSaysWhatWasExpectedAndFound) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server]\nport = \"abc\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  const auto& e = result.errors[0];
  EXPECT_EQ(e.key_path, "server.port");
  EXPECT_EQ(e.line, 4u);
  EXPECT_EQ(e.column, 8u);
  EXPECT_EQ(e.expected, "an integer");
  EXPECT_EQ(e.found, "a string \"abc\"");
}

TEST(ConfigErrors, FloatWhereAnIntegerBelongsIsAWrongType) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server]\nport = 8080.0\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].expected, "an integer");
  EXPECT_EQ(result.errors[0].found, "a float 8080.0");
}

TEST(ConfigErrors, BooleanWrittenAsStringIsAWrongType) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server]\nrun_sync_workers = \"yes\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "server.run_sync_workers");
  EXPECT_EQ(result.errors[0].found, "a string \"yes\"");
}

struct range_case {
  std::string section;
  std::string key;
  std::string value;
  std::string expected;
};

void PrintTo(const range_case& c, std::ostream* os) {
  *os << c.section << "." << c.key << " = " << c.value;
}

class ConfigRange : public ::testing::TestWithParam<range_case> {};

TEST_P(ConfigRange, OutOfRangeValueIsRejectedWithTheRange) {
  const auto& c = GetParam();
  temp_dir dir;
  const std::string line = c.key + " = " + c.value + "\n";
  auto result = load_text(
      dir, c.section == "tiktok" ? minimal_config(line) : minimal_config("[" + c.section + "]\n" + line));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, c.section + "." + c.key);
  EXPECT_EQ(result.errors[0].expected, c.expected);
  EXPECT_EQ(result.errors[0].found, c.value);
}

INSTANTIATE_TEST_SUITE_P(
    ConfigKeys, ConfigRange,
    ::testing::Values(range_case{"server", "port", "70000", "an integer from 1 to 65535"},
                      range_case{"server", "port", "0", "an integer from 1 to 65535"},
                      range_case{"database", "pool_size", "0", "an integer from 1 to 64"},
                      range_case{"database", "pool_size", "65", "an integer from 1 to 64"},
                      range_case{"privacy", "retention_days", "0", "an integer from 1 to 3650"},
                      range_case{"privacy", "retention_days", "3651", "an integer from 1 to 3650"},
                      range_case{"tiktok", "qps_per_api", "51", "an integer from 1 to 50"},
                      range_case{"sync", "workers", "-1", "an integer from 1 to 64"}),
    [](const auto& info) {
      return info.param.section + "_" + info.param.key + "_" + std::to_string(info.index);
    });

TEST(ConfigErrors, BackoffCapBelowBaseIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, "[tiktok]\napp_key = \"k\"\nbackoff_base_ms = 500\nbackoff_cap_ms = 100\n");
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "tiktok.backoff_cap_ms");
  EXPECT_EQ(result.errors[0].line, 4u);
}

TEST(ConfigErrors, EveryProblemIsReportedInFileOrder) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[server]
port = 0
listen = "localhost"
[privacy]
retention_days = "thirty"
[log]
level = "verbose"
)"));
  ASSERT_EQ(result.errors.size(), 4u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "server.port");
  EXPECT_EQ(result.errors[1].key_path, "server.listen");
  EXPECT_EQ(result.errors[2].key_path, "privacy.retention_days");
  EXPECT_EQ(result.errors[3].key_path, "log.level");
  EXPECT_FALSE(result.config.has_value());
  const std::string message = result.message();
  EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 3);
}

TEST(ConfigErrors, MissingAppKeyIsReported) {
  temp_dir dir;
  auto result = load_text(dir, "[log]\nlevel = \"info\"\n");
  auto* e = find_error(result.errors, "tiktok.app_key");
  ASSERT_NE(e, nullptr) << result.message();
  EXPECT_THAT(e->found, HasSubstr("missing"));
}

TEST(ConfigErrors, LogLevelTypoGetsASuggestion) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[log]\nlevel = \"warning\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].expected, "one of debug, info, warn, error");
  EXPECT_EQ(result.errors[0].hint, "did you mean \"warn\"?");
}

TEST(ConfigErrors, DuplicateShopKeyIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "demo-mx"
shop_id = "7495540735365777501"
region = "MX"
seller_type = "CROSS_BORDER"

[[shops]]
key = "demo-mx"
shop_id = "7495540735365777502"
region = "MX"
seller_type = "LOCAL"
)"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  const auto& e = result.errors[0];
  EXPECT_EQ(e.key_path, "shops[1].key");
  EXPECT_EQ(e.line, 11u);
  EXPECT_EQ(e.found, "a string \"demo-mx\"");
  EXPECT_EQ(e.hint, "shops[0] uses it, at line 5");
}

TEST(ConfigErrors, DuplicateShopIdIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "one"
shop_id = "7495540735365777501"
region = "MX"
seller_type = "LOCAL"

[[shops]]
key = "two"
shop_id = "7495540735365777501"
region = "BR"
seller_type = "LOCAL"
)"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "shops[1].shop_id");
}

TEST(ConfigErrors, ShopFieldsAreChecked) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "Bad Key"
shop_id = 7495540735365777501
region = "mx"
seller_type = "cross_border"
)"));
  ASSERT_EQ(result.errors.size(), 4u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "shops[0].key");
  EXPECT_EQ(result.errors[1].key_path, "shops[0].shop_id");
  EXPECT_EQ(result.errors[1].found, "an integer 7495540735365777501");
  EXPECT_EQ(result.errors[2].hint, "did you mean \"MX\"?");
  EXPECT_EQ(result.errors[3].hint, "did you mean \"CROSS_BORDER\"?");
}

TEST(ConfigErrors, RequiredShopKeysAreReportedAtTheShopTable) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("\n[[shops]]\nname = \"x\"\n"));
  ASSERT_EQ(result.errors.size(), 4u) << result.message();
  for (const auto& e : result.errors) {
    EXPECT_EQ(e.line, 4u) << e.to_string();
    EXPECT_THAT(e.found, HasSubstr("missing"));
  }
}

TEST(ConfigErrors, ShopsMustBeAnArrayOfTables) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[shops]\nkey = \"a\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "shops");
  EXPECT_THAT(result.errors[0].expected, HasSubstr("[[shops]]"));
}

TEST(ConfigErrors, DemoShopNeedsTheDemoEnabled) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "a"
shop_id = "1"
region = "MX"
seller_type = "LOCAL"
demo = true
)"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "shops[0].demo");
}

TEST(ConfigErrors, EnabledDemoNeedsASignIn) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[demo]\nenabled = true\n"));
  ASSERT_EQ(result.errors.size(), 2u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "demo.email");
  EXPECT_EQ(result.errors[1].key_path, "demo.password");
}

TEST(ConfigErrors, MarketRegionMustBeTwoUpperCaseLetters) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[markets.mx]\nmodules = [\"mx-split\"]\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "markets.mx");
  EXPECT_EQ(result.errors[0].hint, "did you mean \"MX\"?");
}

TEST(ConfigErrors, MarketKeyThatIsNotAModuleTableIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[markets.MX]\nmodule = [\"mx-split\"]\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "markets.MX.module");
  EXPECT_EQ(result.errors[0].hint, "did you mean \"modules\"?");
}

TEST(ConfigErrors, RepeatedModuleIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[markets.MX]\nmodules = [\"mx-split\", \"mx-split\"]\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "markets.MX.modules[1]");
}

TEST(ConfigErrors, PluginConfigForAPluginNotLoadedIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[plugins]
load = ["tiktok-sim"]
[plugins.config.tiktok-simm]
app_key = "x"
)"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "plugins.config.tiktok-simm");
  EXPECT_EQ(result.errors[0].hint, "did you mean \"tiktok-sim\"?");
}

TEST(ConfigErrors, PluginConfigRejectsValuesAPluginCannotRead) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[plugins]
load = ["p"]
[plugins.config.p]
since = 2024-01-01
ports = [1, 2]
)"));
  ASSERT_EQ(result.errors.size(), 3u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "plugins.config.p.since");
  EXPECT_EQ(result.errors[0].found, "a date 2024-01-01");
  EXPECT_EQ(result.errors[1].key_path, "plugins.config.p.ports[0]");
  EXPECT_EQ(result.errors[2].key_path, "plugins.config.p.ports[1]");
}

TEST(ConfigErrors, TlsEnabledRequiresBothFilesToExist) {
  temp_dir dir;
  dir.write("cert.pem", "c");
  auto result = load_text(dir, minimal_config(R"(
[server.tls]
enabled = true
cert_file = "cert.pem"
key_file = "missing-key.pem"
)"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "server.tls.key_file");
  EXPECT_EQ(result.errors[0].found, "no file at " + (dir.path() / "missing-key.pem").string());
}

TEST(ConfigErrors, TlsEnabledWithoutFilesNamesBoth) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server.tls]\nenabled = true\n"));
  ASSERT_EQ(result.errors.size(), 2u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "server.tls.cert_file");
  EXPECT_EQ(result.errors[1].key_path, "server.tls.key_file");
}

TEST(ConfigErrors, PublicUrlMustBeAnHttpUrl) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[server]\npublic_url = \"seller.example.com\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "server.public_url");
}

TEST(ConfigErrors, DatabaseUrlOfAnotherShapeIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[database]\nurl = \"postgres://kk@db/kk\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "database.url");
  EXPECT_THAT(result.errors[0].expected, HasSubstr("sqlite3:PATH"));
  EXPECT_THAT(result.errors[0].expected, HasSubstr("mysql://"));
}

TEST(ConfigErrors, MysqlUrlWithoutDatabaseNameIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[database]\nurl = \"mysql://kk@db.internal:3306\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_THAT(result.errors[0].expected, HasSubstr("database name"));
}

TEST(ConfigErrors, MalformedEscapeInTheDatabasePasswordIsRejected) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[database]\nurl = \"mysql://kk:abc%zz@db.internal/kk\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "database.url");
  EXPECT_THAT(result.errors[0].found, HasSubstr("escape"));
  EXPECT_THAT(result.errors[0].to_string(), Not(HasSubstr("abc%zz")));
}

TEST(ConfigErrors, PluginsDirMustExist) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config("[plugins]\ndir = \"no-such-folder\"\n"));
  ASSERT_EQ(result.errors.size(), 1u) << result.message();
  EXPECT_EQ(result.errors[0].key_path, "plugins.dir");
}

}  // namespace
}  // namespace kingkung::config
