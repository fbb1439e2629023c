// Component selection: what transport and modules a shop gets (shop > market > default), and the check
// that every name the config uses is registered by a loaded plugin.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config_test_support.hpp"
#include "kingkung/config/config.hpp"

namespace kingkung::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::load_text;
using testing::minimal_config;
using testing::temp_dir;

const std::vector<std::string> transports = {"tiktok-live", "tiktok-sim"};
const std::vector<std::string> modules = {"br-invoice", "mx-split"};

app_config load_ok(const temp_dir& dir, const std::string& more) {
  auto result = load_text(dir, minimal_config(more));
  EXPECT_TRUE(result.ok()) << result.message();
  return result.ok() ? *result.config : app_config{};
}

constexpr std::string_view selection = R"(
[transports]
default = "tiktok-live"

[markets.MX]
modules = ["mx-split"]
transport = "tiktok-sim"

[markets.BR]
modules = ["br-invoice"]

[[shops]]
key = "mx-default"
shop_id = "1"
region = "MX"
seller_type = "CROSS_BORDER"

[[shops]]
key = "mx-own"
shop_id = "2"
region = "MX"
seller_type = "LOCAL"
transport = "tiktok-live"
modules = ["br-invoice"]

[[shops]]
key = "br-none"
shop_id = "3"
region = "BR"
seller_type = "LOCAL"
modules = []

[[shops]]
key = "us"
shop_id = "4"
region = "US"
seller_type = "LOCAL"
)";

TEST(ConfigSelection, ShopWithoutEntriesGetsTheMarketTransportAndModules) {
  temp_dir dir;
  auto c = load_ok(dir, std::string(selection));
  ASSERT_EQ(c.shops.size(), 4u);
  EXPECT_EQ(c.transport_for(c.shops[0]), "tiktok-sim");
  EXPECT_THAT(c.modules_for(c.shops[0]), ElementsAre("mx-split"));
}

TEST(ConfigSelection, ShopEntriesWinOverTheMarket) {
  temp_dir dir;
  auto c = load_ok(dir, std::string(selection));
  ASSERT_EQ(c.shops.size(), 4u);
  EXPECT_EQ(c.transport_for(c.shops[1]), "tiktok-live");
  EXPECT_THAT(c.modules_for(c.shops[1]), ElementsAre("br-invoice"));
}

TEST(ConfigSelection, EmptyModuleListMeansNoModules) {
  temp_dir dir;
  auto c = load_ok(dir, std::string(selection));
  ASSERT_EQ(c.shops.size(), 4u);
  EXPECT_TRUE(c.modules_for(c.shops[2]).empty());
}

TEST(ConfigSelection, ShopOfAMarketWithoutConfigGetsTheDefaults) {
  temp_dir dir;
  auto c = load_ok(dir, std::string(selection));
  ASSERT_EQ(c.shops.size(), 4u);
  EXPECT_EQ(c.transport_for(c.shops[3]), "tiktok-live");
  EXPECT_TRUE(c.modules_for(c.shops[3]).empty());
  EXPECT_EQ(c.transport_for(c.shops[2]), "tiktok-live");  // BR names no transport
}

TEST(ConfigComponents, RegisteredNamesPass) {
  temp_dir dir;
  auto c = load_ok(dir, std::string(selection));
  EXPECT_TRUE(check_components(c, transports, modules).empty());
}

TEST(ConfigComponents, MisspelledShopTransportIsReportedWhereItIsWritten) {
  temp_dir dir;
  auto c = load_ok(dir, R"(
[[shops]]
key = "demo-mx"
shop_id = "1"
region = "MX"
seller_type = "CROSS_BORDER"
transport = "tiktok-simm"
)");
  auto errors = check_components(c, transports, modules);
  ASSERT_EQ(errors.size(), 1u);
  const auto& e = errors[0];
  EXPECT_EQ(e.file, c.source_name);
  EXPECT_EQ(e.line, 9u);
  EXPECT_EQ(e.column, 13u);
  EXPECT_EQ(e.key_path, "shops[0].transport");
  EXPECT_EQ(e.expected, "a loaded transport (tiktok-live, tiktok-sim)");
  EXPECT_EQ(e.found, "\"tiktok-simm\"");
  EXPECT_EQ(e.hint, "did you mean \"tiktok-sim\"?");
}

TEST(ConfigComponents, UnknownModulesAreReportedForMarketsAndShops) {
  temp_dir dir;
  auto c = load_ok(dir, R"(
[markets.MX]
modules = ["mx-spilt"]

[markets.MX.mx-split]
max_packages = 3

[markets.BR.br-invoices]
strict = true

[[shops]]
key = "br"
shop_id = "1"
region = "BR"
seller_type = "LOCAL"
modules = ["br-invoice", "nf-e"]
)");
  auto errors = check_components(c, transports, modules);
  ASSERT_EQ(errors.size(), 3u) << testing::all_messages(errors);
  EXPECT_EQ(errors[0].key_path, "markets.MX.modules[0]");
  EXPECT_EQ(errors[0].hint, "did you mean \"mx-split\"?");
  EXPECT_EQ(errors[1].key_path, "markets.BR.br-invoices");
  EXPECT_EQ(errors[1].hint, "did you mean \"br-invoice\"?");
  EXPECT_EQ(errors[2].key_path, "shops[0].modules[1]");
  EXPECT_EQ(errors[2].hint, "");
}

TEST(ConfigComponents, DefaultTransportMustBeRegistered) {
  temp_dir dir;
  auto c = load_ok(dir, "[transports]\ndefault = \"tiktok-live\"\n");
  auto errors = check_components(c, {"tiktok-sim"}, modules);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key_path, "transports.default");
  EXPECT_EQ(errors[0].line, 4u);
}

TEST(ConfigComponents, NoLoadedTransportSaysSo) {
  temp_dir dir;
  auto c = load_ok(dir, "");
  auto errors = check_components(c, {}, {});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0].expected, HasSubstr("none is loaded"));
}

}  // namespace
}  // namespace kingkung::config
