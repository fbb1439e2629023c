// The runtime's start-up checks and shutdown order.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kingkung/app/runtime.hpp"
#include "kingkung/storage/migrations.hpp"
#include "kingkung/vault/token_vault.hpp"
#include "web_test_config.hpp"

namespace {

using namespace kingkung;

class WebHealthRuntime : public ::testing::Test {
 protected:
  app::result<std::unique_ptr<app::runtime>> start(const std::filesystem::path& file) {
    return app::runtime::start({file, &environment_});
  }
  test::web_test_config config_;
  std::map<std::string, std::string> environment_;
};

TEST_F(WebHealthRuntime, MigratesTheDatabaseAtStart) {
  auto rt = start(config_.write({"fixture-good"}));
  ASSERT_TRUE(rt) << rt.err().message;
  auto version = storage::schema_version((*rt)->database());
  ASSERT_TRUE(version) << version.err().message;
  EXPECT_EQ(*version, storage::latest_schema_version());
}

TEST_F(WebHealthRuntime, CreatesTheMasterKeyFileAndAWorkingVault) {
  auto rt = start(config_.write({"fixture-good"}));
  ASSERT_TRUE(rt) << rt.err().message;
  EXPECT_TRUE(std::filesystem::exists(config_.dir() / "data" / "master.key"));
  auto record = (*rt)->vault().seal("7000000000000000001", secret("access-token-value"));
  auto opened = (*rt)->vault().open("7000000000000000001", record);
  ASSERT_TRUE(opened) << opened.err().message;
  EXPECT_EQ(opened->reveal(), "access-token-value");
}

TEST_F(WebHealthRuntime, PluginsGetTheirDataFolderBesideTheDatabase) {
  auto rt = start(config_.write({"fixture-good"}));
  ASSERT_TRUE(rt) << rt.err().message;
  EXPECT_EQ((*rt)->data_dir(), config_.dir() / "data" / "plugin-data");
  EXPECT_TRUE(std::filesystem::is_directory(config_.dir() / "data" / "plugin-data" / "fixture-good"));
}

TEST_F(WebHealthRuntime, MissingPluginNobodyNeedsDoesNotStopStartUp) {
  auto rt = start(config_.write({"fixture-good", "no-such-plugin"}));
  ASSERT_TRUE(rt) << rt.err().message;
  ASSERT_EQ((*rt)->plugin_reports().size(), 2u);
  EXPECT_EQ((*rt)->plugin_reports()[1].status, plugins::load_status::missing);
  EXPECT_FALSE((*rt)->health().ok());
}

TEST_F(WebHealthRuntime, ShopWhosePluginIsNotLoadedStopsStartUpWithTheConfigError) {
  auto file = config_.write({"fixture-good"}, test::one_shop + "transport = \"tiktok-sim\"\n");
  auto rt = start(file);
  ASSERT_FALSE(rt);
  const auto& message = rt.err().message;
  EXPECT_NE(message.find("kingkung.toml"), std::string::npos) << message;
  EXPECT_NE(message.find("shops[0].transport"), std::string::npos) << message;
  EXPECT_NE(message.find("tiktok-sim"), std::string::npos) << message;
}

TEST_F(WebHealthRuntime, InvalidConfigStopsStartUpNamingFileAndKey) {
  auto file = config_.write({"fixture-good"}, "[sync]\ninterval_seconds = \"often\"\n");
  auto rt = start(file);
  ASSERT_FALSE(rt);
  EXPECT_NE(rt.err().message.find("kingkung.toml"), std::string::npos) << rt.err().message;
  EXPECT_NE(rt.err().message.find("interval_seconds"), std::string::npos) << rt.err().message;
}

TEST_F(WebHealthRuntime, MissingConfigFileIsNamed) {
  auto rt = start(config_.dir() / "absent.toml");
  ASSERT_FALSE(rt);
  EXPECT_NE(rt.err().message.find("absent.toml"), std::string::npos) << rt.err().message;
}

TEST_F(WebHealthRuntime, ShutdownStopsServersBeforeReleasingPluginHoldersAndClosesTheDatabaseLast) {
  auto rt = start(config_.write({"fixture-good"}));
  ASSERT_TRUE(rt) << rt.err().message;
  auto& runtime = **rt;
  std::vector<std::string> order;
  struct holder {
    explicit holder(std::vector<std::string>* o) : order(o) {}
    ~holder() { order->push_back("holder released"); }
    std::vector<std::string>* order;
  };
  runtime.keep(std::make_shared<holder>(&order));
  runtime.on_stop("first server", [&] { order.push_back("first server stopped"); });
  runtime.on_stop("second server", [&] { order.push_back("second server stopped"); });

  runtime.shutdown();
  EXPECT_EQ(order,
            (std::vector<std::string>{"second server stopped", "first server stopped", "holder released"}));
  EXPECT_THROW(runtime.plugins(), std::logic_error);
  EXPECT_THROW(runtime.database(), std::logic_error);
  EXPECT_EQ(runtime.health().database.status, "closed");
}

}  // namespace
