// Loading valid files: defaults, every key read, relative paths resolved against the config folder.
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using testing::load_text;
using testing::minimal_config;
using testing::temp_dir;

TEST(ConfigLoad, MinimalFileGetsTheDocumentedDefaults) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config());
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  EXPECT_EQ(c.server.listen_address, "127.0.0.1");
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_EQ(c.server.public_url, "http://127.0.0.1:8080");
  EXPECT_FALSE(c.server.tls.enabled);
  EXPECT_TRUE(c.server.run_sync_workers);
  EXPECT_EQ(c.database.url, "sqlite3:" + (dir.path() / "../var/kingkung.db").lexically_normal().string());
  EXPECT_EQ(c.database.pool_size, 4u);
  EXPECT_EQ(c.vault.key_file, (dir.path() / "../var/master.key").lexically_normal());
  EXPECT_EQ(c.default_transport, "tiktok-live");
  EXPECT_EQ(c.tiktok.qps_per_api, 20u);
  EXPECT_EQ(c.privacy.retention_days, 30u);
  EXPECT_EQ(c.log.level, "info");
  EXPECT_FALSE(c.demo.enabled);
  EXPECT_TRUE(c.shops.empty());
}

TEST(ConfigLoad, RemembersTheFileAsNamedAndAsAnAbsolutePath) {
  temp_dir dir;
  auto file = dir.write("kingkung.toml", minimal_config());
  auto env = testing::secret_environment();
  auto result = load(file, {&env});
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->source, file.lexically_normal());
  EXPECT_EQ(result.config->source_name, file.string());
}

TEST(ConfigLoad, ReadsEveryKeyOfEverySection) {
  temp_dir dir;
  std::filesystem::create_directories(dir.path() / "ui");
  std::filesystem::create_directories(dir.path() / "plugins");
  dir.write("tls/cert.pem", "cert");
  dir.write("tls/key.pem", "key");
  auto result = load_text(dir, R"(
[server]
listen = "0.0.0.0"
port = 9443
threads = 3
public_url = "https://seller.example.com/"
max_header_bytes = 32768
max_body_bytes = 1048576
read_timeout_seconds = 15
idle_timeout_seconds = 90
max_connections = 500
run_sync_workers = false
static_dir = "ui"

[server.tls]
enabled = true
cert_file = "tls/cert.pem"
key_file = "tls/key.pem"

[database]
url = "sqlite3:/srv/kingkung/kk.db"
pool_size = 8

[vault]
key_file = "/srv/kingkung/master.key"

[tiktok]
app_key = "app-123"
service_id = "7001"
authorize_url = "https://services.tiktokshops.us/open/authorize"
qps_per_api = 10
max_retries = 2
backoff_base_ms = 100
backoff_cap_ms = 5000

[transports]
default = "tiktok-sim"

[plugins]
dir = "plugins"
load = ["tiktok-sim", "mx-split"]

[markets.MX]
modules = ["mx-split"]

[[shops]]
key = "mx-one"
shop_id = "7495540735365777507"
name = "Tienda Uno"
region = "MX"
seller_type = "CROSS_BORDER"

[sync]
interval_seconds = 30
overlap_seconds = 120
backfill_days = 7
reconcile_hours = 12
lease_seconds = 60
workers = 4

[privacy]
retention_days = 14

[demo]
enabled = false
seller_name = "Someone"

[log]
level = "debug"
)");
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  EXPECT_EQ(c.server.listen_address, "0.0.0.0");
  EXPECT_EQ(c.server.port, 9443);
  EXPECT_EQ(c.server.threads, 3u);
  EXPECT_EQ(c.server.public_url, "https://seller.example.com");
  EXPECT_EQ(c.server.max_header_bytes, 32768u);
  EXPECT_EQ(c.server.max_body_bytes, 1048576u);
  EXPECT_EQ(c.server.read_timeout_seconds, 15u);
  EXPECT_EQ(c.server.idle_timeout_seconds, 90u);
  EXPECT_EQ(c.server.max_connections, 500u);
  EXPECT_FALSE(c.server.run_sync_workers);
  EXPECT_EQ(c.server.static_dir, dir.path() / "ui");
  EXPECT_TRUE(c.server.tls.enabled);
  EXPECT_EQ(c.server.tls.cert_file, dir.path() / "tls/cert.pem");
  EXPECT_EQ(c.server.tls.key_file, dir.path() / "tls/key.pem");
  EXPECT_EQ(c.database.url, "sqlite3:/srv/kingkung/kk.db");
  EXPECT_EQ(c.database.pool_size, 8u);
  EXPECT_EQ(c.vault.key_file, "/srv/kingkung/master.key");
  EXPECT_EQ(c.tiktok.app_key, "app-123");
  EXPECT_EQ(c.tiktok.service_id, "7001");
  EXPECT_EQ(c.tiktok.authorize_url, "https://services.tiktokshops.us/open/authorize");
  EXPECT_EQ(c.tiktok.qps_per_api, 10u);
  EXPECT_EQ(c.tiktok.max_retries, 2u);
  EXPECT_EQ(c.tiktok.backoff_base_ms, 100u);
  EXPECT_EQ(c.tiktok.backoff_cap_ms, 5000u);
  EXPECT_EQ(c.default_transport, "tiktok-sim");
  EXPECT_EQ(c.plugins.dir, dir.path() / "plugins");
  EXPECT_EQ(c.plugins.load, (std::vector<std::string>{"tiktok-sim", "mx-split"}));
  ASSERT_EQ(c.markets.count("MX"), 1u);
  EXPECT_EQ(c.markets.at("MX").modules, std::vector<std::string>{"mx-split"});
  ASSERT_EQ(c.shops.size(), 1u);
  EXPECT_EQ(c.shops[0].key, "mx-one");
  EXPECT_EQ(c.shops[0].shop_id, "7495540735365777507");
  EXPECT_EQ(c.shops[0].name, "Tienda Uno");
  EXPECT_EQ(c.shops[0].region, "MX");
  EXPECT_EQ(c.shops[0].seller_type, "CROSS_BORDER");
  EXPECT_FALSE(c.shops[0].demo);
  EXPECT_EQ(c.sync.interval_seconds, 30u);
  EXPECT_EQ(c.sync.overlap_seconds, 120u);
  EXPECT_EQ(c.sync.backfill_days, 7u);
  EXPECT_EQ(c.sync.reconcile_hours, 12u);
  EXPECT_EQ(c.sync.lease_seconds, 60u);
  EXPECT_EQ(c.sync.workers, 4u);
  EXPECT_EQ(c.privacy.retention_days, 14u);
  EXPECT_EQ(c.demo.seller_name, "Someone");
  EXPECT_EQ(c.log.level, "debug");
}

