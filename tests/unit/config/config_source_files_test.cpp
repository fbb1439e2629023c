// The config files shipped in the source tree load as they are.
#include <algorithm>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::filesystem::path source_dir = KINGKUNG_SOURCE_DIR;

load_result load_with(const std::filesystem::path& file, std::map<std::string, std::string> env) {
  load_options options;
  options.environment = &env;
  return load(file, options);
}

// The app secret comes from the environment so that loading does not create var/demo-app-secret in the tree.
load_result load_demo() {
  return load_with(source_dir / "config/kingkung.toml", testing::secret_environment());
}

TEST(ConfigSourceFiles, DemoConfigLoads) {
  auto result = load_demo();
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  EXPECT_TRUE(c.demo.enabled);
  EXPECT_EQ(c.demo.email, "demo@kingkung.example");
  EXPECT_EQ(c.demo.password, "kingkung-demo");
  EXPECT_EQ(c.database.url, "sqlite3:" + (source_dir / "var/kingkung.db").lexically_normal().string());
  EXPECT_EQ(c.vault.key_file, (source_dir / "var/master.key").lexically_normal());
  EXPECT_EQ(c.tiktok.app_key, "kk-demo-app");
  EXPECT_EQ(c.tiktok.app_secret_file, (source_dir / "var/demo-app-secret").lexically_normal());
  EXPECT_EQ(c.default_transport, "tiktok-sim");
  EXPECT_THAT(c.plugins.load, ElementsAre("tiktok-sim", "tiktok-live", "mx-split", "br-invoice"));
}

TEST(ConfigSourceFiles, DemoConfigHasThreeDemoShopsOnTheSimulator) {
  auto result = load_demo();
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  ASSERT_EQ(c.shops.size(), 3u);
  std::vector<std::string> markets;
  for (const auto& shop : c.shops) {
    EXPECT_TRUE(shop.demo) << shop.key;
    EXPECT_EQ(c.transport_for(shop), "tiktok-sim") << shop.key;
    EXPECT_EQ(shop.shop_id.size(), 19u) << shop.key;
    markets.push_back(shop.region + "/" + shop.seller_type);
  }
  EXPECT_THAT(markets, ElementsAre("MX/CROSS_BORDER", "BR/LOCAL", "US/LOCAL"));
  // Each market's module comes from its [markets.<REGION>] default; the US has none.
  std::vector<std::vector<std::string>> modules;
  for (const auto& shop : c.shops) modules.push_back(c.modules_for(shop));
  EXPECT_THAT(modules, ElementsAre(ElementsAre("mx-split"), ElementsAre("br-invoice"), ::testing::IsEmpty()));
}

TEST(ConfigSourceFiles, DemoSimulatorSharesTheAppKeyAndSecretFile) {
  auto result = load_demo();
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  auto sim = c.plugins.plugin_config.at("tiktok-sim");
  EXPECT_EQ(sim->get_string("app_key"), c.tiktok.app_key);
  EXPECT_EQ(sim->get_string("app_secret_file"), c.tiktok.app_secret_file.string());
}

// Every demo shop must exist on the simulator with the same platform id, region and seller type, or the
// demo would connect shops the simulator does not know.
TEST(ConfigSourceFiles, DemoShopsAreEmulatedByTheSimulatorWithTheSameIds) {
  auto result = load_demo();
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  auto sim = c.plugins.plugin_config.at("tiktok-sim");
  auto emulated = sim->get_strings("shops");
  ASSERT_TRUE(emulated.has_value());
  for (const auto& shop : c.shops) {
    EXPECT_NE(std::find(emulated->begin(), emulated->end(), shop.key), emulated->end()) << shop.key;
    EXPECT_EQ(sim->get_string("shop." + shop.key + ".id"), shop.shop_id) << shop.key;
    EXPECT_EQ(sim->get_string("shop." + shop.key + ".region"), shop.region) << shop.key;
    EXPECT_EQ(sim->get_string("shop." + shop.key + ".seller_type"), shop.seller_type) << shop.key;
  }
}

TEST(ConfigSourceFiles, DemoConfigNamesOnlyTheBundledComponents) {
  auto result = load_demo();
  ASSERT_TRUE(result.ok()) << result.message();
  auto errors = check_components(*result.config, {"tiktok-live", "tiktok-sim"}, {"br-invoice", "mx-split"});
  EXPECT_TRUE(errors.empty()) << testing::all_messages(errors);
}

// TLS needs its certificate files, so the example is loaded from a folder that has them, as an operator's
// /etc/kingkung would.
TEST(ConfigSourceFiles, ProductionExampleLoadsWithItsEnvironment) {
  testing::temp_dir dir;
  std::filesystem::copy_file(source_dir / "config/production.example.toml", dir.path() / "kingkung.toml");
  dir.write("tls/fullchain.pem", "certificate chain");
  dir.write("tls/privkey.pem", "private key");
  auto result =
      load_with(dir.path() / "kingkung.toml", {{"KINGKUNG_TIKTOK_APP_SECRET", "production-app-secret"},
                                               {"KINGKUNG_DATABASE_PASSWORD", "production-db-password"}});
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  EXPECT_FALSE(c.demo.enabled);
  EXPECT_TRUE(c.server.tls.enabled);
  EXPECT_THAT(c.server.public_url, HasSubstr("https://"));
  EXPECT_THAT(c.database.url, HasSubstr("mysql://"));
  EXPECT_THAT(c.database.url, HasSubstr("production-db-password"));
  EXPECT_THAT(c.database.redacted_url(), Not(HasSubstr("production-db-password")));
  EXPECT_EQ(c.default_transport, "tiktok-live");
  for (const auto& shop : c.shops) EXPECT_FALSE(shop.demo) << shop.key;
  auto errors = check_components(c, {"tiktok-live", "tiktok-sim"}, {"br-invoice", "mx-split"});
  EXPECT_TRUE(errors.empty()) << testing::all_messages(errors);
}

}  // namespace
}  // namespace kingkung::config
