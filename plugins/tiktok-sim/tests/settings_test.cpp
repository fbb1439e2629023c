// Reading the simulator's config table ([plugins.config.tiktok-sim]): values, defaults and errors
// that name the key, what was expected and what was found.
#include <gtest/gtest.h>

#include <fstream>

#include "kingkung/sim/settings.hpp"
#include "sim_test_support.hpp"

namespace {

using namespace simtest;

class SimSettings : public ::testing::Test {
 protected:
  SimSettings() {
    std::ofstream(dir.path() / "secret") << "  s3cr3t-value\n";
    config.strings["app_key"] = "key-1";
    config.strings["app_secret_file"] = (dir.path() / "secret").string();
    config.ints["seed"] = 7;
    config.lists["shops"] = {"demo-mx"};
    config.strings["shop.demo-mx.id"] = "7495540735365777507";
    config.strings["shop.demo-mx.region"] = "MX";
    config.strings["shop.demo-mx.seller_type"] = "CROSS_BORDER";
  }
  temp_dir dir;
  map_config config;
};

TEST_F(SimSettings, ReadsTheAppShopsAndTheTrimmedSecretFromItsFile) {
  auto s = kingkung::sim::read_settings(config, "/data/sim");
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_EQ(s->app_key, "key-1");
  EXPECT_EQ(s->app_secret, "s3cr3t-value");
  EXPECT_EQ(s->seed, 7u);
  EXPECT_EQ(s->data_dir, std::filesystem::path("/data/sim"));
  ASSERT_EQ(s->shops.size(), 1u);
  EXPECT_EQ(s->shops[0].region, "MX");
  EXPECT_EQ(s->shops[0].seller_type, "CROSS_BORDER");
  EXPECT_EQ(s->shops[0].name, "demo-mx");  // defaults to the key
  EXPECT_EQ(s->shops[0].orders, 40);
}

TEST_F(SimSettings, AnUnknownRegionNamesTheKeyAndTheAllowedValues) {
  config.strings["shop.demo-mx.region"] = "XX";
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("test.toml [plugins.config.tiktok-sim]: key \"shop.demo-mx.region\""),
            std::string::npos)
      << s.err().message;
  EXPECT_NE(s.err().message.find("MX, BR, US"), std::string::npos);
  EXPECT_NE(s.err().message.find("found \"XX\""), std::string::npos);
}

TEST_F(SimSettings, AMissingShopIdIsAnError) {
  config.strings.erase("shop.demo-mx.id");
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("shop.demo-mx.id"), std::string::npos);
}

TEST_F(SimSettings, AnUnknownKeySuggestsTheClosestOne) {
  config.strings["webhook_ulr"] = "http://127.0.0.1:1/x";
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("did you mean \"webhook_url\""), std::string::npos) << s.err().message;
}

TEST_F(SimSettings, AnUnreadableSecretFileNamesThePathButNoSecret) {
  config.strings["app_secret_file"] = (dir.path() / "missing").string();
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("app_secret_file"), std::string::npos);
  EXPECT_NE(s.err().message.find((dir.path() / "missing").string()), std::string::npos);
}

TEST_F(SimSettings, ARelativeSecretPathIsFoundBesideTheConfigFile) {
  config.where = (dir.path() / "kingkung.toml").string() + " [plugins.config.tiktok-sim]";
  config.strings["app_secret_file"] = "secret";
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_TRUE(s.ok()) << s.err().message;
  EXPECT_EQ(s->app_secret, "s3cr3t-value");
}

TEST_F(SimSettings, OrderCountsOutOfRangeAreRefused) {
  config.ints["shop.demo-mx.orders"] = 100000;
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("expected an integer in [0, 5000], found 100000"), std::string::npos)
      << s.err().message;
}

TEST_F(SimSettings, TwoShopsWithOneIdAreRefused) {
  config.lists["shops"] = {"demo-mx", "demo-mx2"};
  config.strings["shop.demo-mx2.id"] = "7495540735365777507";
  config.strings["shop.demo-mx2.region"] = "MX";
  auto s = kingkung::sim::read_settings(config, "");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.err().message.find("also shop demo-mx"), std::string::npos) << s.err().message;
}

}  // namespace