TEST(ConfigLoad, ResolvesRelativePathsAgainstTheConfigFolder) {
  temp_dir dir;
  std::filesystem::create_directories(dir.path() / "etc/ui");
  std::filesystem::create_directories(dir.path() / "lib/plugins");
  dir.write_secret("etc/secrets/app-secret", "s3cr3t-from-file\n");
  load_options options;
  std::map<std::string, std::string> env;  // no secret in the environment: the file is read
  options.environment = &env;
  auto file = dir.write("etc/kingkung.toml", R"(
[server]
static_dir = "ui"
[database]
url = "sqlite3:../var/kk.db"
[vault]
key_file = "keys/master.key"
[tiktok]
app_key = "kk"
app_secret_file = "secrets/app-secret"
[plugins]
dir = "../lib/plugins"
)");
  auto result = load(file, options);
  ASSERT_TRUE(result.ok()) << result.message();
  const auto& c = *result.config;
  const auto etc = dir.path() / "etc";
  EXPECT_EQ(c.server.static_dir, etc / "ui");
  EXPECT_EQ(c.database.url, "sqlite3:" + (dir.path() / "var/kk.db").string());
  EXPECT_EQ(c.vault.key_file, etc / "keys/master.key");
  EXPECT_EQ(c.tiktok.app_secret_file, etc / "secrets/app-secret");
  EXPECT_EQ(c.plugins.dir, dir.path() / "lib/plugins");
  EXPECT_TRUE(c.vault.key_file.is_absolute());
}

TEST(ConfigLoad, PublicUrlDefaultsToHttpsWhenTlsIsOn) {
  temp_dir dir;
  dir.write("cert.pem", "c");
  dir.write("key.pem", "k");
  auto result = load_text(dir, minimal_config(R"(
[server]
port = 8443
[server.tls]
enabled = true
cert_file = "cert.pem"
key_file = "key.pem"
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->server.public_url, "https://127.0.0.1:8443");
}

TEST(ConfigLoad, EmptyShopListIsAllowed) {
  temp_dir dir;
  auto result = load_text(dir, "shops = []\n" + minimal_config());
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_TRUE(result.config->shops.empty());
}

TEST(ConfigLoad, ShopNameDefaultsToItsKey) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "us-main"
shop_id = "7000714532876273420"
region = "US"
seller_type = "LOCAL"
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  EXPECT_EQ(result.config->shops.at(0).name, "us-main");
}

TEST(ConfigLoad, RecordsWhereComponentNamesAreWritten) {
  temp_dir dir;
  auto result = load_text(dir, minimal_config(R"(
[[shops]]
key = "mx"
shop_id = "1"
region = "MX"
seller_type = "LOCAL"
transport = "tiktok-sim"
modules = ["a", "b"]
)"));
  ASSERT_TRUE(result.ok()) << result.message();
  auto transport = result.config->location_of("shops[0].transport");
  EXPECT_EQ(transport.line, 9u);
  EXPECT_EQ(transport.column, 13u);
  EXPECT_EQ(result.config->location_of("shops[0].modules[1]").line, 10u);
  EXPECT_EQ(result.config->location_of("shops[0].modules[1]").column, 17u);
  EXPECT_EQ(result.config->location_of("no.such.key").line, 0u);
}

}  // namespace
}  // namespace kingkung::config
